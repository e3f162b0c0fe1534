"""Keeping the cache folder small: entries unused for a while, or past a size, are removed.

Everything under ``$XDG_CACHE_HOME/pressctl/`` (``qa/``, ``pictures/``,
``fonts/``, ``cmaps/``, ``charts/``, ``catalogs/``) only saves time: deleting
it is always safe.  Without pruning it grows with every edit of every release,
for ever.  So, at most once a day (a ``.pruned`` stamp says when), ``build``
and ``qa`` remove:

* files not written for :data:`MAX_AGE_DAYS` days (a cache entry is keyed by
  the content it stands for, so an old one is for a text that has changed);
* then, while the whole cache is larger than :data:`MAX_BYTES`, the oldest
  files first.

``PRESSCTL_CACHE_DAYS`` and ``PRESSCTL_CACHE_MB`` change the two limits.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from pressctl.core.paths import cache_dir

MAX_AGE_DAYS = 30
MAX_BYTES = 512 * 1024 * 1024
#: How often the cache is looked over, in seconds.
EVERY = 24 * 3600
STAMP = ".pruned"


def _limit(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


def prune(root: Path | None = None, *, now: float | None = None, force: bool = False) -> int:
    """Remove stale cache files; the number removed.  Never fails a command: a file that
    cannot be removed (another process, permissions) is left for the next time."""
    root = root or cache_dir()
    now = time.time() if now is None else now
    stamp = root / STAMP
    with contextlib.suppress(OSError):
        if not force and now - stamp.stat().st_mtime < EVERY:
            return 0
    if not root.is_dir():
        return 0
    max_age = _limit("PRESSCTL_CACHE_DAYS", MAX_AGE_DAYS) * 86400
    max_bytes = _limit("PRESSCTL_CACHE_MB", MAX_BYTES / 1024 / 1024) * 1024 * 1024
    files: list[tuple[float, int, Path]] = []
    for path in root.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file() and path.name != STAMP:
                stat = path.stat()
                files.append((stat.st_mtime, stat.st_size, path))
    removed = 0
    kept: list[tuple[float, int, Path]] = []
    for entry in files:
        if now - entry[0] > max_age and _remove(entry[2]):
            removed += 1
        else:
            kept.append(entry)
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept, key=lambda e: e[0]):  # oldest first
        if total <= max_bytes:
            break
        if _remove(path):
            removed += 1
            total -= size
    with contextlib.suppress(OSError):
        stamp.touch()
        os.utime(stamp, (now, now))
    return removed


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True
