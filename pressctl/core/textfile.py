"""Read a file people edit (seed, catalog, glossary, text to translate) as UTF-8.

One place decides what an unreadable or mis-encoded file looks like to the
user: the file, the line of the first bad byte, and how to fix it.  Kept free
of heavy imports so the quick commands (translate, catalog stats) can use it.
"""

from __future__ import annotations

from pathlib import Path

from pressctl.core.errors import PressctlError


def read_utf8(path: Path, *, what: str = "file") -> str:
    """The file's text without a byte-order mark; a PressctlError naming file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PressctlError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PressctlError(f"not UTF-8 (byte {exc.start})", path=path, line=line,
                            hint=f"save the {what} as UTF-8") from None
    return text.removeprefix("\ufeff")
