"""Loading the project's config: read, validated once per version, remembered.

:class:`~pressctl.core.settings.Config` holds the settings and their
defaults; the table is validated by a typed pydantic model
(:mod:`pressctl.core.schema`).  Importing pydantic and building its validators
takes longer than all the rest of a build with nothing to do (0.15 s of 0.48 s
measured), so a table that passed is remembered in the cache (``config/``),
keyed by the bytes of ``pyproject.toml``, its folder, Python's version and
pressctl's own code: the next command reads the settings back from there and
never imports pydantic.  Any change of the file, a new pressctl or a cache
entry that does not read back as a whole config, and the table is validated
again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from pathlib import Path

from pressctl.core.atomic import write_text
from pressctl.core.errors import PressctlError
from pressctl.core.inputs import code_hash
from pressctl.core.paths import cache_dir
from pressctl.core.settings import PYPROJECT, Config, ProjectNotFound, find_project, read_table


def load(root: Path | None = None) -> Config:
    """The project's config.

    With ``root``, the ``pyproject.toml`` in that folder (defaults when it has
    none or no ``[tool.pressctl]``); without it, the project found from the
    working directory up (ProjectNotFound, exit 2, when there is none).
    """
    if root is None:
        path = find_project()
        if path is None:
            raise ProjectNotFound(
                f"no {PYPROJECT} with a [tool.pressctl] table in {Path.cwd()} or any folder "
                "above it",
                hint="run pressctl inside a release repository, or add a [tool.pressctl] table "
                     "to its pyproject.toml (README: Configuration)")
        root = path.parent
    root = root.resolve()
    path = root / PYPROJECT
    memo = _memo(root, path)
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
        return Config.from_settings(root, json.loads(memo.read_bytes()))
    from pressctl.core.schema import validate

    data = (read_table(path) if path.is_file() else None) or {}
    config = validate(data, root, path)
    with contextlib.suppress(OSError, PressctlError):  # an unwritable cache costs time only
        write_text(memo, json.dumps(config.settings()))  # in order: the dicts keep theirs
    return config


def _memo(root: Path, path: Path) -> Path:
    """Where the settings of ``path``, once validated, are remembered (see the docstring)."""
    try:
        written = path.read_bytes()
    except OSError:
        written = b"-"
    digest = hashlib.sha256("\0".join((code_hash(), sys.version, str(root))).encode()
                            + b"\0" + written).hexdigest()
    return cache_dir("config") / f"{digest}.json"
