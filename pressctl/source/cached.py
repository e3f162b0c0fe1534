"""The seed parsed once per version of the file in a process.

The build's input keys (the pictures a seed shows), its gates, its jobs and
manifests, and the QA run all ask for the same release: this cache, keyed by
the file's mtime and size, parses it once.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pressctl.core.textfile import check_file
from pressctl.source.release import Release


def release(seed: Path, default_lang: str) -> Release:
    """The seed parsed (markdown-it and PyYAML are imported on the first call); a seed
    that does not name its language is in ``default_lang``."""
    # a seed that cannot be looked at (a symlink loop, a folder) is the user's error, named
    stat = check_file(seed, what="seed", limit=None)
    return _parse(seed, default_lang, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _parse(seed: Path, default_lang: str, _mtime_ns: int, _size: int) -> Release:
    from pressctl.source.read import read

    return read(seed, default_lang=default_lang)
