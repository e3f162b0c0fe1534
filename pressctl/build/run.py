"""Run the build: render each planned file that is not up to date, then commit each release.

This module only orchestrates (``plan.py`` decides what to write, ``keys.py``
what is up to date, ``write/commit.py`` puts a release's new files, removals
and manifest in place together, ``workers.py`` runs ``--jobs``); it knows
nothing of the terminal and reports progress through an optional callback.
A release folder holds its previous complete state until all its files are
ready, then its new one: an interrupted build changes nothing (Ctrl-C and
SIGTERM: its temporaries are removed at once; SIGKILL: by the next build),
and a release that fails its gate does not stop the others.  The stages that
parse (Markdown, YAML), check glyphs or localise are imported where they run:
a build with nothing to do only hashes its inputs and never needs them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import functools
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressctl.build import output
from pressctl.build.keys import code_hash, input_key, read_release, up_to_date
from pressctl.build.plan import (
    BILINGUAL_FORMATS,
    BuildResult,
    Job,
    Shard,
    bilingual_sides,
    output_names,
    plan,
    select,
)
from pressctl.core.atomic import (
    not_written,
    remove_stale_temporaries,
    remove_temporaries_of,
    sha256,
    stage_with,
)
from pressctl.core.errors import CheckFailed, Terminated
from pressctl.core.interrupts import signals_held
from pressctl.core.names import file_name
from pressctl.core.paths import relative
from pressctl.core.settings import Config
from pressctl.render import renderer
from pressctl.write import commit, manifest

if TYPE_CHECKING:
    from pressctl.build.workers import Workers
    from pressctl.kit import Kit

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


#: The kits the plan's gates made, by (seed, language), while a build renders: each file
#: takes its kit from here (a forked worker inherits them) rather than localising the
#: release again — five kits fewer for a release's six files.  Empty between builds.
_PLANNED: dict[tuple[Path, str], Kit] = {}


def _kit(job: Job, lang: str) -> Kit:
    """The kit of the job's release in ``lang``: the plan's, or made anew (a job run on its
    own); the release is read only then — a worker forked before the plan has not read it."""
    planned = _PLANNED.get((job.seed, lang))
    if planned is not None:
        return dataclasses.replace(planned, draft=job.draft,
                                   embargo=planned.release.embargo if job.embargoed else None)
    from pressctl.kit.make import make_kit

    release = read_release(job.seed, job.config)
    return make_kit(job.config, release, lang, draft=job.draft, embargoed=job.embargoed)


def run_job(job: Job, owner: int | None = None,
            kits: dict[tuple[Path, str], Kit] | None = None) -> Path:
    """Render one file into a temporary file beside its target and return it, complete but
    not in place (its release's commit renames it); runs in a worker under ``--jobs``.
    ``owner``: the build's process id, which the temporary file's name carries; ``kits``:
    the plan's kits of the job's release, for a worker forked before the plan."""
    from pressctl.render.pdf.font_registry import scoped_fonts

    _PLANNED.update(kits or {})
    module = renderer(job.fmt)
    with _without_source_date_epoch(), scoped_fonts():  # a font subset per file, not per process
        if job.pair is not None:
            source = _kit(job, job.left or read_release(job.seed, job.config).lang)
            target = _kit(job, job.pair)
            return stage_with(job.target,
                              lambda tmp: module.render_bilingual(source, target, tmp), owner)
        kit = _kit(job, job.lang)
        return stage_with(job.target, lambda tmp: module.render(kit, tmp), owner)


def _tidy(folder: Path) -> None:
    """Before a build touches a release folder: finish a commit that a killed build left
    half done, then remove killed builds' temporary files (in that order: the commit's
    journal names some of them)."""
    commit.finish(folder)
    for place in (folder, folder / manifest.MEDIA):
        remove_stale_temporaries(place)


def _nothing_to_do(config: Config, langs: tuple[str, ...] | None,
                   formats: tuple[str, ...] | None, slugs: tuple[str, ...] | None,
                   shard: Shard | None = None, now: dt.datetime | None = None
                   ) -> list[BuildResult] | None:
    """The results of a build that would change nothing, found by hashing inputs alone.

    Every gate (translations, QA, glyphs) depends only on what the input keys
    hash, and an output on record passed them when it was built; so when every
    expected file is on record with the same key and bytes, reading, checking and
    localising the releases again would only repeat that answer.  Anything else
    (a new seed, a changed file, another seed language, an output of a language no
    longer configured, a release folder whose seed is gone) returns None: the full path.
    """
    if any(lang not in config.languages for lang in langs or ()):
        return None
    if slugs is None and shard is None and output.orphans(config):
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
        _tidy(folder)  # a killed build's leftovers go either way
        previous = manifest.entries(folder)
        if not previous:
            return None
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
        if set(previous) - set(output_names(config, slug, manifest.recorded_source_lang(folder)
                                            or config.source_lang)):
            return None  # an output of a language or format no longer configured
        results.append(result)
    return results or None


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops a build as Ctrl-C does (:class:`Terminated`), so that it cleans up
    (workers stopped, temporaries removed) instead of dying where it stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise Terminated(signum)

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def build(config: Config, *, langs: tuple[str, ...] | None = None,
          formats: tuple[str, ...] | None = None, draft: bool = False,
          jobs: int | None = None, force: bool = False, out: Path | None = None,
          progress: Progress | None = None, slugs: tuple[str, ...] | None = None,
          shard: Shard | None = None, now: dt.datetime | None = None) -> list[BuildResult]:
    """Build every seed (or those of ``slugs``, of ``shard``); files whose inputs did not
    change are left alone.  ``jobs``: worker processes, by default one per core.

    A release refused by its gate (translations, QA) is left as it was while the
    others are built; the refusal is raised at the end (exit 1).  A build of every
    release (no ``slugs``, no ``shard``) also removes the release folders whose seed
    is gone, as far as their manifests list pressctl's files.
    """
    if out is None:
        output.check_output_dir(config)
    with _sigterm_interrupts():
        return _build(config, langs=langs, formats=formats, draft=draft, jobs=jobs,
                      force=force, out=out, progress=progress, slugs=slugs, shard=shard,
                      now=now)


def _build(config: Config, *, langs: tuple[str, ...] | None, formats: tuple[str, ...] | None,
           draft: bool, jobs: int | None, force: bool, out: Path | None,
           progress: Progress | None, slugs: tuple[str, ...] | None,
           shard: Shard | None, now: dt.datetime | None) -> list[BuildResult]:
    if not (force or draft or out):
        unchanged = _nothing_to_do(config, langs, formats, slugs, shard, now)
        if unchanged is not None:
            return unchanged
    refused: list[CheckFailed] = []
    planned: dict[tuple[Path, str], Kit] = {}
    with _workers(config, langs, formats, slugs, shard, jobs) as workers:
        made = None if workers is None else functools.partial(
            _ahead, workers, formats or config.formats)
        results, todo = plan(config, langs=langs, formats=formats, draft=draft, out=out,
                             slugs=slugs, shard=shard, now=now, refused=refused, kits=planned,
                             made=made)
        try:
            _PLANNED.update(planned)
            return _render(config, results, todo, force=force, workers=workers, out=out,
                           progress=progress, slugs=slugs, shard=shard, refused=refused)
        finally:
            _PLANNED.clear()


@contextlib.contextmanager
def _workers(config: Config, langs: tuple[str, ...] | None, formats: tuple[str, ...] | None,
             slugs: tuple[str, ...] | None, shard: Shard | None, jobs: int | None
             ) -> Iterator[Workers | None]:
    """The worker processes of a build that is not a no-op, started before its plan (see
    :class:`~pressctl.build.workers.Workers`), or None for one process.  How many is
    decided by the files the configuration makes for the releases chosen (the plan, which
    knows which are up to date, comes later): a few files more than will be built at
    worst, which costs a worker that imported the renderers on a core of its own."""
    per_release = len(langs or config.languages) * len(formats or config.formats)
    if len(langs or config.languages) > 1:
        per_release += sum(fmt in BILINGUAL_FORMATS for fmt in formats or config.formats)
    count = pool_size(jobs, per_release * len(select(config, slugs, shard)))
    if count < 2:
        yield None
        return
    from pressctl.build.workers import Workers

    started = Workers(count, os.getpid(),
                      functools.partial(_import_renderers, formats or config.formats))
    try:
        yield started
    except BaseException:
        started.stop()
        raise
    started.close()


def _ahead(workers: Workers, formats: tuple[str, ...], seed: Path, lang: str,
           kit: Kit) -> None:
    """A kit is made: the workers, idle while the gates check it, do for it what its
    formats can do ahead, one task a font face (the PDF converts the subsets of a first
    build into the cache: four conversions on two cores while the build runs its QA,
    rather than inside the PDFs that need them, one after another or twice at once).
    The worker asks the formats, so the build imports no renderer."""
    workers.ahead([functools.partial(_prepare, formats, kit, face)
                   for face in ("regular", "bold")])


def _prepare(formats: tuple[str, ...], kit: Kit, face: str) -> None:
    for fmt in formats:
        prepare = renderer(fmt).prepare
        if prepare is not None:
            prepare(kit, face)


def _import_renderers(formats: tuple[str, ...]) -> None:
    """A worker's first task: the renderers of the build's formats, imported once."""
    for fmt in formats:
        renderer(fmt)


def _render(config: Config, results: list[BuildResult], todo: list[Job], *, force: bool,
            workers: Workers | None, out: Path | None, progress: Progress | None,
            slugs: tuple[str, ...] | None, shard: Shard | None,
            refused: list[CheckFailed]) -> list[BuildResult]:
    """Write the files of ``todo`` that are not up to date, commit each release, then
    remove orphaned releases and report the refused ones."""
    for result in results:
        _tidy(result.folder)
    previous = {r.folder: manifest.entries(r.folder) for r in results}
    stale = [job for job in todo
             if force or not up_to_date(job.target, job.key, previous[job.target.parent])]
    for job in stale:  # a folder where an output belongs: refused before anything renders
        if job.target.is_dir() and not job.target.is_symlink():
            raise not_written(job.target, IsADirectoryError(errno.EISDIR,
                                                            os.strerror(errno.EISDIR)))
    keys = {job.target: job.key for job in todo}
    staged: dict[Path, Path] = {}  # an output → the temporary file that will replace it
    seeds = {job.target.parent: job.seed for job in todo}
    releases = {result.folder: result for result in results}
    waiting = Counter(job.target.parent for job in stale)
    owner = os.getpid()

    def finish(folder: Path) -> None:
        """A release's files are all staged: commit it now, while others still render."""
        result = releases[folder]
        result.built = [f for f in result.files if f in staged]
        result.manifest = _commit(config, seeds[folder], result, keys, staged, owner)
        for key in [key for key in _PLANNED if key[0] == seeds[folder]]:  # memory stays flat
            del _PLANNED[key]

    def written(job: Job, path: Path) -> None:
        staged[job.target] = path
        if progress:
            progress(relative(config, job.target), len(staged), len(stale))
        waiting[job.target.parent] -= 1
        if not waiting[job.target.parent]:
            finish(job.target.parent)

    try:
        for folder in releases:
            if not waiting[folder]:
                finish(folder)
        if workers is not None and stale:
            kits = [{key: kit for key, kit in _PLANNED.items() if key[0] == job.seed}
                    for job in stale]
            workers.run(run_job, stale, kits, written)
        else:
            for job in stale:
                written(job, run_job(job, owner))
    except BaseException:  # Ctrl-C, SIGTERM, an error: what is not committed goes
        with signals_held():  # a second Ctrl-C does not cut the cleaning short
            for folder in releases:
                for place in (folder, folder / manifest.MEDIA):
                    remove_temporaries_of(place, owner)
        raise
    if slugs is None and shard is None and out is None:
        for orphan in output.orphans(config):
            output.remove_release(orphan)
    if refused:
        raise refused[0] if len(refused) == 1 else CheckFailed(
            "\n".join(error.message for error in refused),
            hint=refused[0].hint, problems=[p for error in refused for p in error.problems])
    return results


