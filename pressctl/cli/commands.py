"""The Typer app with every command registered (one module per command group).

Imported by :func:`pressctl.cli.main` once it can answer an interruption: Typer,
pydantic and the commands take most of a second to import on a busy machine.
"""

from __future__ import annotations

from pressctl.cli import (  # noqa: F401  (registers commands)
    build,
    catalog,
    models,
    newsroom,
    project,
    qa,
    translate,
)
from pressctl.cli.app import app

__all__ = ["app"]
