"""A release folder changes all at once: its new files, removals and manifest as one commit.

Every output is first written in full beside its target, as a temporary file
(``atomic.stage_with``), and left there.  When all the files of a release are
ready, a journal naming what to rename and what to remove, with the new
manifest's text, is written (atomically), carried out, and deleted.  So an
interruption before the journal exists leaves the previous state (the
temporaries are removed: at once for Ctrl-C and SIGTERM, by the next build
after SIGKILL), and one after it is finished by the next build or check
(:func:`finish`): the folder holds its previous complete state or its new one.
Ctrl-C and SIGTERM wait while a commit runs, so only SIGKILL or a power cut can
leave a journal behind.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
from pathlib import Path
from typing import Any

from pressctl.core.atomic import _alive, not_written, write_text
from pressctl.core.errors import PressctlError
from pressctl.core.interrupts import signals_held
from pressctl.core.paths import relative_to_root

PREFIX = ".pressctl-commit."
SUFFIX = ".json"


def _journal(folder: Path, pid: int) -> Path:
    return folder / f"{PREFIX}{pid}{SUFFIX}"


def journals(folder: Path) -> list[Path]:
    """The journals of commits that did not finish (their process is gone)."""
    found = []
    for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")) if folder.is_dir() else ():
        pid = path.name[len(PREFIX):-len(SUFFIX)]
        if pid.isdigit() and not _alive(int(pid)):
            found.append(path)
    return found


def commit(folder: Path, moves: dict[Path, Path], remove: list[Path], manifest: Path,
           manifest_text: str | None) -> None:
    """Rename each staged file of ``moves`` (staged → target) into place, remove
    ``remove``, then write ``manifest`` (unless ``manifest_text`` is None: unchanged)."""
    for target in moves.values():  # refused before anything moves: no half commit
        if target.is_dir() and not target.is_symlink():
            raise not_written(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    with signals_held():
        journal = _journal(folder, os.getpid())
        name = functools.partial(relative_to_root, folder)  # names inside the folder
        plan = {"moves": [[name(src), name(dst)] for src, dst in moves.items()],
                "remove": [name(path) for path in remove],
                "manifest": [name(manifest), manifest_text]}
        if moves or remove:
            write_text(journal, json.dumps(plan, ensure_ascii=False))
        try:
            _carry_out(folder, plan)
        finally:  # done, or failed with a message (the next build rebuilds what differs)
            journal.unlink(missing_ok=True)


def _within(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it stays inside ``folder`` (a journal is a file in
    the output folder, which anyone's pull request may change)."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(f"not a name inside the release folder: {name!r}")
    return folder / name


def _carry_out(folder: Path, plan: dict[str, Any]) -> None:
    for src, dst in plan["moves"]:
        staged, target = _within(folder, src), _within(folder, dst)
        if staged.exists():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
            except OSError as exc:
                raise not_written(target, exc) from None
    for name in plan["remove"]:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            _within(folder, name).unlink()
    name, text = plan["manifest"]
    target = _within(folder, name)
    if text is not None and not (target.is_file() and
                                 target.read_text(encoding="utf-8") == text):
        write_text(target, text)


def finish(folder: Path) -> list[Path]:
    """Carry out the journals an interrupted build left in ``folder`` (roll forward)."""
    done = []
    for journal in journals(folder):
        with signals_held():
            try:
                plan = json.loads(journal.read_text(encoding="utf-8"))
                _carry_out(folder, plan)
            except (OSError, ValueError, KeyError, TypeError, PressctlError):  # not ours
                pass
            journal.unlink(missing_ok=True)
        done.append(journal)
    return done
