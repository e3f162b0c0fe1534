"""Bar charts of the key figures that share a unit, drawn as PNG for the DOCX.

A picture survives every word processor and LibreOffice's PDF export
unchanged, where a native DOCX chart would need an embedded workbook and
renders differently everywhere.  Labels are set in the kit's own font (found
through pressctl.fonts) so Chinese labels render, and the PNG carries no
timestamp, so two renders are byte-identical.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from pressctl.fonts import FontSet
from pressctl.kit import FactRow, Kit
from pressctl.segment import is_cjk

DPI = 220
MM = DPI / 25.4


@dataclass(frozen=True)
class Chart:
    unit_text: str
    caption: str
    png: bytes
    width_mm: float
    height_mm: float
    description: str  # alternative text: the figures the bars show


def groups(facts: tuple[FactRow, ...]) -> list[list[FactRow]]:
    """Figures grouped by source unit, in first-seen order; a lone figure is no chart."""
    by_unit: dict[str, list[FactRow]] = {}
    for row in facts:
        by_unit.setdefault(row.unit, []).append(row)
    return [rows for rows in by_unit.values() if len(rows) > 1]


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


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        trial = line + token
        if line and font.getlength(trial.rstrip()) > width:
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


def draw(rows: list[FactRow], kit: Kit, fonts: FontSet, width_mm: float) -> Chart:
    caption = kit.t("Key figures in {unit}", unit=rows[0].unit_text)
    px = MM
    width = round(width_mm * px)
    regular = ImageFont.truetype(str(fonts.regular.path), round(3.3 * px),
                                 index=fonts.regular.index)
    bold = ImageFont.truetype(str(fonts.bold.path), round(3.3 * px), index=fonts.bold.index)
    label_width = width * 0.38
    gap = 4 * px
    value_width = max(bold.getlength(row.value_text) for row in rows) + 2.5 * px
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
            pen.text((label_width, text_top + i * line_height + line_height / 2), line,
                     font=regular, fill=ink, anchor="rm")
        bar_top = y + (row_height - bar_height) / 2
        length = max(plot_width * abs(row.value) / largest, 0.6 * px)
        pen.rectangle((plot_left, bar_top, plot_left + length, bar_top + bar_height),
                      fill=colour)
        pen.text((plot_left + length + 1.6 * px, bar_top + bar_height / 2), row.value_text,
                 font=bold, fill=ink, anchor="lm")
        y += row_height + row_gap
    pen.line((plot_left, top - 0.8 * px, plot_left, height - 0.7 * px), fill=axis,
             width=max(1, round(0.25 * px)))

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(DPI, DPI))
    description = f"{caption}: " + "; ".join(f"{row.label} {row.value_text}" for row in rows)
    return Chart(rows[0].unit_text, caption, out.getvalue(), width_mm, height / px, description)


def charts(kit: Kit, fonts: FontSet, width_mm: float) -> list[Chart]:
    return [draw(rows, kit, fonts, width_mm) for rows in groups(kit.facts)]
