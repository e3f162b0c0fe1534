"""How pressctl names a project file to its user: relative to the project root.

Messages, JSON output, manifests and PO references all say
``locales/zh/LC_MESSAGES/x.po`` rather than an absolute path, so output is the
same on every machine and a user can paste it; a file outside the project
keeps its full path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressctl.config import Config


def relative(config: Config, path: Path) -> str:
    """``path`` relative to ``config.root``, or as given when it lies outside."""
    try:
        return str(path.resolve().relative_to(config.root))
    except ValueError:
        return str(path)
