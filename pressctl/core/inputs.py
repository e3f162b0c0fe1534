"""What a build's outputs and its cached checks are computed from, as hashes.

The input keys of ``build`` and the QA gate's cache (``qa/memo.py``) both say
"pressctl's own code, this file's bytes": one home, so the two can never
disagree about what counts as a change.  (The parsed seed, read once per
version of the file, is ``source/cached.py``: the base imports no stage.)
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from pressctl.core.atomic import remembered_hash, sha256_of_input


def code_hash() -> str:
    """Hash of pressctl's own source, so a new version or a layout change rebuilds."""
    return _tree_hash("*.py")


def package_hash() -> str:
    """Hash of every file of pressctl (code, shipped kit wording, data): what a check may read."""
    return _tree_hash("*")


@functools.cache
def _tree_hash(pattern: str) -> str:
    """The package's files matching ``pattern``, hashed once per process (a build asks for
    the keys' code hash twice and the QA cache's package hash once) and remembered across
    processes by the files' paths, sizes and modification times, as single files are
    (:func:`~pressctl.core.atomic.sha256_of_input`): reading pressctl's 160 modules took
    0.02 s of every command, stating them takes a tenth of that."""
    package = Path(__file__).resolve().parent.parent  # pressctl/, not core/
    files = [path for path in sorted(package.rglob(pattern))
             if path.is_file() and "__pycache__" not in path.parts]
    stamp = hashlib.sha256(str(package).encode())
    for path in files:
        stat = path.stat()
        stamp.update(f"\0{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}"
                     f"\0{stat.st_ino}".encode())

    def read() -> str:
        digest = hashlib.sha256()
        for path in files:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    return remembered_hash("hashes", f"tree-{stamp.hexdigest()}", read)


def file_hash(path: Path) -> str:
    """The file's SHA-256, or "-" for no file (a missing catalog is an input state too);
    remembered per (path, size, mtime), as every key of a build hashes the seed again."""
    if not (path.exists() or path.is_symlink()):
        return "-"
    from pressctl.core.textfile import check_file

    check_file(path, what="file", limit=None)  # a folder or a FIFO here is exit 2
    return sha256_of_input(path)
