"""Catalog operations over a whole project: every seed and the kit, every target language."""

from __future__ import annotations

from typing import Any

from pressctl import catalog
from pressctl.config import Config
from pressctl.errors import PressctlError
from pressctl.kit import kit_segments
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


def update_all(config: Config) -> list[catalog.MergeReport]:
    """Merge fresh templates into every target catalog; all are checked before any is written."""
    domains = _domains(config)
    for lang in config.target_languages:
        for domain, _ in domains:
            catalog.load_or_none(config.catalog_path(lang, domain))  # fail before writing
    return [catalog.update(config.catalog_path(lang, domain), pot,
                           lang=config.tag(lang).replace("-", "_"))
            for lang in config.target_languages for domain, pot in domains]


def stats(config: Config) -> list[dict[str, Any]]:
    rows = []
    for domain, pot in _domains(config):
        msgids = [e.msgid for e in pot]
        for lang in config.target_languages:
            path = config.catalog_path(lang, domain)
            counts = catalog.counts(catalog.load_or_none(path), msgids)
            rows.append({"document": domain, "lang": lang, "catalog": relative(config, path),
                         "translated": counts.translated, "fuzzy": counts.fuzzy,
                         "untranslated": counts.untranslated, "obsolete": counts.obsolete})
    return rows
