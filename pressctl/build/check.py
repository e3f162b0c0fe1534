"""``build --check`` and ``build --list``: what a build would change, writing nothing.

``--check`` builds into a temporary folder and compares bytes, so it answers
"would ``build`` change ``dist/``?" with the build's own code rather than a
second opinion; ``--list`` prints the plan (gates included) with each file's
input key, for a CI matrix.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.build import output
from pressctl.build.keys import up_to_date
from pressctl.build.plan import Shard, plan
from pressctl.build.run import build
from pressctl.core.atomic import sha256, stale_temporaries
from pressctl.core.paths import relative, shown
from pressctl.core.settings import Config
from pressctl.write import commit, manifest

if TYPE_CHECKING:
    import datetime as dt


def check(config: Config, *, langs: tuple[str, ...] | None = None,
          formats: tuple[str, ...] | None = None, draft: bool = False,
          slugs: tuple[str, ...] | None = None, shard: Shard | None = None,
          jobs: int | None = None, now: dt.datetime | None = None) -> list[str]:
    """Build into a temporary folder and list the files of ``dist/`` that differ from it.

    With a subset (``--lang``/``--format``) only those files are compared: the
    manifest describes the whole set, so it is compared, and the outputs its
    manifest lists that the configuration no longer makes are reported as extra,
    only when the whole set is checked; release folders whose seed is gone, when
    every release is (no ``slugs``, no ``shard``).  Whatever an interrupted build
    left (a commit to finish, a temporary file, a file that is not the one the
    manifest lists) is named too: everything reported is what ``build`` would change.
    """
    output.check_output_dir(config)
    whole = langs is None and formats is None
    with tempfile.TemporaryDirectory(prefix="pressctl-check-") as tmp:
        fresh = build(config, langs=langs, formats=formats, draft=draft, force=True,
                      out=Path(tmp), slugs=slugs, shard=shard, jobs=jobs, now=now)
        stale = []
        for result in fresh:
            expected = [*result.files, *([result.folder / "manifest.json"] if whole else [])]
            for path in expected:
                current = config.dist / result.slug / path.name
                if not current.is_file():
                    stale.append(f"missing: {shown(config, current)}")
                elif current.read_bytes() != path.read_bytes():
                    stale.append(f"stale: {shown(config, current)}")
            folder = config.dist / result.slug
            if whole:
                names = {path.name for path in expected}
                stale.extend(f"extra: {shown(config, folder / name)}"
                             for name in sorted(manifest.listed(folder))
                             if "/" not in name and name not in names)
            stale.extend(_interrupted(config, folder))
        if slugs is None and shard is None:
            stale.extend(f"orphan: {shown(config, folder)} (its seed is gone; build removes "
                         "what its manifest lists)" for folder in output.orphans(config))
        return stale


def _interrupted(config: Config, folder: Path) -> list[str]:
    """What an interrupted build left in ``folder``, each with what the next build does."""
    found = [f"interrupted: {shown(config, journal)} (a build stopped while it replaced "
             "files; the next build finishes the job)" for journal in commit.journals(folder)]
    found += [f"leftover: {shown(config, tmp)} (a temporary file of a stopped build; the "
              "next build removes it)"
              for place in (folder, folder / manifest.MEDIA) for tmp in stale_temporaries(place)]
    for name, entry in sorted(manifest.entries(folder).items()):
        path = folder / name
        if manifest.plain_name(name) and path.is_file() and sha256(path) != entry.get("sha256"):
            found.append(f"inconsistent: {shown(config, path)} (not the file manifest.json "
                         "lists; the next build rebuilds it)")
    return found


def listing(config: Config, *, langs: tuple[str, ...] | None = None,
            formats: tuple[str, ...] | None = None, draft: bool = False,
            slugs: tuple[str, ...] | None = None,
            shard: Shard | None = None, now: dt.datetime | None = None) -> dict[str, object]:
    """What ``build`` would do, without rendering: ``build --list --json``.

    The same plan as the build, gates included (a release that would be
    refused is refused here too), so a CI job can make its matrix from it:
    the releases of the shard, each file with its input key and whether it is
    up to date (its key and bytes on record in the manifest).
    """
    results, jobs = plan(config, langs=langs, formats=formats, draft=draft, slugs=slugs,
                         shard=shard, now=now)
    previous = {r.folder: manifest.entries(r.folder) for r in results}
    by_target = {job.target: job for job in jobs}
    releases = []
    for result in results:
        files = []
        for target in result.files:
            job = by_target[target]
            files.append({"path": relative(config, target), "lang": job.pair or job.lang,
                          "format": job.fmt, "bilingual": job.pair is not None,
                          "inputs": job.key,
                          "up_to_date": up_to_date(target, job.key, previous[result.folder])})
        seed = by_target[result.files[0]].seed if result.files else None
        releases.append({"slug": result.slug,
                         "seed": relative(config, seed) if seed else None,
                         "folder": relative(config, result.folder), "draft": result.draft,
                         "manifest": relative(config, result.folder / "manifest.json"),
                         "files": files})
    return {"shard": f"{shard[0]}/{shard[1]}" if shard else None, "releases": releases}
