"""The originals of a release's figures, delivered with the kit.

Journalists want the full-resolution photos, not the downsampled copies in
the PDF: each picture is copied unchanged to ``dist/<slug>/media/`` and
listed in the manifest with its caption, credit, byte size, pixel size and
SHA-256.  A picture no longer used is removed from ``media/`` (when the
previous manifest lists it); an unchanged one is not rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pressctl.core.atomic import sha256
from pressctl.core.names import MEDIA
from pressctl.source.release import BlockKind, Release

FOLDER = MEDIA  # the one name, core/names.py
ORIENTATION = 0x0112  # the EXIF tag


def figure_files(release: Release) -> list[Path]:
    """Every picture file the release shows, in reading order, once each."""
    found = [b.image for b in release.blocks if b.kind is BlockKind.FIGURE and b.image]
    return list(dict.fromkeys(found))


def describe_media(release: Release) -> tuple[list[dict[str, Any]], dict[str, Path]]:
    """The manifest's ``media`` entries and, by name in ``media/``, the original each copies.

    Writing them is the build's (``build/run.py``): copied with the release's other
    files in one commit, and a picture no longer used removed only when the previous
    manifest lists it, so a file of the user's in ``media/`` is never touched.
    """
    from PIL import Image

    entries: list[dict[str, Any]] = []
    names: dict[Path, str] = {}
    for block in release.blocks:
        if block.kind is not BlockKind.FIGURE or block.image is None:
            continue
        source = block.image
        if source not in names:
            name, number = source.name, 1
            while name in names.values():  # two pictures with one name in two folders
                number += 1
                name = f"{source.stem}-{number}{source.suffix}"
            names[source] = name
        with Image.open(source) as image:
            pixels = list(image.size)
            if image.getexif().get(ORIENTATION) in (5, 6, 7, 8):  # shown turned a quarter
                pixels.reverse()
        entries.append({"path": f"{FOLDER}/{names[source]}", "caption": block.text,
                        "credit": block.credit or "", "size": source.stat().st_size,
                        "pixels": pixels, "sha256": sha256(source)})
    return entries, {name: source for source, name in names.items()}
