"""Command-line layer: one module per command group, all on one Typer app."""

from __future__ import annotations

import sys

import typer
from typer.exceptions import TyperException

from pressctl.cli import (  # noqa: F401  (registers commands)
    build,
    catalog,
    failure,
    models,
    project,
    qa,
    translate,
)
from pressctl.cli.app import app
from pressctl.core.errors import PressctlError, Terminated

INTERRUPTED = 130


def main() -> None:
    """Run the app; every way it can fail ends here (see :mod:`pressctl.cli.failure`).

    Click reports its own usage errors (exit 2) unless ``--json`` was given,
    when they too become the one JSON document on standard output.
    """
    argv = sys.argv[1:]
    as_json = failure.wants_json(argv)
    reported = False
    try:
        code = app(standalone_mode=False) if as_json else app()
    except SystemExit as exc:  # Click's own exits; Ctrl-C among them, as a silent 130
        if exc.code != INTERRUPTED:
            raise
        code = INTERRUPTED
    except PressctlError as exc:
        code = failure.user_error(exc, as_json=as_json)
    except TyperException as exc:  # Click's usage errors, raised to us only under --json
        ctx = getattr(exc, "ctx", None)
        code = failure.usage_error(exc.format_message(), exc.exit_code,
                                   getattr(ctx, "command_path", None) or "pressctl")
    except Terminated as exc:  # SIGTERM during a build: cleaned up, then 128 + 15
        code, reported = failure.interrupted(as_json=as_json, signum=exc.signum), True
    except (KeyboardInterrupt, typer.Abort):
        code, reported = failure.interrupted(as_json=as_json), True
    except Exception as exc:  # a bug: reported in one line, not shown as a traceback
        code = failure.internal_error(exc, argv, as_json=as_json)
    if code == INTERRUPTED and not reported:  # Click turned Ctrl-C into 130 and said nothing
        failure.interrupted(as_json=as_json)
    sys.exit(code if isinstance(code, int) else 0)
