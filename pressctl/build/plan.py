"""What a build will produce: the releases chosen, gated, and one job per output file.

Planning reads every chosen seed, passes it through the gates (glyphs,
translations, QA) and lists the files to write with their input keys; it
renders nothing.  ``build``, ``build --list`` and ``build --check`` share this
plan, so what is listed, checked and built can never differ.  A release's plan
depends on the release alone (and the kit wording all share), so it is the
same in a shard and in the whole build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.build.keys import code_hash, input_key, read_release
from pressctl.core.errors import CheckFailed, PressctlError
from pressctl.core.names import card_name, file_name
from pressctl.core.settings import Config

if TYPE_CHECKING:
    import datetime as dt

    from pressctl.kit import Kit

#: Formats with a bilingual edition (the web page and the e-mail are one language each).
BILINGUAL_FORMATS = ("pdf", "docx")
#: ``--shard K/N``: build shard K (1…N) of the releases; see :mod:`pressctl.build.shard`.
Shard = tuple[int, int]


@dataclass
class BuildResult:
    """One release of a build: the files planned, those written this time, its manifest."""

    slug: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    draft: bool = False  # built with --draft and incomplete: every page says DRAFT
    blocking: int = 0  # QA problems that made it a draft
    embargoed: bool = False  # built while its embargo held (at the build's --now)


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
    return config.named_seeds(slugs)  # the one home, shared with qa


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


def output_names(config: Config, slug: str, source: str) -> list[str]:
    """Every file the configuration makes for a release written in ``source``: the names
    its folder may hold of pressctl's (what a ``--lang``/``--format`` build keeps, and what
    is removed once a language or format leaves the configuration)."""
    names = [file_name(slug, lang, fmt) for lang in config.languages for fmt in config.formats]
    if "html" in config.formats:  # each web page writes its social card beside itself
        names += [card_name(slug, lang) for lang in config.languages]
    if bilingual_sides(config, source, config.languages)[1]:
        names += [f"{slug}.bilingual.{fmt}" for fmt in config.formats
                  if fmt in BILINGUAL_FORMATS]
    return names


def plan(config: Config, *, langs: tuple[str, ...] | None = None,
         formats: tuple[str, ...] | None = None, draft: bool = False,
         out: Path | None = None, slugs: tuple[str, ...] | None = None,
         shard: Shard | None = None, now: dt.datetime | None = None,
         refused: list[CheckFailed] | None = None,
         kits: dict[tuple[Path, str], Kit] | None = None,
         made: Callable[[Path, str, Kit], None] | None = None
         ) -> tuple[list[BuildResult], list[Job]]:
    """Read each seed (of ``slugs``, of ``shard``), check its translations, and list the
    files to produce.

    ``draft`` lets an incomplete release through marked DRAFT; a release with
    every translation reviewed and no blocking QA problem is built as final.
    Every gate and key depends on the release alone (and the kit wording all
    share), so a release is planned alike in a shard and in the whole build.
    ``now`` decides which embargoes have lifted (default: the clock).
    A release its gate refuses stops the plan, unless ``refused`` is a list: then
    the refusal is added to it and the release left out, so the others are built.
    ``kits``, when given, receives the kit the gates made of each release in each
    language, by (seed, language): the build renders from them rather than
    localising every release again for each of its files.  ``made`` is told of each
    kit as soon as it is made, before the gates check it: the build's workers then
    prepare its fonts while the gates run.
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
    from pressctl.build.gate import check_translations, gate_qa
    from pressctl.kit import glyphs
    from pressctl.kit.make import make_kit

    code = code_hash()
    from pressctl.catalogs.project import release_lang
    from pressctl.source import embargo

    moment = now or embargo.now()
    releases = [read_release(seed, config) for seed in seeds]
    for release, seed in zip(releases, seeds, strict=True):
        release_lang(config, seed, release.lang)
    passed = []
    for release, seed in zip(releases, seeds, strict=True):
        held = not embargo.lifted(release.embargo, moment)
        localised = {}
        for lang in langs:
            localised[lang] = make_kit(config, release, lang, draft=True, embargoed=held,
                                       show_drafts=draft)
            if made is not None:
                made(seed, lang, localised[lang])
        glyphs.check(config, release, localised)  # first: a box for a character is never right
        try:
            passed.append((seed, release, check_translations(config, release, seed,
                                                             localised, draft)))
        except CheckFailed as refusal:
            if refused is None:
                raise
            refused.append(refusal)
            continue
        if kits is not None:
            kits.update({(seed, lang): kit for lang, kit in localised.items()})
    blocking = gate_qa(config, [seed for seed, _, _ in passed], langs, draft, refused)
    results, jobs = [], []
    for seed, release, missing in passed:
        if blocking[seed.stem] and not draft:
            continue  # refused by QA (gate_qa raised unless ``refused`` collects it)
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
