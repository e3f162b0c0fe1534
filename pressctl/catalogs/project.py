"""Catalog operations over a whole project: every seed and the kit, every target language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib

from pressctl.catalogs import catalog
from pressctl.catalogs.wording import (
    KIT_SOURCE_LANG,
    covered_by_default,
    default_wording,
    is_kit_source,
    kit_segments,
)
from pressctl.core.errors import PressctlError
from pressctl.core.paths import relative
from pressctl.core.settings import Config
from pressctl.source.read import read
from pressctl.source.segment import segments


def release_lang(config: Config, release_path: Path, lang: str) -> str:
    """A release's source language, which must be one the project publishes in."""
    if lang not in config.languages:
        raise PressctlError(f"the release is written in {lang!r}, which is not one of the "
                            f"configured languages ({', '.join(config.languages)})",
                            path=release_path,
                            hint=f"set 'lang:' to one of them or add {lang!r} to languages "
                                 "in [tool.pressctl]")
    return lang


def _domains(config: Config) -> list[tuple[str, Any, str]]:
    """(domain, template, source language) for each seed and for the kit's own wording.

    Each release is translated from its own ``lang`` into every other
    configured language; the kit's wording is pressctl's English.
    """
    domains = []
    for seed in config.seeds():
        release = read(seed, default_lang=config.source_lang)
        lang = release_lang(config, seed, release.lang)
        pot = catalog.template(segments(release), relative(config, seed),
                               project=release.slug, date=release.date, source_lang=lang)
        domains.append((release.slug, pot, lang))
    kit = catalog.template(kit_segments(), "pressctl/kit.py", project=catalog.KIT_DOMAIN,
                           source_lang=KIT_SOURCE_LANG)
    domains.append((catalog.KIT_DOMAIN, kit, KIT_SOURCE_LANG))
    return domains


def kit_languages(config: Config) -> tuple[str, ...]:
    """Languages whose kit wording is a translation: all but pressctl's own English."""
    return tuple(lang for lang in config.languages if not is_kit_source(lang))


def _targets(config: Config, domain: str, source: str) -> tuple[str, ...]:
    return kit_languages(config) if domain == catalog.KIT_DOMAIN else config.targets(source)


def check_all(config: Config) -> list[tuple[str, Any, str]]:
    """Read every seed and every catalog, so a broken one stops a command before it writes."""
    domains = _domains(config)
    for domain, _, source in domains:
        for lang in _targets(config, domain, source):
            catalog.load_or_none(config.catalog_path(lang, domain))
    return domains


def update_all(config: Config) -> list[catalog.MergeReport]:
    """Merge fresh templates into every target catalog; all are checked before any is written."""
    domains = check_all(config)
    return [catalog.update(config.catalog_path(lang, domain),
                           _with_defaults(pot, config.locale(lang))
                           if domain == catalog.KIT_DOMAIN else pot,
                           lang=config.tag(lang).replace("-", "_"))
            for lang in config.languages for domain, pot, source in domains
            if lang in _targets(config, domain, source)]


def _with_defaults(pot: polib.POFile, locale: str) -> polib.POFile:
    """The kit's template for one language, each entry noting pressctl's default wording.

    The project's ``pressctl.po`` only holds overrides: its entries stay empty
    (the default is used) unless a translator fills one in, and the comment
    shows the translator what an empty entry prints.
    """
    defaults = default_wording(locale)
    copy = polib.POFile(wrapwidth=pot.wrapwidth)
    copy.metadata = dict(pot.metadata)
    for entry in pot:
        comment = entry.comment
        if entry.msgid in defaults:
            comment += f"; empty: pressctl's default “{defaults[entry.msgid]}” is used"
        copy.append(polib.POEntry(msgid=entry.msgid, msgstr="", comment=comment,
                                  occurrences=list(entry.occurrences), flags=list(entry.flags)))
    return copy


def stats(config: Config) -> list[dict[str, Any]]:
    rows = []
    for domain, pot, source in _domains(config):
        msgids = [e.msgid for e in pot]
        for lang in _targets(config, domain, source):
            path = config.catalog_path(lang, domain)
            po = catalog.load_or_none(path)
            if domain == catalog.KIT_DOMAIN:  # what the default has counts as translated
                covered = covered_by_default(config.locale(lang))
                own = catalog.counts(po, [m for m in msgids if m not in covered])
                counts = catalog.Counts(own.translated + sum(m in covered for m in msgids),
                                        own.fuzzy, own.untranslated, own.obsolete,
                                        own.doubtful, own.refused)
            else:
                counts = catalog.counts(po, msgids)
            rows.append({"document": domain, "lang": lang, "catalog": relative(config, path),
                         "translated": counts.translated, "fuzzy": counts.fuzzy,
                         "untranslated": counts.untranslated, "obsolete": counts.obsolete,
                         "doubtful": counts.doubtful, "refused": counts.refused})
    return rows


def check_files(config: Config, paths: list[Path]) -> list[Path]:
    """Read each seed (``.md``), catalog (``.po``) and glossary (``.csv``) as the commands do,
    so a malformed one is reported (exit 2, file and line) by a pre-commit hook before it is
    committed; without paths, every file of the project.  Other files (a README.md outside
    the seeds folder) are skipped.
    """
    from pressctl.catalogs import glossary

    if not paths:
        check_all(config)
        glossary.load(config.glossary_path)
        return [*config.seeds(), config.glossary_path]
    checked = []
    seeds = (config.root / config.seeds_dir).resolve()
    for path in paths:
        if path.suffix == ".md" and path.resolve().parent == seeds:
            read(path, default_lang=config.source_lang)
        elif path.suffix == ".po":
            catalog.load(path)
        elif path.suffix == ".csv" and path.resolve() == config.glossary_path.resolve():
            glossary.load(path)
        else:
            continue
        checked.append(path)
    return checked
