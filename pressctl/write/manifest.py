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

from pressctl.core.atomic import sha256
from pressctl.core.names import EXTENSIONS, MEDIA
from pressctl.core.paths import relative
from pressctl.core.settings import Config

if TYPE_CHECKING:
    from pressctl.source.release import Release

NAME = "manifest.json"
#: The files of a release the manifest lists (the web page's social card is a .png).
OUTPUT_SUFFIXES = (*(f".{ext}" for ext in EXTENSIONS.values()), ".png")


def _data(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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


def slug_of(folder: Path) -> str | None:
    """The release a manifest describes (None: no manifest of pressctl's)."""
    data = _data(folder)
    slug = data.get("slug") if data else None
    return slug if isinstance(slug, str) else None


def plain_name(name: object) -> bool:
    """A file name of the folder itself: no folder part, no way out of it, not hidden."""
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name \
        and not name.startswith(".") and "\0" not in name


def listed(folder: Path) -> list[str]:
    """What the manifest says pressctl wrote in ``folder``: its outputs' names and its
    media (``media/<name>``).  Only plain names count: a manifest is a file anyone's pull
    request can change, and the build removes what it lists."""
    data = _data(folder) or {}
    found: list[str] = []
    for key in ("files", "media"):
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            path = item.get("path") if isinstance(item, dict) else None
            if not isinstance(path, str):
                continue
            head, _, name = path.rpartition("/")
            if (head == MEDIA if key == "media" else not head) and plain_name(name):
                found.append(path)
    return found


def manifest_text(data: dict[str, Any], files: dict[str, Path],
                  inputs: dict[str, Any] | None = None) -> str:
    """The manifest: ``data``, then every output with size and SHA-256.

    ``files`` maps each output's name to where its bytes are now (the output, or the
    temporary file that is about to replace it); ``inputs`` maps a name to the hash of
    what it was built from, which lets the next build skip it.
    """
    listed = [
        {"path": name, "size": path.stat().st_size, "sha256": sha256(path),
         **({"inputs": inputs[name]} if inputs and inputs.get(name) else {})}
        for name, path in sorted(files.items())
    ]
    return json.dumps({**data, "files": listed}, ensure_ascii=False, indent=2) + "\n"


def segment_counts(config: Config, release: Release, lang: str) -> dict[str, int]:
    """How many of the release's segments ``lang``'s catalog has translated (the manifest's
    ``segments``): the release's own language counts as translated."""
    from pressctl.catalogs import catalog
    from pressctl.source.segment import segments

    msgids = [s.text for s in segments(release)]
    if lang == release.lang:
        return {"translated": len(set(msgids)), "fuzzy": 0, "untranslated": 0}
    counts = catalog.counts(catalog.load_or_none(config.catalog_path(lang, release.slug)), msgids)
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated}


def release_data(config: Config, release: Release, seed: Path, draft: bool,
                 media: list[dict[str, Any]], embargoed: bool = False) -> dict[str, Any]:
    """What the manifest says of the release itself, before its list of files.
    ``embargoed``: built while its embargo held (the newsroom waits for a rebuild)."""
    data: dict[str, Any] = {
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
    if media:
        data["media"] = media
    return data
