"""Pictures, charts, colours and the social card of the web edition.

Everything is made from the release alone (no clock, no random names), so a
page's bytes depend on its inputs and ``build --check`` can compare them.
Pictures are embedded as resized copies (``srcset`` of data URIs): the page is
one self-contained file that can be mailed, archived or opened offline.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from pressctl.kit import FactRow
from pressctl.render.html.markup import esc

#: The widths of a picture's copies: a phone, a tablet or a column at 2×, a full screen.
WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 82
CARD = (1200, 630)


@dataclass(frozen=True)
class Copy:
    width: int
    height: int
    mime: str
    data: bytes

    @property
    def uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@lru_cache(maxsize=16)
def copies(path: Path, stamp: tuple[int, int]) -> tuple[Copy, ...]:
    """The picture at ``path`` at each of :data:`WIDTHS` not wider than itself (turned
    upright by its EXIF, flattened onto white); the original size when it is smaller."""
    with Image.open(path) as original:
        png = original.format == "PNG"
        image = ImageOps.exif_transpose(original) or original.copy()
        image = image.convert("RGBA" if png else "RGB")
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    out = []
    for width in dict.fromkeys(widths):
        height = max(1, round(width * image.height / image.width))
        copy = image.resize((width, height), Image.Resampling.LANCZOS) \
            if width != image.width else image
        buffer = io.BytesIO()
        if png:
            copy.save(buffer, "PNG", optimize=False)
        else:
            copy.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
        out.append(Copy(width, height, "image/png" if png else "image/jpeg", buffer.getvalue()))
    return tuple(out)


def picture_copies(path: Path) -> tuple[Copy, ...]:
    stat = path.stat()
    return copies(path, (stat.st_size, stat.st_mtime_ns))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def rgb_of(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def ink(colour: str) -> str:
    """The organisation colour, darkened until text in it on white has WCAG AA contrast
    (4.5:1): a pale brand colour still colours the page, never unreadable links."""
    rgb = rgb_of(colour)
    for step in range(0, 101):
        shade = tuple(round(v * (1 - step / 100)) for v in rgb)
        if 1.05 / (luminance(shade) + 0.05) >= 4.6:  # type: ignore[arg-type]
            return hex_of(shade)  # type: ignore[arg-type]
    return "#000000"  # pragma: no cover - black always passes


def tint(colour: str, share: float = 0.07) -> str:
    """The colour mixed into white: the pull-quote's background."""
    return hex_of(tuple(round(255 - (255 - v) * share) for v in rgb_of(colour)))  # type: ignore[arg-type]


def bar_chart(rows: list[FactRow], colour: str, alt: str) -> str:
    """An inline SVG bar chart (one bar per figure, values as the fact table prints them).

    ``role="img"`` and its ``<title>`` carry the same alternative text as the
    PDF's /Alt and the DOCX picture's description; the labels inside are drawn
    but hidden from screen readers, which read the title once.
    """
    top = max(abs(r.value) for r in rows) or 1.0
    row_h, label_w, width = 44, 260, 720
    height = row_h * len(rows) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="{{id}}"><title id="{{id}}">{esc(alt)}</title>'
             '<g aria-hidden="true" font-family="inherit" font-size="15" fill="#1f2328">']
    for index, row in enumerate(rows):
        y = index * row_h + 4
        bar = max(2.0, (width - label_w - 170) * abs(row.value) / top)
        parts.append(f'<text x="0" y="{y + 24}">{esc(_clip(row.label, 30))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 8}" width="{bar:.1f}" height="24" '
                     f'fill="{esc(ink(colour))}"/>')
        parts.append(f'<text x="{label_w + bar + 8:.1f}" y="{y + 26}" font-weight="700">'
                     f'{esc(row.value_text)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def social_card(title: str, organisation: str, line: str, colour: str, font: Path,
                index: int, bold: Path, bold_index: int) -> bytes:
    """The 1200×630 PNG a link preview shows: the organisation, the title, the date line.

    Drawn with the kit's own fonts (the CJK face for Chinese) so a shared link
    never shows boxes; wrapped by width, per character where there are no spaces.
    """
    card = Image.new("RGB", CARD, (255, 255, 255))
    draw = ImageDraw.Draw(card)
    brand = rgb_of(colour)
    draw.rectangle((0, 0, CARD[0], 24), fill=brand)
    draw.rectangle((0, CARD[1] - 90, CARD[0], CARD[1]), fill=rgb_of(ink(colour)))
    small = ImageFont.truetype(str(font), 34, index=index)
    big_size = 64
    lines: list[str] = []
    while big_size >= 36:
        big = ImageFont.truetype(str(bold), big_size, index=bold_index)
        lines = _wrap(draw, title, big, CARD[0] - 140)
        if len(lines) * big_size * 1.25 <= 330:
            break
        big_size -= 6
    draw.text((70, 70), organisation, font=small, fill=(60, 64, 70))
    y = 140
    for text in lines[:5]:
        draw.text((70, y), text, font=big, fill=(31, 35, 40))
        y += round(big_size * 1.25)
    draw.text((70, CARD[1] - 68), line, font=small, fill=(255, 255, 255))
    buffer = io.BytesIO()
    card.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
          width: int) -> list[str]:
    """Lines no wider than ``width``: break at spaces, or between any two characters of
    text written without spaces (Chinese)."""
    units = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines: list[str] = []
    current = ""
    for unit in units:
        trial = f"{current}{joiner}{unit}" if current else unit
        if current and draw.textlength(trial, font=font) > width:
            lines.append(current)
            current = unit
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
