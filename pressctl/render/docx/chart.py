"""Bar charts of the key figures that share a unit, drawn as PNG for the DOCX.

A picture survives every word processor and LibreOffice's PDF export
unchanged, where a native DOCX chart would need an embedded workbook and
renders differently everywhere.  Labels are set in the kit's own font (found
through pressctl.core.fonts) so Chinese labels render, and the PNG carries no
timestamp, so two renders are byte-identical.

Drawing and optimising the PNGs took a quarter of a DOCX build, and the
picture depends only on what :func:`_cache_key` hashes (the bars' labels and
figures, the colour, the fonts' contents, the sizes, this module and Pillow),
so each chart is drawn once and kept in the cache folder (``charts/``): a
rebuild, another process of ``--jobs`` or another release with the same
figures reuses it.  A cached and a fresh chart are the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pressctl.core.atomic import sha256_of_input, write_bytes
from pressctl.core.errors import PressctlError
from pressctl.core.fonts import FontSet
from pressctl.core.paths import cache_dir
from pressctl.core.script import is_cjk, is_cjk_letter
from pressctl.kit import FactRow, Kit
from pressctl.render.charts import describe, groups

DPI = 220
MM = DPI / 25.4
PT = DPI / 72
#: Space between a Chinese character and an adjacent Latin letter or figure, in
#: em: what the PDF kit and Word's autospace put in "1423.8 亿欧元".
AUTOSPACE = 0.22
#: The label column: the longest label on one line, within these shares of the
#: width (as the PDF charts), the same for every chart so their axes align.
LABEL_SHARE = (0.28, 0.45)


@dataclass(frozen=True)
class Chart:
    unit_text: str
    caption: str
    png: bytes
    width_mm: float
    height_mm: float
    description: str  # alternative text: the figures the bars show (chart.describe)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except (ValueError, IndexError):
        return (0x1C, 0x69, 0xD4)


def _tokens(text: str) -> list[str]:
    """Break points: between words in Latin text, between characters in CJK text."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if is_cjk(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _spaced(before: str, after: str) -> bool:
    """Whether autospace separates two adjacent characters."""
    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()

    return ((is_cjk_letter(before) and latin(after))
            or (latin(before) and is_cjk_letter(after)))


def _pieces(text: str, font: ImageFont.FreeTypeFont) -> tuple[list[tuple[float, str]], float]:
    """``text`` as (x offset, text) pieces with autospace between them, and its width."""
    pad = AUTOSPACE * font.size
    out: list[tuple[float, str]] = []
    start, current = 0.0, ""
    for index, char in enumerate(text):
        current += char
        if index + 1 < len(text) and _spaced(char, text[index + 1]):
            out.append((start, current))
            start += font.getlength(current) + pad
            current = ""
    out.append((start, current))
    return out, start + font.getlength(current)


def _length(text: str, font: ImageFont.FreeTypeFont) -> float:
    return _pieces(text, font)[1]


def _text(pen: ImageDraw.ImageDraw, x: float, y: float, text: str,
          font: ImageFont.FreeTypeFont, fill: tuple[int, int, int], right: bool = False) -> None:
    """Draw ``text`` from ``x`` (or ending at ``x``), vertically centred on ``y``."""
    parts, width = _pieces(text, font)
    left = x - width if right else x
    for offset, part in parts:
        if part:
            pen.text((left + offset, y), part, font=font, fill=fill, anchor="lm")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        trial = line + token
        if line and _length(trial.rstrip(), font) > width:
            lines.append(line.rstrip())
            line = token.lstrip() if not is_cjk(token[0]) else token
        else:
            line = trial
    if line.strip():
        lines.append(line.rstrip())
    # closing punctuation may not open a line: pull it back onto the previous one
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in "，。、；：！？）”’》」』】":
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [line for line in lines if line]


def _fonts(kit: Kit, fonts: FontSet) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont]:
    """Regular and bold at the size of the PDF kit's chart labels."""
    size = round((9 if kit.cjk else 8.5) * PT)
    return (ImageFont.truetype(str(fonts.regular.path), size, index=fonts.regular.index),
            ImageFont.truetype(str(fonts.bold.path), size, index=fonts.bold.index))


