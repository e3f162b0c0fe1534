"""Command-line layer: one module per command group, all on one Typer app."""

from __future__ import annotations

import sys
import traceback

from pressctl.cli import build, catalog, models, project, qa, translate  # noqa: F401  (registers commands)
from pressctl.cli.app import STATE, app
from pressctl.errors import PressctlError


def main() -> None:
    """Run the app; Click handles usage errors (exit 2), we handle pressctl's own."""
    try:
        app()
    except PressctlError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