def _copy_of(original: Path) -> Callable[[Path], None]:
    def copy(tmp: Path) -> None:
        tmp.write_bytes(original.read_bytes())
    return copy


def _commit(config: Config, seed: Path, result: BuildResult, keys: dict[Path, str],
            staged: dict[Path, Path], owner: int) -> Path:
    """Put a release's new files, pictures and manifest in place in one commit, removing
    the outputs and pictures its previous manifest lists that it no longer has."""
    from pressctl.source.media import describe_media

    release = read_release(seed, config)
    folder = result.folder
    previous = manifest.entries(folder)
    files = {}
    for name in output_names(config, release.slug, release.lang):
        target = folder / name
        if target in staged:
            files[name] = staged[target]
        elif target.is_file():
            files[name] = target
    inputs = {name: keys.get(folder / name) or previous.get(name, {}).get("inputs")
              for name in files}
    media, originals = describe_media(release)
    moves = {staged[target]: target for target in result.files if target in staged}
    for name, original in originals.items():
        target = folder / manifest.MEDIA / name
        if not (target.is_file() and sha256(target) == sha256(original)):
            moves[stage_with(target, _copy_of(original), owner)] = target
    kept = {*files, *(f"{manifest.MEDIA}/{name}" for name in originals)}
    remove = [folder / name for name in manifest.listed(folder) if name not in kept]
    text = manifest.manifest_text(
        manifest.release_data(config, release, seed, result.draft, media, result.embargoed),
        files, inputs)
    commit.commit(folder, moves, remove, folder / manifest.NAME, text)
    return folder / manifest.NAME


#: Files a worker process must have to pay for starting it, when ``--jobs`` is not given.
FILES_PER_WORKER = 2


def pool_size(jobs: int | None, files: int) -> int:
    """Worker processes for ``files`` files: ``jobs`` when given (at most one a file);
    otherwise one per core, as long as each has at least two files.

    A worker repeats what the first file of a process costs (fonts registered,
    caches read): for the three files of ``--format docx`` a second process made
    the build slower, not faster (paired runs, tests/bench/RESULTS.md).
    """
    if jobs is not None:
        return min(jobs, files)
    return min(cores(), files // FILES_PER_WORKER)


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
