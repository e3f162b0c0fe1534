"""The QA gate's answers, remembered by everything they are computed from.

``pressctl build`` asks the gate before every build; checking a release's
catalogs costs about as much as rendering a page.  The answer for one release
(or the kit wording) in one language depends only on the seed's bytes, the
catalog's bytes, the glossary, the project's settings (QA severities, locales,
source language, folders), the severities the gate asks for, and pressctl's
own files and the versions of the libraries the checks use; so it is kept under the cache
folder (``qa/``), keyed by the hash of all of them, and an unchanged release is
not checked again.  Any edit of any of them is another key: an entry is never
updated, only not found.  A cache entry that cannot be read is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressctl.core import inputs
from pressctl.core.atomic import write_text
from pressctl.core.errors import PressctlError
from pressctl.core.paths import cache_dir

if TYPE_CHECKING:
    from pressctl.core.settings import Config

#: A problem as :meth:`pressctl.qa.Problem.as_dict` gives it.
Record = dict[str, Any]

#: Part of every key: bump it when what an entry holds changes.
VERSION = "pressctl-qa-gate-1"


#: Libraries whose data or matching a check's answer depends on: CLDR (numbers, dates),
#: PO parsing, fuzzy glossary matching, Simplified/Traditional conversion.
LIBRARIES = ("Babel", "polib", "rapidfuzz", "OpenCC")


def _libraries() -> str:
    """Their installed versions (from package metadata: nothing is imported)."""
    from importlib import metadata

    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


class Memo:
    """Cached problem lists for one project, one set of severities."""

    def __init__(self, config: Config, levels: dict[str, str]) -> None:
        self._base = "\0".join((VERSION, inputs.package_hash(), _libraries(),
                                json.dumps(config.settings(), sort_keys=True),
                                json.dumps(levels, sort_keys=True),
                                inputs.file_hash(config.glossary_path)))

    def key(self, *files: Path, extra: str = "") -> str:
        """The key of an answer computed from ``files`` (their paths and bytes) and ``extra``."""
        parts = [self._base, extra, *(f"{path}\0{inputs.file_hash(path)}" for path in files)]
        return hashlib.sha256("\0\0".join(parts).encode()).hexdigest()

    @staticmethod
    def _path(key: str) -> Path:
        return cache_dir("qa") / f"{key}.json"

    def get(self, key: str) -> list[Record] | None:
        """The remembered problems (possibly none), or None when this answer is not known."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            return None
        return data

    def put(self, key: str, problems: list[Record]) -> None:
        with contextlib.suppress(OSError, PressctlError):  # an unwritable cache costs time only
            write_text(self._path(key), json.dumps(problems, ensure_ascii=False))
