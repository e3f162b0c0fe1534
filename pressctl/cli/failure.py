"""How a failed command looks to its user: the one place errors are shown.

Every failure is one message on standard error; under ``--json`` standard
output also carries exactly one JSON document, ``{"error": {...}}`` (unless
the command already printed its own, e.g. ``qa --json`` listing the
problems it failed on), so a CI step can always ``json.loads`` it.  An
exception that is not a :class:`PressctlError` is a bug: the user gets one
line asking for a ``--debug`` report and exit 70, never a traceback.
"""

from __future__ import annotations

import json
import shlex
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from pressctl.cli.state import STATE
from pressctl.core.errors import EXIT_INPUT, EXIT_INTERNAL, PressctlError
from pressctl.core.paths import typed


def wants_json(argv: Sequence[str]) -> bool:
    """Whether ``--json`` was asked for, read from the arguments themselves so that even a
    usage error, found before any option is parsed, is answered in JSON."""
    args = list(argv)
    return "--json" in (args[:args.index("--")] if "--" in args else args)


def error_document(message: str, *, exit_code: int, file: str | None = None,
                   line: int | None = None, hint: str | None = None,
                   problems: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The JSON shape of every failure."""
    return {"error": {"message": message, "file": file, "line": line, "hint": hint,
                      "exit_code": exit_code, "problems": list(problems)}}


def _emit(document: dict[str, Any]) -> None:
    if not STATE.get("json_emitted"):
        print(json.dumps(document, ensure_ascii=False, indent=2))
        sys.stdout.flush()


def user_error(exc: PressctlError, *, as_json: bool) -> int:
    """Show a :class:`PressctlError`; returns its exit code."""
    if STATE["debug"]:
        traceback.print_exc()
    file = typed(exc.path) if exc.path is not None else None
    where = (f"{file}:{exc.line}: " if exc.line else f"{file}: ") if file else ""
    text = f"error: {where}{exc.message}"
    if exc.hint:
        text += f"\n  hint: {exc.hint}"
    if as_json:
        _emit(error_document(exc.message, exit_code=exc.exit_code, file=file, line=exc.line,
                             hint=exc.hint, problems=exc.problems))
    print(text, file=sys.stderr)
    return exc.exit_code


def usage_error(message: str, exit_code: int = EXIT_INPUT, command: str = "pressctl") -> int:
    """A usage error Click found under ``--json`` (Click shows it itself otherwise)."""
    _emit(error_document(message, exit_code=exit_code,
                         hint=f"run '{command} --help' for the options"))
    print(f"error: {message}", file=sys.stderr)
    return exit_code


def internal_error(exc: BaseException, argv: Sequence[str], *, as_json: bool) -> int:
    """A bug: one line asking for a report (the traceback only under ``--debug``); exit 70."""
    if STATE["debug"]:
        traceback.print_exc()
    args = shlex.join(a for a in argv if a != "--debug")
    command = f"pressctl --debug {args}".rstrip()
    message = (f"internal error: {type(exc).__name__}: {exc}, please report it with "
               f"'{command}' output")
    if as_json:
        _emit(error_document(message, exit_code=EXIT_INTERNAL))
    print(message, file=sys.stderr)
    return EXIT_INTERNAL


def interrupted(*, as_json: bool = True, signum: int = 2) -> int:
    """Ctrl-C (SIGINT): exit 130, as shells expect; SIGTERM: 143.  One line, no traceback."""
    code = 128 + signum
    message = "interrupted" if signum == 2 else f"interrupted (signal {signum})"
    if as_json:
        _emit(error_document(message, exit_code=code))
    print(message, file=sys.stderr)
    return code
