"""A figure's picture made ready for the page, the same bytes for PDF and DOCX.

Pillow turns the original into what a press kit embeds: turned upright
(EXIF orientation, :func:`ImageOps.exif_transpose`), in RGB (CMYK, palette,
grey and transparent pictures converted; transparency on white), placed at
the text width or at its natural size when smaller (its pixels at the dpi it
records, 150 dpi when it records none) keeping the aspect ratio, and
downsampled so that it never carries more than :data:`MAX_DPI` at that size.
The original file is never changed; it is copied whole to ``media/``.  The
output is deterministic (same picture, same bytes): JPEG for photographs,
PNG when the original is PNG (drawings, logos, screenshots stay sharp).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

MAX_DPI = 300
#: The resolution assumed for a picture that records none.
DEFAULT_DPI = 150
JPEG_QUALITY = 90


@dataclass(frozen=True)
class Picture:
    data: bytes
    kind: str  # "jpeg" or "png"
    width: float  # placed size in points
    height: float
    pixels: tuple[int, int]  # as embedded


def _natural_points(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi")
    try:
        x_dpi = float(dpi[0]) if dpi and float(dpi[0]) > 1 else DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        x_dpi = DEFAULT_DPI
    return image.width * 72 / x_dpi, image.height * 72 / x_dpi


@lru_cache(maxsize=32)
def _prepared(path: Path, stamp: tuple[int, int], max_width: float) -> Picture:
    with Image.open(path) as original:
        kind = "png" if original.format == "PNG" else "jpeg"
        natural = _natural_points(original)
        image = ImageOps.exif_transpose(original)
        if image is None:  # pragma: no cover - Pillow returns a copy unless in_place
            image = original.copy()
        if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")  # CMYK, palette, grey, 16-bit
    if image.size != original.size:  # turned a quarter: the natural size turns too
        natural = (natural[1], natural[0])
    width = min(max_width, natural[0])
    height = width * image.height / image.width
    most = max(1, round(width / 72 * MAX_DPI))
    if image.width > most:
        image = image.resize((most, max(1, round(most * image.height / image.width))),
                             Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "png":
        image.save(out, "PNG", optimize=False, dpi=(MAX_DPI, MAX_DPI))
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False,
                   dpi=(MAX_DPI, MAX_DPI))
    return Picture(out.getvalue(), kind, width, height, image.size)


def prepare(path: Path, max_width: float) -> Picture:
    """The picture at ``path`` for a column ``max_width`` points wide."""
    stat = path.stat()
    return _prepared(path, (stat.st_size, stat.st_mtime_ns), round(max_width, 3))
