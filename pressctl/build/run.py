"""Run the pipeline for every seed: read → localise → render → write + manifest.

This module only orchestrates stages; it knows nothing of the terminal and
reports progress through an optional callback.  The stages that parse
(Markdown, YAML), check glyphs or localise are imported where they run: a
build with nothing to do only hashes its inputs and never needs them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.catalogs import catalog
from pressctl.core import inputs
from pressctl.core.atomic import remove_stale_temporaries, sha256, write_bytes, write_with
from pressctl.core.config import Config
from pressctl.core.errors import CheckFailed, PressctlError
from pressctl.core.paths import cache_dir, relative, typed
from pressctl.kit.web import EXTENSIONS, file_name
from pressctl.source import cached
from pressctl.source.media import figure_files
from pressctl.write.manifest import write_manifest

if TYPE_CHECKING:
    from pressctl.kit import Kit
    from pressctl.source.release import Release


def _read(seed: Path, config: Config) -> Release:
    """The seed, parsed once per version of the file; in the project's ``source_lang``
    unless it names its own language."""
    return cached.release(seed, config.source_lang)


#: Formats with a bilingual edition (the web page and the e-mail are one language each).
BILINGUAL_FORMATS = ("pdf", "docx")
#: The files of a release the manifest lists (the web page's social card is a .png).
OUTPUT_SUFFIXES = (*(f".{ext}" for ext in EXTENSIONS.values()), ".png")
#: Called after each file: (its path relative to the project, files done, files to build).
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    slug: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    draft: bool = False  # built with --draft and incomplete: every page says DRAFT
    blocking: int = 0  # QA problems that made it a draft
    embargoed: bool = False  # built while its embargo held (at the build's --now)


def segment_counts(config: Config, release: Release, lang: str) -> dict[str, int]:
    from pressctl.source.segment import segments

    msgids = [s.text for s in segments(release)]
    if lang == release.lang:
        return {"translated": len(set(msgids)), "fuzzy": 0, "untranslated": 0}
    counts = catalog.counts(catalog.load_or_none(config.catalog_path(lang, release.slug)), msgids)
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated}


#: Marks the key of ``missing`` that holds a language's untranslated kit wording.
KIT_WORDING = " kit wording"


def missing_catalog(config: Config, release: Release, key: str) -> tuple[str, Path]:
    """The language and the catalog to fix for a key of ``missing`` ("zh", "zh kit wording")."""
    lang, kit, _ = key.partition(KIT_WORDING)
    return lang, config.catalog_path(lang, catalog.KIT_DOMAIN if kit else release.slug)


def missing_problems(config: Config, release: Release,
                     missing: dict[str, list[str]]) -> list[dict[str, object]]:
    """Each missing translation as a QA problem: its catalog, the entry's line when it has one."""
    from pressctl.qa import Problem

    problems: list[dict[str, object]] = []
    for key, texts in missing.items():
        lang, path = missing_catalog(config, release, key)
        po = catalog.load_or_none(path)
        entries = {e.msgid: e for e in po or () if not e.obsolete}
        for text in texts:
            entry = entries.get(text)
            fuzzy = entry is not None and bool(entry.msgstr) and "fuzzy" in entry.flags
            message = ("machine translation not reviewed" if fuzzy else
                       "not translated" if entry is not None else "not in the catalog")
            problems.append(Problem(relative(config, path), entry.linenum if entry else None,
                                    lang, text, "fuzzy" if fuzzy else "untranslated", "error",
                                    message, text).as_dict())
    return problems


def missing_message(config: Config, release: Release, missing: dict[str, list[str]]) -> str:
    lines = [f"{release.slug}: translations missing or not reviewed:"]
    for key, texts in missing.items():
        path = relative(config, missing_catalog(config, release, key)[1])
        lines.append(f"  {key} ({path}): {len(texts)} segment(s)")
        lines.extend(f"    - {text[:90]}" for text in texts[:10])
        if len(texts) > 10:
            lines.append(f"    … and {len(texts) - 10} more")
    return "\n".join(lines)


