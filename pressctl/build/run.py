"""Run the build: render each planned file that is not up to date, then the manifests.

This module only orchestrates (``plan.py`` decides what to write, ``keys.py``
what is up to date, ``write/manifest.py`` records it); it knows nothing of the
terminal and reports progress through an optional callback.  The stages that
parse (Markdown, YAML), check glyphs or localise are imported where they run:
a build with nothing to do only hashes its inputs and never needs them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from pressctl.build.keys import code_hash, input_key, read_release, up_to_date
from pressctl.build.plan import (
    BILINGUAL_FORMATS,
    BuildResult,
    Job,
    Shard,
    bilingual_sides,
    plan,
    select,
)
from pressctl.core.atomic import remove_stale_temporaries, write_with
from pressctl.core.config import Config
from pressctl.core.paths import relative
from pressctl.kit.web import file_name
from pressctl.render import renderer
from pressctl.write import manifest

#: Called after each file: (its path relative to the project, files done, files to build).
Progress = Callable[[str, int, int], None]


@contextlib.contextmanager
def _without_source_date_epoch() -> Iterator[None]:
    """Hide ``SOURCE_DATE_EPOCH`` from reportlab while a file is rendered.

    reportlab mixes it into the PDF's /ID, so a CI runner that sets it (many
    do) would produce other bytes than the build committed to ``dist/``, and
    ``build --check`` would call every PDF stale.  pressctl's dates already
    come from the release, so the variable has nothing left to fix; without
    it the files depend on their inputs alone, which the input keys assume.
    """
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def run_job(job: Job) -> Path:
    """Render one file (atomically); runs in a worker process under ``--jobs``."""
    from pressctl.kit.make import make_kit
    from pressctl.render.pdf.font_registry import scoped_fonts

    release = read_release(job.seed, job.config)
    module = renderer(job.fmt)
    with _without_source_date_epoch(), scoped_fonts():  # a font subset per file, not per process
        if job.pair is not None:
            source = make_kit(job.config, release, job.left or release.lang, draft=job.draft,
                              embargoed=job.embargoed)
            target = make_kit(job.config, release, job.pair, draft=job.draft,
                              embargoed=job.embargoed)
            write_with(job.target, lambda tmp: module.render_bilingual(source, target, tmp))
        else:
            kit = make_kit(job.config, release, job.lang, draft=job.draft,
                           embargoed=job.embargoed)
            write_with(job.target, lambda tmp: module.render(kit, tmp))
    return job.target


def _nothing_to_do(config: Config, langs: tuple[str, ...] | None,
                   formats: tuple[str, ...] | None, slugs: tuple[str, ...] | None,
                   shard: Shard | None = None, now: dt.datetime | None = None
                   ) -> list[BuildResult] | None:
    """The results of a build that would change nothing, found by hashing inputs alone.

    Every gate (translations, QA, glyphs) depends only on what the input keys
    hash, and an output on record passed them when it was built; so when every
    expected file is on record with the same key and bytes, reading, checking and
    localising the releases again would only repeat that answer.  Anything else
    (a new seed, a changed file, another seed language) returns None: the full path.
    """
    if any(lang not in config.languages for lang in langs or ()):
        return None
    langs = langs or config.languages
    formats = formats or config.formats
    code = code_hash()
    from pressctl.source import embargo

    moment = now or embargo.now()
    results = []
    for seed in select(config, slugs, shard):
        slug = seed.stem
        folder = config.dist / slug
        previous = manifest.entries(folder)
        if not previous:
            return None
        remove_stale_temporaries(folder)  # a killed build's leftovers go either way
        result = BuildResult(slug, folder, manifest=folder / "manifest.json")
        held = manifest.recorded_embargo(folder, moment)  # the seed's hash is in every key
        wanted = [(lang, fmt, file_name(slug, lang, fmt),
                   input_key(config, seed, lang, fmt, False, code, embargoed=held))
                  for lang in langs for fmt in formats]
        source = manifest.recorded_source_lang(folder) or config.source_lang  # the seed's
        source, pair = bilingual_sides(config, source, langs)  # hash is in every key below
        if pair:
            wanted += [(pair, fmt, f"{slug}.bilingual.{fmt}",
                        input_key(config, seed, pair, f"bilingual-{fmt}", False, code, source,
                                  embargoed=held))
                       for fmt in formats if fmt in BILINGUAL_FORMATS]
        for _lang, _fmt, name, key in wanted:
            if not up_to_date(folder / name, key, previous):
                return None
            result.files.append(folder / name)
        results.append(result)
    return results or None


def build(config: Config, *, langs: tuple[str, ...] | None = None,
          formats: tuple[str, ...] | None = None, draft: bool = False,
          jobs: int | None = None, force: bool = False, out: Path | None = None,
          progress: Progress | None = None, slugs: tuple[str, ...] | None = None,
          shard: Shard | None = None, now: dt.datetime | None = None) -> list[BuildResult]:
    """Build every seed (or those of ``slugs``, of ``shard``); files whose inputs did not
    change are left alone.  ``jobs``: worker processes, by default one per core."""
    if not (force or draft or out):
        unchanged = _nothing_to_do(config, langs, formats, slugs, shard, now)
        if unchanged is not None:
            return unchanged
    results, todo = plan(config, langs=langs, formats=formats, draft=draft, out=out,
                         slugs=slugs, shard=shard, now=now)
    previous = {r.folder: manifest.entries(r.folder) for r in results}
    for result in results:
        remove_stale_temporaries(result.folder)
    stale = [job for job in todo
             if force or not up_to_date(job.target, job.key, previous[job.target.parent])]
    keys = {job.target: job.key for job in todo}
    built = {job.target for job in stale}
    releases = {result.folder: (result, seed)
                for result, seed in zip(results, select(config, slugs, shard), strict=True)}
    waiting = Counter(job.target.parent for job in stale)

    def finish(folder: Path) -> None:
        """A release's files are all written: its manifest now, while others still render."""
        result, seed = releases[folder]
        result.built = [f for f in result.files if f in built]
        result.manifest = manifest.write_release_manifest(
            config, read_release(seed, config), seed, result.folder, result.draft, keys,
            result.embargoed)

    def written(target: Path, done: int) -> None:
        if progress:
            progress(relative(config, target), done, len(stale))
        waiting[target.parent] -= 1
        if not waiting[target.parent]:
            finish(target.parent)

    for folder in releases:
        if not waiting[folder]:
            finish(folder)
    workers = min(jobs or cores(), len(stale))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        for fmt in dict.fromkeys(job.fmt for job in stale):
            # once here rather than once per worker: forked workers inherit the modules
            renderer(fmt)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, target in enumerate(pool.map(run_job, stale), 1):
                written(target, done)
    else:
        for done, job in enumerate(stale, 1):
            written(run_job(job), done)
    return results


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
