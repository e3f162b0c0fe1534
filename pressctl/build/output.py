"""Where a build may write, and what it may remove there.

The output folder is pressctl's to fill but not to own: a user may keep other
files beside the kits, or point ``output_dir`` somewhere careless.  So a build
refuses an output folder that would mix with the project's inputs (the
project folder itself, a folder inside ``seeds/`` or ``locales/``, or one that
contains them — as MkDocs refuses a ``site_dir`` inside ``docs_dir``), and it
removes only what its own manifests list: an output of a language or format
no longer configured, a release folder whose seed is gone.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pressctl.core.atomic import remove_stale_temporaries
from pressctl.core.errors import PressctlError
from pressctl.core.paths import relative
from pressctl.core.settings import Config, line_of_key
from pressctl.write import manifest


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_dir(config: Config) -> None:
    """Refuse an ``output_dir`` that is the project folder, lies inside ``seeds/`` or
    ``locales/``, or contains either: a build there would mix outputs with inputs (exit 2,
    naming the line of pyproject.toml that sets it)."""
    dist = config.dist.resolve()
    root = config.root.resolve()
    inputs = {"seeds_dir": (config.root / config.seeds_dir).resolve(),
              "locales_dir": (config.root / config.locales_dir).resolve()}
    problem = None
    if dist == root:
        problem = "is the project folder"
    for key, folder in inputs.items():
        named = f"{key} ({relative(config, config.root / getattr(config, key))})"
        if problem is None and _inside(dist, folder):
            problem = f"is {named}" if dist == folder else f"lies inside {named}"
        elif problem is None and _inside(folder, dist):
            problem = f"contains {named}"
    if problem is None:
        return
    raise PressctlError(f"output_dir {str(config.output_dir)!r} {problem}: the build would "
                        "write and remove files among the project's own",
                        path=config.pyproject, line=line_of_key(config.pyproject, ("output_dir",)),
                        hint='set output_dir to a folder of its own, e.g. output_dir = "dist"')


def orphans(config: Config) -> list[Path]:
    """Release folders of the output folder whose seed is gone: each holds a manifest of
    pressctl's naming a release that no seed provides any more."""
    dist = config.dist
    if not dist.is_dir():
        return []
    slugs = {seed.stem for seed in config.seeds()}
    found = []
    for folder in sorted(dist.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and folder.name not in slugs \
                and manifest.slug_of(folder) == folder.name:
            found.append(folder)
    return found


def remove_release(folder: Path) -> list[Path]:
    """Remove what ``folder``'s manifest lists (outputs, media), then the manifest, and the
    folders left empty; anything else in it is the user's and stays."""
    removed = []
    for place in (folder, folder / manifest.MEDIA):
        remove_stale_temporaries(place)
    for name in [*manifest.listed(folder), manifest.NAME]:
        path = folder / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    for sub in (folder / manifest.MEDIA, folder):
        with contextlib.suppress(OSError):  # not empty: the user's files stay with it
            sub.rmdir()
    return removed