@dataclass(frozen=True)
class Job:
    """One output file: picklable, so ``--jobs`` can hand it to another process."""

    config: Config
    seed: Path
    lang: str
    fmt: str
    target: Path
    draft: bool
    key: str  # hash of every input; equal key and bytes mean the file is up to date
    pair: str | None = None  # for the bilingual edition: the translation's language
    left: str | None = None  # the bilingual edition's other side (default: the release's own)
    embargoed: bool = False  # the release's embargo holds at the build's --now


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

    release = _read(job.seed, job.config)
    module = importlib.import_module(f"pressctl.render.{job.fmt}.edition")
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


_code_hash = inputs.code_hash
_file_hash = inputs.file_hash


def _pictures(config: Config, seed: Path, code: str) -> list[Path]:
    """The picture files ``seed`` shows, read from the seed (the Markdown reader's work).

    A seed that shows no picture is remembered as such, by the hash of its bytes
    and of pressctl's code, in the cache (``pictures/``): a build with nothing to
    do then hashes the seed and reads no Markdown or YAML.  Only "none" is
    remembered — it follows from the text alone — while a seed with pictures is
    read every time, because where a picture path leads (a symlink, a moved
    project) and whether the file is still a picture are checked by reading it.
    """
    marker = cache_dir("pictures") / hashlib.sha256(
        "\0".join((code, config.source_lang, _file_hash(seed))).encode()).hexdigest()
    if marker.is_file():
        return []
    found = figure_files(_read(seed, config))
    if not found:
        with contextlib.suppress(OSError, PressctlError):  # an unwritable cache costs time only
            write_bytes(marker, b"")
    return found


def _default_wording_hash(config: Config, lang: str) -> str:
    """The shipped default kit wording is an input like the project's catalog."""
    from pressctl.catalogs.wording import default_path

    path = default_path(config.locale(lang)) if lang else None
    return _file_hash(path) if path is not None else "-"


