"""Run the pipeline for every seed: read → localise → render → write + manifest.

This module only orchestrates stages; it knows nothing of the terminal and
reports progress through an optional callback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pressctl import catalog
from pressctl.config import Config
from pressctl.errors import CheckFailed, PressctlError
from pressctl.kit import Kit, Wording, fact_row
from pressctl.localize import localise
from pressctl.read import read
from pressctl.release import Release
from pressctl.segment import segments
from pressctl.write import write_manifest, write_with

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    slug: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    untranslated: dict[str, list[str]] = field(default_factory=dict)


def renderer(fmt: str) -> Callable[[Kit, Path], None]:
    """The ``render`` function of ``pressctl.render.<fmt>``, imported only when needed."""
    module = importlib.import_module(f"pressctl.render.{fmt}")
    return module.render  # type: ignore[no-any-return]


def relative(config: Config, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.root))
    except ValueError:
        return str(path)


def translations(config: Config, release: Release, lang: str) -> dict[str, str]:
    if lang == release.lang:
        return {s.text: s.text for s in segments(release)}
    return catalog.reviewed(catalog.load_or_none(config.catalog_path(lang, release.slug)))


def make_kit(config: Config, release: Release, lang: str, *, draft: bool = False) -> Kit:
    """Localise ``release`` into ``lang`` and gather the kit wording for it."""
    localised = localise(release, translations(config, release, lang), lang)
    if lang == release.lang:
        wording = Wording(None)
    else:
        wording = Wording(catalog.load_or_none(config.catalog_path(lang, catalog.KIT_DOMAIN)))
    facts = tuple(fact_row(src, loc, wording, config.locale(lang))
                  for src, loc in zip(release.facts, localised.facts, strict=True))
    fonts = {k: str(v) for k, v in config.fonts.get(lang, {}).items()}
    return Kit(release=localised, lang=lang, tag=config.tag(lang), locale=config.locale(lang),
               t=wording, facts=facts, draft=draft, colour=config.colour,
               page_size=config.page_size, margins_mm=config.margins_mm, fonts=fonts)


def segment_counts(config: Config, release: Release, lang: str) -> dict[str, int]:
    msgids = [s.text for s in segments(release)]
    if lang == release.lang:
        return {"translated": len(set(msgids)), "fuzzy": 0, "untranslated": 0}
    counts = catalog.counts(catalog.load_or_none(config.catalog_path(lang, release.slug)), msgids)
    return {"translated": counts.translated, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated}


def missing_message(config: Config, release: Release, missing: dict[str, list[str]]) -> str:
    lines = [f"{release.slug}: translations missing or not reviewed:"]
    for lang, texts in missing.items():
        path = relative(config, config.catalog_path(lang, release.slug))
        lines.append(f"  {lang} ({path}): {len(texts)} segment(s)")
        lines.extend(f"    - {text[:90]}" for text in texts[:10])
        if len(texts) > 10:
            lines.append(f"    … and {len(texts) - 10} more")
    return "\n".join(lines)


def build_release(config: Config, seed: Path, *, langs: tuple[str, ...] | None = None,
                  formats: tuple[str, ...] | None = None, draft: bool = False,
                  progress: Progress | None = None) -> BuildResult:
    release = read(seed)
    langs = langs or config.languages
    formats = formats or config.formats
    kits = {lang: make_kit(config, release, lang, draft=draft) for lang in langs}
    missing = {lang: list(kit.release.untranslated) for lang, kit in kits.items()
               if kit.release.untranslated}
    missing.update({
        f"{lang} kit wording": kit.t.missing() for lang, kit in kits.items()
        if lang != release.lang and kit.t.missing()
    })
    if missing and not draft:
        raise CheckFailed(
            missing_message(config, release, missing), path=seed,
            hint="translate them in the catalogs (pressctl catalog update; pressctl translate "
                 f"{relative(config, seed)} --to LANG), mark them reviewed, or build with --draft",
        )
    folder = config.dist / release.slug
    result = BuildResult(release.slug, folder, untranslated=missing)
    for lang, kit in kits.items():
        for fmt in formats:
            target = folder / f"{release.slug}.{lang}.{fmt}"
            if progress:
                progress(relative(config, target))
            render = renderer(fmt)
            write_with(target, lambda tmp, render=render, kit=kit: render(kit, tmp))
            result.files.append(target)
    existing = sorted(p for p in folder.glob(f"{release.slug}.*.*")
                      if p.suffix.lstrip(".") in ("pdf", "docx") and not p.name.startswith("."))
    manifest = {
        "slug": release.slug,
        "title": release.title,
        "date": release.date.isoformat(),
        "source": relative(config, seed),
        "source_lang": release.lang,
        "languages": list(config.languages),
        "draft": draft,
        "segments": {lang: segment_counts(config, release, lang) for lang in config.languages},
    }
    result.manifest = write_manifest(folder, manifest, existing)
    return result


def build(config: Config, *, langs: tuple[str, ...] | None = None,
          formats: tuple[str, ...] | None = None, draft: bool = False,
          progress: Progress | None = None) -> list[BuildResult]:
    seeds = config.seeds()
    if not seeds:
        raise PressctlError("no seed documents found", path=config.root / config.seeds_dir,
                            hint="add seeds/<slug>.md or run 'pressctl new <slug>'")
    for lang in langs or ():
        if lang not in config.languages:
            raise PressctlError(f"unknown language {lang!r}", path=config.root / "pyproject.toml",
                                hint=f"configured languages: {', '.join(config.languages)}")
    return [build_release(config, seed, langs=langs, formats=formats, draft=draft,
                          progress=progress) for seed in seeds]
