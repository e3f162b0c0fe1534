"""Write files atomically (a temporary file in the target folder, then rename) and hash them.

A build killed half-way therefore leaves the previous file in place, never a
partial one; readers of ``dist/`` see either the old or the new version.  Every
stage writes something (a catalog, the glyph and QA caches, a converted font,
the outputs), so this is the base (``core``), not the build's ``write`` stage,
which only adds the manifest written last.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from pressctl.core.errors import PressctlError
from pressctl.core.paths import cache_dir

TMP_SUFFIX = ".pressctl-tmp"
#: errno values that mean the disk, not pressctl, failed while writing a file.
FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _temporaries(folder: Path) -> Iterator[tuple[Path, int | None]]:
    """pressctl's temporary files in ``folder``, each with the process id its name carries."""
    for tmp in folder.glob(f".*{TMP_SUFFIX}") if folder.is_dir() else ():
        parts = tmp.name.rsplit(".", 3)
        pid = parts[1] if len(parts) == 4 else ""
        yield tmp, int(pid) if pid.isdigit() else None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files left by a build that was killed (its process is gone).

    Temporaries of builds still running are kept: their names carry the pid.
    """
    removed = []
    for tmp in stale_temporaries(folder):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def stale_temporaries(folder: Path) -> list[Path]:
    """The temporary files in ``folder`` whose process is gone (``build --check`` names them)."""
    return [tmp for tmp, pid in _temporaries(folder) if pid is not None and not _alive(pid)]


def remove_temporaries_of(folder: Path, pid: int) -> list[Path]:
    """Delete the temporary files of process ``pid`` (an interrupted build cleaning up after
    itself and its workers, whose files carry its id)."""
    removed = []
    for tmp, owner in _temporaries(folder):
        if owner == pid:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                removed.append(tmp)
    return removed


@contextlib.contextmanager
def staged_path(target: Path, owner: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends the file is complete
    on disk (synced, readable by all) but not yet renamed: a commit does that, with the
    other files of its release (:mod:`pressctl.write.commit`).  Removed on failure.

    Its name carries ``owner`` (default: this process), the process whose death makes
    it a leftover: a build's workers stage files in the name of the build.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{owner or os.getpid()}.",
                                    suffix=TMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise PressctlError(f"cannot write: {exc.strerror}", path=target.parent,
                            hint="check the folder exists and is writable") from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.errno not in FULL:
                raise
            raise PressctlError(f"cannot write {target.name}: {exc.strerror}",
                                path=target.parent,
                                hint="the disk is full, read-only or failing: free some space "
                                     "or set another output_dir") from None
        try:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        except OSError as exc:
            raise not_written(target, exc) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def not_written(target: Path, exc: OSError) -> PressctlError:
    """The error for an output that could not be put in place (a folder of its name …)."""
    return PressctlError(f"cannot write {target.name}: {exc.strerror}", path=target.parent,
                         hint="check that the name is free (not a folder) and the folder "
                              "is writable and not full")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place on success."""
    with staged_path(target) as tmp:
        yield tmp
    try:
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise not_written(target, exc) from None


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_with(target: Path, produce: Callable[[Path], None]) -> None:
    """Let ``produce`` write a temporary file, then rename it to ``target``."""
    with atomic_path(target) as tmp:
        produce(tmp)


def stage_with(target: Path, produce: Callable[[Path], None], owner: int | None = None) -> Path:
    """Let ``produce`` write a temporary file beside ``target`` and return it, complete but
    not renamed (see :func:`staged_path`)."""
    with staged_path(target, owner) as tmp:
        produce(tmp)
    return tmp


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


_unchanged_hashes: dict[tuple[str, int, int], str] = {}

#: Files at least this large also have their hash remembered in the cache folder
#: (``hashes/``): a CJK system font is 20 MB, 20 ms to hash in every process that
#: embeds it or draws a chart with it, and a build's workers are such processes.
LARGE = 1 << 20


def sha256_of_input(path: Path) -> str:
    """SHA-256 of a file read many times by one process (a font, a module's source),
    remembered per (path, size, mtime); a large file's across processes as well."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _unchanged_hashes:
        _unchanged_hashes[key] = (_remembered(path, stat) if stat.st_size >= LARGE
                                  else sha256(path))
    return _unchanged_hashes[key]


def _remembered(path: Path, stat: os.stat_result) -> str:
    """The hash on record for this very file (path, inode, size, modification time),
    or the file hashed and recorded."""
    return remembered_hash("hashes", hashlib.sha256("\0".join(
        (str(path.resolve()), str(stat.st_ino), str(stat.st_size), str(stat.st_mtime_ns))
    ).encode()).hexdigest(), lambda: sha256(path))


def remembered_hash(kind: str, name: str, compute: Callable[[], str]) -> str:
    """A SHA-256 (hex) kept in the cache as ``<kind>/<name>``: the one on record, or
    ``compute()`` recorded; an unwritable cache costs time only, and a record that is not
    a whole hash (cut short, edited) is computed again."""
    marker = cache_dir(kind) / name
    with contextlib.suppress(OSError, UnicodeDecodeError):
        recorded = marker.read_text(encoding="ascii").strip()
        if len(recorded) == 64:
            return recorded
    value = compute()
    with contextlib.suppress(OSError, PressctlError):
        write_bytes(marker, value.encode("ascii"))
    return value
