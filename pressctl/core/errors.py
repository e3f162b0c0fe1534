"""Errors a user can act on, each with the exit code the CLI documents.

Stages raise these instead of printing, so the CLI (or a library caller)
decides how to show them; anything else escaping a stage is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_INPUT = 2
EXIT_MISSING_DEPENDENCY = 3
#: A bug in pressctl (sysexits.h's EX_SOFTWARE): anything but a PressctlError escaped a stage.
EXIT_INTERNAL = 70
#: Stopped by a signal, as shells report it: 128 + the signal's number.
EXIT_INTERRUPTED = 128 + 2  # Ctrl-C (SIGINT)
EXIT_TERMINATED = 128 + 15  # SIGTERM


class PressctlError(Exception):
    """A problem with the user's input; exit code 2."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None,
                 problems: Sequence[Mapping[str, Any]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        #: What a gate found, each with file, line, check and message (for ``--json``).
        self.problems = [dict(p) for p in problems]

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class CheckFailed(PressctlError):
    """A check, QA or a release gate failed; exit code 1."""

    exit_code = EXIT_CHECK_FAILED


class MissingDependency(PressctlError):
    """A model, font or system tool is missing; exit code 3."""

    exit_code = EXIT_MISSING_DEPENDENCY


class Terminated(BaseException):
    """SIGTERM, turned into an exception by the build so that it stops as cleanly as for
    Ctrl-C (workers stopped, temporary files removed); exit 128 + the signal's number.
    Not a KeyboardInterrupt, which Click would turn into a silent exit 130."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