def input_key(config: Config, seed: Path, lang: str, fmt: str, draft: bool,
              code: str, source: str | None = None, embargoed: bool = False) -> str:
    """Everything an output depends on: seed, catalogs, settings, fonts, code.

    ``source`` is the release's own language, which the bilingual edition
    prints beside ``lang`` with its own kit wording, locale and font.
    """
    from pressctl.kit.fonts import resolve

    parts = [code, fmt, lang, str(draft), _file_hash(seed),
             _file_hash(config.glossary_path),  # the QA gate reads it
             *(_file_hash(p) for p in _pictures(config, seed, code)),
             repr((config.colour, config.page_size, config.margins_mm,
                   sorted(config.qa.items())))]
    if embargoed:  # its lifting changes the label, so it is a change like an edit
        parts.append("embargoed")
    # the bilingual edition prints the source language's side with its own kit too
    sides = [lang, source or config.source_lang] if fmt.startswith("bilingual") else [lang]
    for side in sides:
        parts += [_file_hash(config.catalog_path(side, seed.stem)),
                  _file_hash(config.catalog_path(side, catalog.KIT_DOMAIN)),
                  _default_wording_hash(config, side),
                  repr((config.locale(side), config.tag(side),
                        sorted(config.fonts.get(side, {}).items())))]
        try:
            fonts = resolve(side, config.fonts.get(side))
            for font in (fonts.regular, fonts.bold):
                stat = font.path.stat()
                parts.append(f"{font.path}:{font.index}:{stat.st_size}:{stat.st_mtime_ns}")
        except PressctlError:
            parts.append("no-font")  # the render itself reports the missing font
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _previous(folder: Path) -> dict[str, dict[str, object]]:
    """The manifest's entries by file name, or nothing if there is no readable manifest."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return {f["path"]: f for f in data.get("files", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # not ours: rebuild
        return {}


def _recorded_embargo(folder: Path, now: dt.datetime) -> bool:
    """Whether the embargo the manifest recorded still holds at ``now`` (the seed's hash,
    in every key, says whether the recorded one is still the seed's)."""
    from pressctl.source import embargo

    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        recorded = data.get("embargo")
        return isinstance(recorded, str) and not embargo.lifted(
            dt.datetime.fromisoformat(recorded), now)
    except (OSError, ValueError, AttributeError):
        return False


def _recorded_source_lang(folder: Path) -> str | None:
    """The release language the manifest recorded, without reading the seed again."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        lang = data.get("source_lang")
        return lang if isinstance(lang, str) else None
    except (OSError, ValueError, AttributeError):
        return None


def _up_to_date(target: Path, key: str, previous: dict[str, dict[str, object]]) -> bool:
    entry = previous.get(target.name)
    return (entry is not None and entry.get("inputs") == key and target.is_file()
            and entry.get("sha256") == sha256(target))


def check_translations(config: Config, release: Release, seed: Path,
                       kits: dict[str, Kit], draft: bool) -> dict[str, list[str]]:
    """Missing translations per language (``kits``: the release localised into each)."""
    from pressctl.catalogs.wording import is_kit_source

    missing: dict[str, list[str]] = {}
    for lang, kit in kits.items():
        if kit.release.untranslated:
            missing[lang] = list(kit.release.untranslated)
        if not is_kit_source(lang) and kit.missing_wording():
            missing[f"{lang}{KIT_WORDING}"] = kit.missing_wording()
    if missing and not draft:
        raise CheckFailed(
            missing_message(config, release, missing), path=seed,
            hint="translate them in the catalogs (pressctl catalog update; pressctl translate "
                 f"{typed(seed)} --to LANG), mark them reviewed, or build with --draft",
            problems=missing_problems(config, release, missing),
        )
    return missing


def gate_qa(config: Config, seeds: list[Path], langs: tuple[str, ...],
            draft: bool) -> dict[str, int]:
    """Refuse to publish what QA calls an error (a wrong figure, a missing term, fuzzy text).

    With ``draft``, nothing is refused: the count of blocking problems of each
    release (by slug) says which ones must be marked DRAFT.  A problem in a
    release's own files (its seed, its catalogs) counts for that release; one
    anywhere else (the kit wording every kit prints) counts for all.
    """
    from pressctl import qa

    blocking = qa.gate(config, [seed.stem for seed in seeds], langs)
    if blocking and not draft:
        raise CheckFailed(qa.gate_message(blocking),
                          hint="fix them (run 'pressctl qa' for the full report), or build a "
                               "marked preview with --draft",
                          problems=[p.as_dict() for p in blocking])
    owner = {relative(config, path): seed.stem for seed in seeds
             for path in (seed, *(config.catalog_path(lang, seed.stem) for lang in langs))}
    counts = dict.fromkeys((seed.stem for seed in seeds), 0)
    for problem in blocking:
        for slug in [owner[problem.file]] if problem.file in owner else counts:
            counts[slug] += 1
    return counts


#: ``--shard K/N``: build shard K (1…N) of the releases; see :mod:`pressctl.build.shard`.
Shard = tuple[int, int]


def select(config: Config, slugs: tuple[str, ...] | None = None,
           shard: Shard | None = None) -> list[Path]:
    """The seeds of the releases named (all of them when none is), in the order given;
    with ``shard``, only those of that shard (possibly none).

    A name may also be the seed's path (``seeds/<slug>.md``), as a shell completes it.
    """
    seeds = config.seeds()
    if not seeds:
        raise PressctlError("no seed documents found", path=config.root / config.seeds_dir,
                            hint="add seeds/<slug>.md or run 'pressctl new <slug>'")
    chosen = _named(config, seeds, slugs) if slugs else seeds
    if shard is None:
        return chosen
    from pressctl.build import shard as sharding

    kept = set(sharding.select([seed.stem for seed in chosen], *shard))
    return [seed for seed in chosen if seed.stem in kept]


def _named(config: Config, seeds: list[Path], slugs: tuple[str, ...]) -> list[Path]:
    known = {seed.stem: seed for seed in seeds}
    chosen = []
    for name in dict.fromkeys(slugs):
        slug = Path(name).stem if name.endswith(".md") else name
        if slug not in known:
            from pressctl.core.config import suggest

            raise PressctlError(f"unknown release {name!r}" + suggest(slug, list(known)),
                                path=config.root / config.seeds_dir,
                                hint=f"releases: {', '.join(known)}")
        chosen.append(known[slug])
    return chosen


def bilingual_sides(config: Config, source: str, langs: tuple[str, ...]
                    ) -> tuple[str, str | None]:
    """(left, right) columns of the bilingual edition; right is None when it is not built.

    ``bilingual = ["en", "zh-Hant-TW"]`` in the config pairs any two languages;
    by default the release's own language sits beside the first target built.
    """
    if config.bilingual:
        left, right = config.bilingual
        return (left, right) if left in langs and right in langs else (left, None)
    if source not in langs:
        return source, None
    return source, next((lang for lang in langs if lang != source), None)


def plan(config: Config, *, langs: tuple[str, ...] | None = None,
         formats: tuple[str, ...] | None = None, draft: bool = False,
         out: Path | None = None, slugs: tuple[str, ...] | None = None,
         shard: Shard | None = None, now: dt.datetime | None = None
         ) -> tuple[list[BuildResult], list[Job]]:
    """Read each seed (of ``slugs``, of ``shard``), check its translations, and list the
    files to produce.

    ``draft`` lets an incomplete release through marked DRAFT; a release with
    every translation reviewed and no blocking QA problem is built as final.
    Every gate and key depends on the release alone (and the kit wording all
    share), so a release is planned alike in a shard and in the whole build.
    """
    seeds = select(config, slugs, shard)
    for lang in langs or ():
        if lang not in config.languages:
            raise PressctlError(f"unknown language {lang!r}", path=config.root / "pyproject.toml",
                                hint=f"configured languages: {', '.join(config.languages)}")
    langs = langs or config.languages
    formats = formats or config.formats
    if not seeds:  # an empty shard
        return [], []
    from pressctl.kit import glyphs
    from pressctl.kit.make import make_kit

    code = _code_hash()
    from pressctl.catalogs.project import release_lang
    from pressctl.source import embargo

    moment = now or embargo.now()
    releases = [_read(seed, config) for seed in seeds]
    for release, seed in zip(releases, seeds, strict=True):
        release_lang(config, seed, release.lang)
    missing_by_seed = []
    for release, seed in zip(releases, seeds, strict=True):
        held = not embargo.lifted(release.embargo, moment)
        kits = {lang: make_kit(config, release, lang, draft=True, embargoed=held)
                for lang in langs}
        glyphs.check(config, release, kits)  # first: a box for a character is never right
        missing_by_seed.append(check_translations(config, release, seed, kits, draft))
    blocking = gate_qa(config, seeds, langs, draft)
    results, jobs = [], []
    for seed, release, missing in zip(seeds, releases, missing_by_seed, strict=True):
        folder = (out or config.dist) / release.slug
        marked = bool(missing or blocking[seed.stem])
        held = not embargo.lifted(release.embargo, moment)
        result = BuildResult(release.slug, folder, untranslated=missing, draft=marked,
                             blocking=blocking[seed.stem], embargoed=held)
        for lang in langs:
            for fmt in formats:
                target = folder / file_name(release.slug, lang, fmt)
                key = input_key(config, seed, lang, fmt, marked, code, embargoed=held)
                jobs.append(Job(config, seed, lang, fmt, target, marked, key, embargoed=held))
                result.files.append(target)
        left, pair = bilingual_sides(config, release.lang, langs)
        for fmt in (f for f in formats if f in BILINGUAL_FORMATS) if pair else ():
            target = folder / f"{release.slug}.bilingual.{fmt}"
            key = input_key(config, seed, pair or "", f"bilingual-{fmt}", marked, code, left,
                            embargoed=held)
            jobs.append(Job(config, seed, "bilingual", fmt, target, marked, key, pair, left,
                            embargoed=held))
            result.files.append(target)
        results.append(result)
    return results, jobs


def _manifest(config: Config, seed: Path, result: BuildResult, keys: dict[Path, str]) -> Path:
    release = _read(seed, config)
    previous = _previous(result.folder)
    files = sorted(p for p in result.folder.glob(f"{release.slug}.*.*")
                   if p.suffix in OUTPUT_SUFFIXES and not p.name.startswith("."))
    inputs = {p.name: keys.get(p) or previous.get(p.name, {}).get("inputs") for p in files}
    data = {
        "slug": release.slug,
        "title": release.title,
        "date": release.date.isoformat(),
        "source": relative(config, seed),
        "source_lang": release.lang,
        "languages": list(config.languages),
        "draft": result.draft,
        "embargo": release.embargo.isoformat() if release.embargo else None,
        "embargoed": result.embargoed,  # built while it held: the newsroom waits for a rebuild
        "segments": {lang: segment_counts(config, release, lang) for lang in config.languages},
    }
    from pressctl.source.media import copy_media

    media = copy_media(release, result.folder)
    if media:
        data["media"] = media
    return write_manifest(result.folder, data, files, inputs)


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
    code = _code_hash()
    from pressctl.source import embargo

    moment = now or embargo.now()
    results = []
    for seed in select(config, slugs, shard):
        slug = seed.stem
        folder = config.dist / slug
        previous = _previous(folder)
        if not previous:
            return None
        remove_stale_temporaries(folder)  # a killed build's leftovers go either way
        result = BuildResult(slug, folder, manifest=folder / "manifest.json")
        held = _recorded_embargo(folder, moment)
        wanted = [(lang, fmt, file_name(slug, lang, fmt), input_key(config, seed, lang, fmt, False,
                                                               code, embargoed=held))
                  for lang in langs for fmt in formats]
        source = _recorded_source_lang(folder) or config.source_lang  # the seed's hash is in
        source, pair = bilingual_sides(config, source, langs)  # every key below
        if pair:
            wanted += [(pair, fmt, f"{slug}.bilingual.{fmt}",
                        input_key(config, seed, pair, f"bilingual-{fmt}", False, code, source,
                                  embargoed=held))
                       for fmt in formats if fmt in BILINGUAL_FORMATS]
        for _lang, _fmt, name, key in wanted:
            if not _up_to_date(folder / name, key, previous):
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
    previous = {r.folder: _previous(r.folder) for r in results}
    for result in results:
        remove_stale_temporaries(result.folder)
    stale = [job for job in todo
             if force or not _up_to_date(job.target, job.key, previous[job.target.parent])]
    keys = {job.target: job.key for job in todo}
    built = {job.target for job in stale}
    releases = {result.folder: (result, seed)
                for result, seed in zip(results, select(config, slugs, shard), strict=True)}
    waiting = Counter(job.target.parent for job in stale)

    def finish(folder: Path) -> None:
        """A release's files are all written: its manifest now, while others still render."""
        result, seed = releases[folder]
        result.built = [f for f in result.files if f in built]
        result.manifest = _manifest(config, seed, result, keys)

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
            importlib.import_module(f"pressctl.render.{fmt}.edition")
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, target in enumerate(pool.map(run_job, stale), 1):
                written(target, done)
    else:
        for done, job in enumerate(stale, 1):
            written(run_job(job), done)
    return results


def check(config: Config, *, langs: tuple[str, ...] | None = None,
          formats: tuple[str, ...] | None = None, draft: bool = False,
          slugs: tuple[str, ...] | None = None, shard: Shard | None = None,
          jobs: int | None = None, now: dt.datetime | None = None) -> list[str]:
    """Build into a temporary folder and list the files of ``dist/`` that differ from it.

    With a subset (``--lang``/``--format``) only those files are compared: the
    manifest describes the whole set, so it is compared, and files no seed
    produces any more are reported as extra, only when the whole set is checked.
    """
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
                    stale.append(f"missing: {relative(config, current)}")
                elif current.read_bytes() != path.read_bytes():
                    stale.append(f"stale: {relative(config, current)}")
            if whole:
                names = {path.name for path in expected}
                stale.extend(f"extra: {relative(config, path)}"
                             for path in sorted((config.dist / result.slug).glob("*"))
                             if path.is_file() and path.name not in names
                             and path.suffix in OUTPUT_SUFFIXES)
        return stale


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    previous = {r.folder: _previous(r.folder) for r in results}
    by_target = {job.target: job for job in jobs}
    releases = []
    for result in results:
        files = []
        for target in result.files:
            job = by_target[target]
            files.append({"path": relative(config, target), "lang": job.pair or job.lang,
                          "format": job.fmt, "bilingual": job.pair is not None,
                          "inputs": job.key,
                          "up_to_date": _up_to_date(target, job.key, previous[result.folder])})
        seed = by_target[result.files[0]].seed if result.files else None
        releases.append({"slug": result.slug,
                         "seed": relative(config, seed) if seed else None,
                         "folder": relative(config, result.folder), "draft": result.draft,
                         "manifest": relative(config, result.folder / "manifest.json"),
                         "files": files})
    return {"shard": f"{shard[0]}/{shard[1]}" if shard else None, "releases": releases}
