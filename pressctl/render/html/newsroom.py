"""The newsroom's index page of one language: its published releases, newest first."""

from __future__ import annotations

from babel.dates import format_date

from pressctl.catalogs import catalog
from pressctl.catalogs.wording import is_kit_source
from pressctl.core.settings import Config
from pressctl.kit import Wording
from pressctl.kit.web import Item, own_name
from pressctl.render.html.markup import esc, other_script
from pressctl.render.html.page import css


def wording(config: Config, lang: str) -> Wording:
    """The kit's wording in ``lang`` (the newsroom's headings are the kit's words)."""
    if is_kit_source(lang):
        return Wording(None)
    return Wording.load(config.catalog_path(lang, catalog.KIT_DOMAIN), config.locale(lang))


def organisation(config: Config, items: list[Item]) -> str:
    """The organisation as the newest release names it in the language, else the config's."""
    return items[0].organisation if items else config.organisation


def title(config: Config, lang: str, items: list[Item]) -> str:
    organisation_name = organisation(config, items)
    heading = wording(config, lang)("Press releases")
    return f"{organisation_name} – {heading}" if organisation_name else heading


def index_page(config: Config, lang: str, items: list[Item]) -> bytes:
    t = wording(config, lang)
    tag = config.tag(lang)
    base = config.base_url.rstrip("/")
    alternates = "".join(
        f'<link rel="alternate" hreflang="{esc(config.tag(other))}" '
        f'href="{esc(base)}/index.{esc(other)}.html">\n' for other in config.languages)
    feeds = (f'<link rel="alternate" type="application/atom+xml" href="feed.{esc(lang)}.atom" '
             f'title="{esc(title(config, lang, items))}">\n'
             f'<link rel="alternate" type="application/feed+json" href="feed.{esc(lang)}.json" '
             f'title="{esc(title(config, lang, items))}">\n')
    switcher = "".join(
        f'<li><a href="index.{esc(other)}.html" hreflang="{esc(config.tag(other))}" '
        f'lang="{esc(config.tag(other))}"'
        + (' aria-current="page"' if other == lang else "")
        + f">{esc(own_name(config.locale(other), config.tag(other)))}</a></li>"
        for other in config.languages)
    entries = "".join(
        f'<li><h2><a href="{esc(item.slug)}/{esc(item.url.rsplit("/", 1)[-1])}">'
        f"{other_script(item.title, lang)}</a></h2>"
        f'<p><time datetime="{esc(item.published.isoformat())}">'
        f'{esc(format_date(item.published, "long", locale=config.locale(lang)))}</time></p>'
        f"<p>{other_script(item.summary, lang)}</p></li>" for item in items)
    heading = t("Press releases")
    page = (f'<!DOCTYPE html>\n<html lang="{esc(tag)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title(config, lang, items))}</title>\n"
            f'<link rel="canonical" href="{esc(base)}/index.{esc(lang)}.html">\n'
            f"{alternates}{feeds}<style>{css(config.colour)}</style>\n</head>\n<body>\n"
            f'<header class="masthead"><div class="bar"><p class="organisation">'
            f"{other_script(organisation(config, items), lang)}</p>"
            f'<nav class="switcher" aria-label="{esc(t("Languages"))}"><ul>{switcher}</ul>'
            f"</nav></div></header>\n<main>\n<h1>{esc(heading)}</h1>\n"
            f'<ul class="releases">{entries}</ul>\n<p><a href="feed.{esc(lang)}.atom">Atom</a>'
            f' · <a href="feed.{esc(lang)}.json">JSON Feed</a></p>\n</main>\n</body>\n</html>\n')
    return page.encode("utf-8")
