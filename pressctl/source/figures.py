"""Figures of a seed: a picture alone in its paragraph, ``![Caption](images/x.jpg "Credit")``.

The alt text is the caption and the title the credit line, both translated;
the path is relative to the seed file.  Every picture is checked when the
seed is read, before anything is written, and a bad one stops every command
(``--draft`` included) with exit 2 at its line: a missing or unreadable file,
a folder, FIFO or device where the picture belongs (looked at with ``stat``,
never opened, so a FIFO cannot hang the build),
a format other than JPEG, PNG or WebP, a decompression bomb (Pillow's own
limit, ``Image.MAX_IMAGE_PIXELS``), or a path that leaves the project folder
(absolute, ``../`` past the root, a symlink pointing outside, a URL) — a CI
build must never copy files from elsewhere on the runner into a published kit.
The originals go to ``dist/<slug>/media/`` and into the manifest.
"""

from __future__ import annotations

import errno
import re
import stat
import warnings
from functools import lru_cache
from pathlib import Path

from pressctl.core.errors import PressctlError
from pressctl.core.settings import find_project
from pressctl.core.textfile import os_problem

#: What Pillow must read a picture as.
FORMATS = ("JPEG", "PNG", "WEBP")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def project_root(seed: Path) -> Path:
    """The project folder of ``seed``: where its pyproject.toml is, else its folder's parent."""
    found = find_project(seed.parent)
    return found.parent if found is not None else seed.resolve().parent.parent


def _loop(seed: Path, written: str, line: int, why: str, hint: str) -> PressctlError:
    return PressctlError(f"figure {written!r} cannot be read: a symlink that leads back to "
                         f"itself ({why})", path=seed, line=line, hint=hint)


def resolve_image(seed: Path, written: str, line: int) -> Path:
    """The picture ``written`` in ``seed`` as a checked path inside the project."""
    hint = "put the picture in the project (e.g. seeds/images/) and link it relative to the seed"
    if not written:
        raise PressctlError("figure without a picture path", path=seed, line=line, hint=hint)
    if _SCHEME.match(written) and not re.match(r"^[a-zA-Z]:[\\/]", written):
        raise PressctlError(f"figure {written!r} is a URL; a kit embeds local pictures only",
                            path=seed, line=line, hint=hint)
    if written.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", written):
        raise PressctlError(f"figure path {written!r} is absolute", path=seed, line=line,
                            hint=hint)
    root = project_root(seed).resolve()
    try:
        target = (seed.parent / written).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before 3.13
        raise _loop(seed, written, line, str(exc), hint) from None
    if not target.is_relative_to(root):
        raise PressctlError(f"figure path {written!r} leads outside the project folder "
                            f"{root.name}/", path=seed, line=line, hint=hint)
    try:
        info = target.stat()  # never opened here: a FIFO must not block the build
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # Python 3.13 resolves a loop, stat then finds it
            raise _loop(seed, written, line, os_problem(exc), hint) from None
        missing = exc.errno in (errno.ENOENT, errno.ENOTDIR)
        raise PressctlError(f"figure {written!r} " + ("not found" if missing else
                            f"cannot be read: {os_problem(exc)}"), path=seed, line=line,
                            hint="check the path: it is relative to the seed file") from None
    if stat.S_ISDIR(info.st_mode):
        raise PressctlError(f"figure {written!r} is a folder, not a picture file", path=seed,
                            line=line, hint="name the picture file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise PressctlError(f"figure {written!r} is not a regular file (a pipe, device or "
                            "socket)", path=seed, line=line,
                            hint="save the picture as an ordinary JPEG, PNG or WebP file")
    problem = _problem(target, (info.st_size, info.st_mtime_ns))
    if problem is not None:
        message, hint = problem
        raise PressctlError(message.replace("{written}", repr(written)), path=seed, line=line,
                            hint=hint)
    return target


@lru_cache(maxsize=256)
def _problem(path: Path, stamp: tuple[int, int]) -> tuple[str, str] | None:
    """What is wrong with the picture file (a message with ``{written}`` and a hint),
    or None.  Pillow must open it as JPEG, PNG or WebP and within its pixel limit.
    Remembered per file version: a build reads the seed once per output file."""
    from PIL import Image, UnidentifiedImageError

    again = "save it as JPEG, PNG or WebP"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                image.verify()  # the structure; a truncated or damaged file passes it
            with Image.open(path) as image:
                image.load()  # every pixel decoded now, not halfway through a render
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return (f"figure {{written}} is too large to open safely ({exc})",
                "scale the picture down (a few thousand pixels a side is plenty for print)")
    except UnidentifiedImageError:
        return "figure {written} is not a picture Pillow can read", again
    except (OSError, SyntaxError, ValueError) as exc:
        return f"figure {{written}} cannot be read: {exc}", again
    if kind not in FORMATS:
        return f"figure {{written}} is {kind}; a kit takes JPEG, PNG or WebP", again
    return None
