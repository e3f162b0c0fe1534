"""Read a file people edit (seed, catalog, glossary, config, text to translate) safely.

One place decides which files pressctl reads and what an unreadable or
mis-encoded one looks like to the user: the file, the line of the first bad
byte, and how to fix it.  A file is looked at (``stat``) before it is opened,
so a FIFO never blocks a command and a device (``/dev/zero``) is never read
until memory runs out; it must be a regular file of at most :data:`MAX_BYTES`
and, like a seed's pictures, lie inside its project once symlinks are
resolved, so a seed or catalog symlinked to a system file is not published or
quoted in an error.  Kept free of heavy imports so the quick commands
(translate, catalog stats) can use it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pressctl.core.errors import PressctlError

#: The largest text file pressctl reads: a long release and its catalogs are well under
#: a megabyte; anything larger is a mistake (or a trap) rather than a press release.
MAX_BYTES = 32 * 1024 * 1024
_DEFAULT = -1
def os_problem(exc: OSError) -> str:
    """What an OSError means to someone who typed the path."""
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def check_file(path: Path, *, what: str = "file", root: Path | None = None,
               limit: int | None = -1) -> os.stat_result:
    """Refuse ``path`` unless it is a regular file within ``limit`` bytes (default
    :data:`MAX_BYTES`, None for no limit) and, with a project ``root``, inside it; a
    PressctlError naming the path says why.  Nothing is opened."""
    try:
        info = path.stat()  # follows symlinks, never opens: a FIFO cannot block here
    except OSError as exc:
        raise PressctlError(f"cannot read the {what}: {os_problem(exc)}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise PressctlError(f"the {what} is a folder, not a file", path=path,
                            hint="remove or rename the folder; pressctl expects a file here")
    if not stat.S_ISREG(info.st_mode):
        raise PressctlError(f"the {what} is not a regular file (a pipe, device or socket)",
                            path=path, hint="pressctl reads only ordinary files")
    if root is not None:
        project = root.resolve()
        if not path.resolve().is_relative_to(project):
            raise PressctlError(
                f"the {what} leads outside the project folder {project.name}/ (a symlink)",
                path=path, hint="copy the file into the project instead of linking to it")
    limit = MAX_BYTES if limit == _DEFAULT else limit
    if limit is not None and info.st_size > limit:
        raise PressctlError(f"the {what} is {_size(info.st_size)}; pressctl reads text files "
                            f"of at most {_size(limit)}", path=path)
    return info


def read_bytes(path: Path, *, what: str = "file", root: Path | None = None) -> bytes:
    """The bytes of a checked file (:func:`check_file`), read with the size limit: the
    file is opened without blocking and checked again, as it may have changed since."""
    check_file(path, what=what, root=root)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise PressctlError(f"the {what} is not a regular file", path=path)
            raw = fh.read(MAX_BYTES + 1)  # the limit holds even if the file grew
    except OSError as exc:
        raise PressctlError(f"cannot read the {what}: {os_problem(exc)}", path=path) from None
    if len(raw) > MAX_BYTES:
        raise PressctlError(f"the {what} grew past {_size(MAX_BYTES)} while being read",
                            path=path)
    return raw


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):,.0f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"


def read_utf8(path: Path, *, what: str = "file", root: Path | None = None) -> str:
    """The file's text without a byte-order mark; a PressctlError naming file and line.

    ``root`` confines the file to a project folder (``config.project_folder(path)``
    finds the one around a file); ``None`` reads a file the user named anywhere.
    """
    raw = read_bytes(path, what=what, root=root)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PressctlError(f"not UTF-8 (byte {exc.start})", path=path, line=line,
                            hint=f"save the {what} as UTF-8") from None
    return text.removeprefix("\ufeff")
