"""Command-line layer: one module per command group, all on one Typer app (``commands``).

:func:`main` is the entry point.  This package imports nothing heavy itself: the
commands (Typer, pydantic: most of a second on a busy machine) are imported by
:func:`main` once it answers Ctrl-C and SIGTERM, with both held back until the
imports are done, so that an interruption then is one line and exit 130 or 143 as
at any other moment, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any

#: pydantic looks for plugins in every installed distribution's entry points the first
#: time it builds a validator (the config's): about 0.05 s of each command, for plugins
#: pressctl never uses.  The command line is pressctl's own process; a user's setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pressctl.core.errors import EXIT_INTERRUPTED, PressctlError, Terminated  # noqa: E402

INTERRUPTED = EXIT_INTERRUPTED


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def main() -> None:
    """Run the app; every way it can fail ends here (see :mod:`pressctl.cli.failure`).

    SIGTERM stops any command as Ctrl-C does (:class:`Terminated`, exit 143), so
    what it was writing is cleaned up on the way out.  Click reports its own usage
    errors (exit 2) unless ``--json`` was given, when they too become the one JSON
    document on standard output.
    """
    before = _sigterm_raises()
    argv = sys.argv[1:]
    try:
        code = _run(argv)
    except Terminated as exc:  # while the commands were imported, or a failure reported
        code = _interrupted(argv, exc.signum)
    except KeyboardInterrupt:
        code = _interrupted(argv, signal.SIGINT)
    finally:  # put back unless interrupted (then held until the end: see _leaving)
        if before is not None and signal.getsignal(signal.SIGTERM) is _terminate:
            signal.signal(signal.SIGTERM, before)
    sys.exit(code)


def _interrupted(argv: list[str], signum: int) -> int:
    from pressctl.cli import failure  # again, if the interruption came while it was imported

    _leaving()
    return failure.interrupted(as_json=failure.wants_json(argv), signum=signum)


def _leaving() -> None:
    """Once interrupted, the command is on its way out (its clean-up done): a second Ctrl-C
    or SIGTERM must not change how.  Held back, not ignored: ignoring them was not enough,
    Python's finalisation still died of a second Ctrl-C (exit -2 rather than 130)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except AttributeError:  # no signal masks on this platform
        for signum in held:
            with contextlib.suppress(ValueError):  # not the main thread
                signal.signal(signum, signal.SIG_IGN)


def _sigterm_raises() -> Any:
    """Make SIGTERM raise :class:`Terminated`, unless its handling was chosen elsewhere
    (ignored by the parent, or ``main`` called in a program with its own); returns the
    handling to restore, or None."""
    try:
        if signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
            return None
        return signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        return None


def _run(argv: list[str]) -> int:
    from pressctl.core.interrupts import signals_held

    with signals_held():  # an interruption waits for the imports, then raises here
        import typer
        from typer.exceptions import TyperException

        from pressctl.cli import failure
        from pressctl.cli.commands import app

    as_json = failure.wants_json(argv)
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
    except Terminated as exc:  # SIGTERM: cleaned up, then 128 + 15
        return _interrupted(argv, exc.signum)
    except (KeyboardInterrupt, typer.Abort):
        return _interrupted(argv, signal.SIGINT)
    except Exception as exc:  # a bug: reported in one line, not shown as a traceback
        code = failure.internal_error(exc, argv, as_json=as_json)
    if code == INTERRUPTED:  # Click turned Ctrl-C into 130 and said nothing
        return _interrupted(argv, signal.SIGINT)
    return code if isinstance(code, int) else 0
