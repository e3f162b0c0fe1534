"""``manifest.json``: what a release folder holds, read and written in one place.

The manifest is written last, after every file of the release, and lists each
with its size, SHA-256 and input key.  It is the build's record: the next
build skips a file whose key and bytes match it (``build/keys.py``), and CI
reads it to know what the folder should contain.  Reading it back lives here
too, so the format has a single home.  A build killed before the manifest
leaves the previous one, whose hashes no longer match the new files, so the
next build rebuilds them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressctl.catalogs import catalog
from pressctl.core.atomic import sha256, write_text
from pressctl.core.config import Config
from pressctl.core.paths import relative
from pressctl.kit.web import EXTENSIONS

if TYPE_CHECKING:
    from pressctl.source.release import Release

NAME = "manifest.json"
#: The files of a release the manifest lists (the web page's social card is a .png).
OUTPUT_SUFFIXES = (*(f".{ext}" for ext in EXTENSIONS.values()), ".png")


def entries(folder: Path) -> dict[str, dict[str, object]]:
    """The manifest's entries by file name, or nothing if there is no readable manifest."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        return {f["path"]: f for f in data.get("files", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # not ours: rebuild
        return {}


def recorded_source_lang(folder: Path) -> str | None:
    """The release language the manifest recorded, without reading the seed again."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        lang = data.get("source_lang")
        return lang if isinstance(lang, str) else None
    except (OSError, ValueError, AttributeError):
        return None


def recorded_embargo(folder: Path, now: dt.datetime) -> bool:
    """Whether the embargo the manifest recorded still holds at ``now``."""
    from pressctl.source import embargo

    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        recorded = data.get("embargo")
        return isinstance(recorded, str) and not embargo.lifted(
            dt.datetime.fromisoformat(recorded), now)
    except (OSError, ValueError, AttributeError):
        return False


def write_manifest(folder: Path, data: dict[str, Any], files: list[Path],
                   inputs: dict[str, Any] | None = None) -> Path:
    """Record every output with size and SHA-256; written last, after the files.

    ``inputs`` maps a file name to the hash of what it was built from, which
    lets the next build skip it.  An unchanged manifest is not rewritten.
    """
    listed = [
        {"path": f.name, "size": f.stat().st_size, "sha256": sha256(f),
         **({"inputs": inputs[f.name]} if inputs and inputs.get(f.name) else {})}
        for f in sorted(files, key=lambda p: p.name)
    ]
    manifest = {**data, "files": listed}
    target = folder / NAME
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    if not (target.is_file() and target.read_text(encoding="utf-8") == text):
        write_text(target, text)
    return target


def segment_counts(config: Config, release: Release, lang: str) -> dict[str, int]:
    """How many of the release's segments ``lang``'s catalog has translated (the manifest's
    ``segments``): the release's own language counts as translated."""
    from pressctl.source.segment import segments

    msgids = [s.text for s in segments(release)]
    if lang == release.lang:
        return {"translated": len(set(msgids)), "fuzzy": 0, "untranslated": 0}
    counts = catalog.counts(catalog.load_or_none(config.catalog_path(lang, release.slug)), msgids)
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated}


def write_release_manifest(config: Config, release: Release, seed: Path, folder: Path,
                           draft: bool, keys: dict[Path, str], embargoed: bool = False) -> Path:
    """The manifest of one release folder, once all its files are written; copies the
    pictures it shows into ``media/`` first, as the manifest lists them.

    ``keys``: the input key of each file this build planned; a file it did not plan
    (another ``--lang``) keeps the key its previous manifest recorded.
    """
    previous = entries(folder)
    files = sorted(p for p in folder.glob(f"{release.slug}.*.*")
                   if p.suffix in OUTPUT_SUFFIXES and not p.name.startswith("."))
    inputs = {p.name: keys.get(p) or previous.get(p.name, {}).get("inputs") for p in files}
    data = {
        "slug": release.slug,
        "title": release.title,
        "date": release.date.isoformat(),
        "source": relative(config, seed),
        "source_lang": release.lang,
        "languages": list(config.languages),
        "draft": draft,
        "embargo": release.embargo.isoformat() if release.embargo else None,
        "embargoed": embargoed,  # built while it held: the newsroom waits for a rebuild
        "segments": {lang: segment_counts(config, release, lang) for lang in config.languages},
    }
    from pressctl.source.media import copy_media

    media = copy_media(release, folder)
    if media:
        data["media"] = media
    return write_manifest(folder, data, files, inputs)
