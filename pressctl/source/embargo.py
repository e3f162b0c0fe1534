"""Embargoes: the moment a release may be published, and whether it has come.

A press office sends a release before it may be printed; ``embargo:`` in the
front matter is that moment.  It must carry its time zone: "09:00" alone is a
different instant in Beijing and in Munich, and a newsroom that guessed would
publish eight hours early.  This module is the one home of the rule: the reader
parses the field here, the kit says "Embargoed until …" from it, and the build
and the newsroom ask :func:`lifted` with the same ``--now``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pressctl.core.errors import PressctlError

#: The moment written in full: date, hours and minutes, then Z or an offset.
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")


def parse(value: object, path: Path | None = None, line: int | None = None,
          what: str = "embargo") -> dt.datetime:
    """``2025-03-17T09:00+08:00`` → an aware datetime; anything else is an input error."""
    written = str(value).strip()
    if not _ISO.match(written):
        zone = "" if re.search(r"(Z|[+-]\d{2}:?\d{2})$", written) else " with its time zone"
        raise PressctlError(
            f"{what} {written!r} is not a date and time{zone} "
            "(YYYY-MM-DDTHH:MM+HH:MM)", path=path, line=line,
            hint="write the moment with its offset, e.g. 2025-03-17T09:00+08:00 "
                 "(or Z for UTC): a time without a zone means another hour in every city")
    offset = re.search(r"([+-])(\d{2}):?(\d{2})$", written)
    if offset and not (-12 * 60 <= (1 if offset[1] == "+" else -1) * (
            int(offset[2]) * 60 + int(offset[3])) <= 14 * 60):
        raise PressctlError(f"{what} {written} has an impossible time zone {offset[0]} "
                            "(UTC offsets run from -12:00 to +14:00)", path=path, line=line)
    try:
        return dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PressctlError(f"{what} {written} does not exist ({exc})", path=path,
                            line=line) from None


def now(value: str | None = None) -> dt.datetime:
    """``--now`` (an ISO moment with its zone), or the clock when it is not given."""
    if value is None:
        return dt.datetime.now(dt.UTC)
    return parse(value, what="--now")


def lifted(embargo: dt.datetime | None, moment: dt.datetime) -> bool:
    """Whether a release under ``embargo`` may be published at ``moment``."""
    return embargo is None or moment >= embargo
