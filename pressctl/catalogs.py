"""Catalog operations over a whole project: every seed and the kit, every target language."""

from __future__ import annotations

from typing import Any

import polib

from pressctl import catalog
from pressctl.config import Config
from pressctl.errors import PressctlError
from pressctl.kit import covered_by_default, default_wording, kit_segments
from pressctl.paths import relative
from pressctl.read import read
from pressctl.segment import segments


def _domains(config: Config) -> list[tuple[str, Any]]:
    """(domain, template) for each seed and for the kit's own wording."""
    domains = []
    for seed in config.seeds():
        release = read(seed)
        if release.lang != config.source_lang:
            raise PressctlError(f"document language {release.lang!r} differs from "
                                f"source_lang {config.source_lang!r}", path=seed)
        pot = catalog.template(segments(release), relative(config, seed),
                               project=release.slug, date=release.date)
        domains.append((release.slug, pot))
    kit = catalog.template(kit_segments(), "pressctl/kit.py", project=catalog.KIT_DOMAIN)
    domains.append((catalog.KIT_DOMAIN, kit))
    return domains


def check_all(config: Config) -> list[tuple[str, Any]]:
    """Read every seed and every catalog, so a broken one stops a command before it writes."""
    domains = _domains(config)
    for lang in config.target_languages:
        for domain, _ in domains:
            catalog.load_or_none(config.catalog_path(lang, domain))
    return domains


def update_all(config: Config) -> list[catalog.MergeReport]:
    """Merge fresh templates into every target catalog; all are checked before any is written."""
    domains = check_all(config)
    return [catalog.update(config.catalog_path(lang, domain),
                           _with_defaults(pot, config.locale(lang))
                           if domain == catalog.KIT_DOMAIN else pot,
                           lang=config.tag(lang).replace("-", "_"))
            for lang in config.target_languages for domain, pot in domains]


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
    for domain, pot in _domains(config):
        msgids = [e.msgid for e in pot]
        for lang in config.target_languages:
            path = config.catalog_path(lang, domain)
            po = catalog.load_or_none(path)
            if domain == catalog.KIT_DOMAIN:  # what the default has counts as translated
                covered = covered_by_default(config.locale(lang))
                own = catalog.counts(po, [m for m in msgids if m not in covered])
                counts = catalog.Counts(own.translated + sum(m in covered for m in msgids),
                                        own.fuzzy, own.untranslated, own.obsolete)
            else:
                counts = catalog.counts(po, msgids)
            rows.append({"document": domain, "lang": lang, "catalog": relative(config, path),
                         "translated": counts.translated, "fuzzy": counts.fuzzy,
                         "untranslated": counts.untranslated, "obsolete": counts.obsolete})
    return rows
