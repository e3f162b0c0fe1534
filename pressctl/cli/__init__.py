"""Command-line layer: one module per command group, all on one Typer app."""

from __future__ import annotations

import os
import sys

#: pydantic looks for plugins in every installed distribution's entry points the first
#: time it builds a validator (the config's): about 0.05 s of each command, for plugins
#: pressctl never uses.  The command line is pressctl's own process; a user's setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402
from typer.exceptions import TyperException  # noqa: E402

from pressctl.cli import (  # noqa: F401, E402  (registers commands)
    build,
    catalog,
    failure,
    models,
    newsroom,
    project,
    qa,
    translate,
)
from pressctl.cli.app import app  # noqa: E402
from pressctl.core.errors import EXIT_INTERRUPTED, PressctlError, Terminated  # noqa: E402

INTERRUPTED = EXIT_INTERRUPTED


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
