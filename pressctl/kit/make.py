"""Make the Kit a renderer receives: the release localised into one language, with its wording.

The build stage calls :func:`make_kit` once per document; everything a renderer needs is
resolved here so that renderers only draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressctl.catalogs import catalog
from pressctl.core.settings import Config

if TYPE_CHECKING:
    from pressctl.kit import Kit
    from pressctl.kit.web import Web
    from pressctl.source.release import Release


def translations(config: Config, release: Release, lang: str) -> dict[str, str]:
    from pressctl.source.segment import segments

    if lang == release.lang:
        return {s.text: s.text for s in segments(release)}
    return catalog.reviewed(catalog.load_or_none(config.catalog_path(lang, release.slug)))


def drafts(config: Config, release: Release, lang: str) -> dict[str, tuple[str, bool]]:
    """A draft kit's unreviewed drafts: source → (draft, whether it looks degenerate: its
    comment says ``doubtful``, or it shows a sign :mod:`pressctl.translate.degenerate`
    looks for, as QA's ``degenerate`` check would say of a draft written by hand)."""
    from pressctl.translate.degenerate import doubts

    if lang == release.lang:
        return {}
    found = catalog.drafts(catalog.load_or_none(config.catalog_path(lang, release.slug)))
    return {msgid: (entry.msgstr, catalog.says_doubtful(entry)
                    or bool(doubts(msgid, entry.msgstr, release.lang, lang)))
            for msgid, entry in found.items()}


def make_kit(config: Config, release: Release, lang: str, *, draft: bool = False,
             embargoed: bool = False, show_drafts: bool | None = None) -> Kit:
    """Localise ``release`` into ``lang`` and resolve everything its renderers need: the
    kit wording, the figures, the fonts (MissingDependency, exit 3, when there is none,
    as the glyph gate reports) and the bullets those fonts can draw.

    ``draft``: the kit may be a draft, so its body shows the catalog's unreviewed drafts,
    marked (:mod:`pressctl.catalogs.localize`); a release that turns out complete has
    none to show.  ``show_drafts`` overrides that (the build's gates make every kit as a
    draft, but show the drafts only under ``--draft``).  ``embargoed``: the release's
    embargo still holds at the build's ``--now`` (decided once by the build, so every
    file of a release agrees)."""
    from pressctl.catalogs.localize import localise
    from pressctl.catalogs.wording import is_kit_source
    from pressctl.core.fonts import resolve
    from pressctl.kit import Kit, Wording, fact_row, glyphs

    localised = localise(release, translations(config, release, lang), lang,
                         drafts(config, release, lang)
                         if (draft if show_drafts is None else show_drafts) else None)
    if is_kit_source(lang):  # pressctl's own English, whatever the release is written in
        wording = Wording(None)
    else:
        wording = Wording.load(config.catalog_path(lang, catalog.KIT_DOMAIN), config.locale(lang))
    facts = tuple(fact_row(src, loc, wording, config.locale(lang), config.currency.get(lang))
                  for src, loc in zip(release.facts, localised.facts, strict=True))
    fonts = resolve(lang, {k: str(v) for k, v in config.fonts.get(lang, {}).items()})
    return Kit(release=localised, lang=lang, tag=config.tag(lang), locale=config.locale(lang),
               t=wording, facts=facts, draft=draft, colour=config.colour,
               page_size=config.page_size, margins_mm=config.margins_mm, fonts=fonts,
               bullets=glyphs.kit_bullets(fonts),
               embargo=release.embargo if embargoed else None,
               web=web(config, release, lang))


def web(config: Config, release: Release, lang: str) -> Web:
    """The page's links: the release's editions in every language, the kit's downloads."""
    from pressctl.core.names import file_name
    from pressctl.kit.web import Edition, Web, own_name

    editions = tuple(Edition(other, config.tag(other), own_name(config.locale(other),
                                                                 config.tag(other)),
                             file_name(release.slug, other, "html"))
                     for other in config.languages)
    downloads = tuple((fmt, file_name(release.slug, lang, fmt)) for fmt in config.formats
                      if fmt in ("pdf", "docx"))
    return Web(config.base_url, editions, downloads)