def label_column(rows: list[FactRow], font: ImageFont.FreeTypeFont, width: float) -> float:
    longest = max((_length(row.label, font) for row in rows), default=0.0)
    low, high = LABEL_SHARE
    return min(max(longest + 2, width * low), width * high)


def draw(rows: list[FactRow], kit: Kit, fonts: FontSet, width_mm: float,
         label_width_mm: float | None = None) -> Chart:
    caption = kit.t("Key figures in {unit}", unit=rows[0].unit_text)
    description = describe(rows, kit)
    path = cache_dir("charts") / f"{_cache_key(rows, kit, fonts, width_mm, label_width_mm)}.png"
    try:
        png = path.read_bytes()
    except OSError:
        png = _png(rows, kit, fonts, width_mm, label_width_mm)
        with contextlib.suppress(OSError, PressctlError):  # an unwritable cache costs time
            write_bytes(path, png)
    height = struct.unpack(">I", png[20:24])[0]  # the PNG header's IHDR height
    return Chart(rows[0].unit_text, caption, png, width_mm, height / MM, description)


_SOURCE = Path(__file__)


def _cache_key(rows: list[FactRow], kit: Kit, fonts: FontSet, width_mm: float,
               label_width_mm: float | None) -> str:
    """Everything the picture depends on (not the caption: it is not drawn)."""
    import PIL

    parts = [sha256_of_input(_SOURCE), PIL.__version__, kit.colour, str(kit.cjk),
             repr(width_mm), repr(label_width_mm),
             *(f"{font.path.name}:{font.index}:{sha256_of_input(font.path)}"
               for font in (fonts.regular, fonts.bold)),
             *(repr((row.label, row.value_text, row.value)) for row in rows)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _png(rows: list[FactRow], kit: Kit, fonts: FontSet, width_mm: float,
         label_width_mm: float | None) -> bytes:
    px = MM
    width = round(width_mm * px)
    regular, bold = _fonts(kit, fonts)
    label_width = (label_width_mm * px if label_width_mm is not None
                   else label_column(rows, regular, width))
    gap = 4 * px
    value_width = max(_length(row.value_text, bold) for row in rows) + 2.5 * px
    plot_left = label_width + gap
    plot_width = width - plot_left - value_width
    line_height = 4.8 * px
    bar_height = 6.2 * px
    row_gap = 3.2 * px
    wrapped = [_wrap(row.label, regular, label_width) for row in rows]
    heights = [max(bar_height, len(lines) * line_height) for lines in wrapped]
    top = 1.5 * px
    height = round(top + sum(heights) + row_gap * (len(rows) - 1) + 1.5 * px)

    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    ink, axis = (38, 38, 38), (200, 204, 210)
    colour = _rgb(kit.colour)
    largest = max(abs(row.value) for row in rows) or 1.0
    y = top
    for row, lines, row_height in zip(rows, wrapped, heights, strict=True):
        text_top = y + (row_height - len(lines) * line_height) / 2
        for i, line in enumerate(lines):
            _text(pen, label_width, text_top + i * line_height + line_height / 2, line,
                  regular, ink, right=True)
        bar_top = y + (row_height - bar_height) / 2
        length = max(plot_width * abs(row.value) / largest, 0.6 * px)
        pen.rectangle((plot_left, bar_top, plot_left + length, bar_top + bar_height),
                      fill=colour)
        _text(pen, plot_left + length + 1.6 * px, bar_top + bar_height / 2, row.value_text,
              bold, ink)
        y += row_height + row_gap
    pen.line((plot_left, top - 0.8 * px, plot_left, height - 0.7 * px), fill=axis,
             width=max(1, round(0.25 * px)))

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(DPI, DPI))
    return out.getvalue()


def charts(kit: Kit, fonts: FontSet, width_mm: float) -> list[Chart]:
    charted = groups(kit.facts)
    regular, _bold = _fonts(kit, fonts)
    label_mm = label_column([row for rows in charted for row in rows], regular,
                            width_mm * MM) / MM
    return [draw(rows, kit, fonts, width_mm, label_mm) for rows in charted]
