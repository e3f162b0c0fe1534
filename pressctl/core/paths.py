"""Where pressctl's files are: names relative to the project root, the cache folder.

Two conventions, each with one function: *data* (JSON output, manifests, PO
references) names files relative to the project root (:func:`relative`), and
*messages* for people name them relative to the working directory
(:func:`shown`, :func:`typed`), as compilers and ruff do, so a path in an error,
a QA line or a build summary can be pasted into the shell where it was printed.

Messages, JSON output, manifests and PO references all say
``locales/zh/LC_MESSAGES/x.po`` rather than an absolute path, so output is the
same on every machine and a user can paste it; a file outside the project
keeps its full path.  Work that only saves time (converted fonts, font
coverage) is kept under the XDG cache folder, one subfolder per kind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressctl.core.settings import Config


def relative(config: Config, path: Path) -> str:
    """``path`` relative to ``config.root``, or as given when it lies outside."""
    return relative_to_root(config.root, path.resolve())


def relative_to_root(root: Path | None, path: Path) -> str:
    """``path`` relative to ``root`` as it is spelt (not resolved), or as given when it lies
    outside or there is no root: for code that knows a folder but not the project."""
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return str(path)


def typed(path: Path) -> str:
    """``path`` as the user types it in a command: relative to the working directory, as
    compilers and ruff print paths (``q3.md`` in ``seeds/``, ``seeds/q3.md`` at the root,
    ``../locales/zh/LC_MESSAGES/q3.po`` from ``seeds/``), else as given.

    A path climbs out of the working directory with ``../`` only while the two share a
    folder below the top level: from ``/home/ana/newsroom/seeds``, ``/tmp/kit.pdf`` is
    printed in full, not as ``../../../../tmp/kit.pdf``.
    """
    if not path.is_absolute():
        return str(path)
    try:
        cwd = Path.cwd()
        common = Path(os.path.commonpath([cwd, path]))
    except (OSError, ValueError):  # no working directory any more; another drive
        return str(path)
    if common == cwd or len(common.parts) > 2:  # "/", "/tmp", "/home" share nothing
        return os.path.relpath(path, cwd)
    return str(path)


def shown(config: Config, path: Path | str) -> str:
    """A file as every message prints it: relative to the working directory (as compilers
    and ruff print paths, with ``../`` from a subfolder: :func:`typed`), else its full
    path.  ``path`` may be absolute or relative to the project root (a QA problem's
    ``file``); JSON documents, manifests and PO references keep :func:`relative`, which is
    the same on every machine."""
    full = Path(path)
    return typed(full if full.is_absolute() else config.root / full)


def cache_dir(kind: str = "") -> Path:
    """``$XDG_CACHE_HOME/pressctl/<kind>``, ``~/.cache`` when unset; deleting it costs time."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pressctl"
    return base / kind if kind else base
