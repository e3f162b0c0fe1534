"""Incremental builds: the input key of each output file, and whether it is up to date.

An output is rebuilt exactly when something it depends on changed.  Its key
hashes every such input (seed, catalogs, kit wording, settings, the fonts'
files, pictures, pressctl's own code), and the manifest records the key and
the bytes each file was written with; a file whose key and bytes match its
record is left alone (its inode and mtime too).  Keys are computed from files
alone, without parsing, so that a build with nothing to do stays cheap.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.catalogs.reading import reading_hash
from pressctl.core import inputs
from pressctl.core.atomic import sha256, write_bytes
from pressctl.core.errors import PressctlError
from pressctl.core.lang import base_lang
from pressctl.core.names import KIT_DOMAIN, SHIPPED_WORDING
from pressctl.core.paths import cache_dir
from pressctl.core.settings import Config

if TYPE_CHECKING:
    from pressctl.source.release import Release


def read_release(seed: Path, config: Config) -> Release:
    """The seed, parsed once per version of the file; in the project's ``source_lang``
    unless it names its own language."""
    from pressctl.source import cached

    return cached.release(seed, config.source_lang)


code_hash = inputs.code_hash
_file_hash = inputs.file_hash


def _pictures(config: Config, seed: Path, code: str) -> list[Path]:
    """The picture files ``seed`` shows, read from the seed (the Markdown reader's work).

    A seed that shows no picture is remembered as such, by the hash of its bytes
    and of pressctl's code, in the cache (``pictures/``): a build with nothing to
    do then hashes the seed and reads no Markdown or YAML.  Only "none" is
    remembered — it follows from the text alone — while a seed with pictures is
    read every time, because where a picture path leads (a symlink, a moved
    project) and whether the file is still a picture are checked by reading it.
    """
    marker = cache_dir("pictures") / hashlib.sha256(
        "\0".join((code, config.source_lang, _file_hash(seed))).encode()).hexdigest()
    if marker.is_file():
        return []
    from pressctl.source.media import figure_files

    found = figure_files(read_release(seed, config))
    if not found:
        with contextlib.suppress(OSError, PressctlError):  # an unwritable cache costs time only
            write_bytes(marker, b"")
    return found


def _shipped_wording_hash(config: Config, lang: str) -> str:
    """The default kit wording pressctl ships is an input like the project's catalog: every
    script's of the language's locale (``zh``: ``zh_Hans`` and ``zh_Hant``), as finding
    the one file that serves a locale takes Babel, 0.02 s of a build with nothing to do."""
    base = base_lang(config.locale(lang))
    return "".join(_file_hash(path) for path in
                   sorted(SHIPPED_WORDING.glob(f"{base}_*/LC_MESSAGES/{KIT_DOMAIN}.po")))


def input_key(config: Config, seed: Path, lang: str, fmt: str, draft: bool,
              code: str, source: str | None = None, embargoed: bool = False) -> str:
    """Everything an output depends on: seed, catalogs, settings, fonts, code.

    ``source`` is the release's own language, which the bilingual edition
    prints beside ``lang`` with its own kit wording, locale and font.
    """
    from pressctl.core.fonts import resolve

    parts = [code, fmt, lang, str(draft), _file_hash(seed),
             _file_hash(config.glossary_path),  # the QA gate reads it
             *(_file_hash(p) for p in _pictures(config, seed, code)),
             repr((config.colour, config.page_size, config.margins_mm,
                   sorted(config.qa.items())))]
    if embargoed:  # its lifting changes the label, so it is a change like an edit
        parts.append("embargoed")
    # the bilingual edition prints the source language's side with its own kit too
    sides = [lang, source or config.source_lang] if fmt.startswith("bilingual") else [lang]
    for side in sides:
        # what the kits read, not the comments or the wrapping (catalogs/reading.py)
        parts += [reading_hash(config.catalog_path(side, seed.stem)),
                  reading_hash(config.catalog_path(side, KIT_DOMAIN)),
                  _shipped_wording_hash(config, side),
                  repr((config.locale(side), config.tag(side),
                        sorted(config.fonts.get(side, {}).items())))]
        try:
            fonts = resolve(side, config.fonts.get(side))
            for font in (fonts.regular, fonts.bold):
                stat = font.path.stat()
                parts.append(f"{font.path}:{font.index}:{stat.st_size}:{stat.st_mtime_ns}")
        except PressctlError:
            parts.append("no-font")  # the render itself reports the missing font
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def up_to_date(target: Path, key: str, previous: dict[str, dict[str, object]]) -> bool:
    """``target`` was built from inputs of this ``key`` and still has the bytes on record
    (``previous``: the manifest's entries by file name) — a hand-edited output is rebuilt."""
    entry = previous.get(target.name)
    return (entry is not None and entry.get("inputs") == key and target.is_file()
            and entry.get("sha256") == sha256(target))
