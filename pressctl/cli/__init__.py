"""Command-line layer: one module per command group, all on one Typer app."""

from __future__ import annotations

import sys
import traceback

from pressctl.cli import build, catalog  # noqa: F401  (registers commands)
from pressctl.cli.app import STATE, app
from pressctl.errors import EXIT_INPUT, PressctlError


def main() -> None:
    try:
        app(standalone_mode=False)
    except PressctlError as exc:
        if STATE["debug"]:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # Typer/Click usage errors and the unexpected
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(EXIT_INPUT)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(130)
        raise
    sys.exit(0)
