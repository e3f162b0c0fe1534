"""What a web page or an e-mail links to, resolved once for the renderers.

A page is one language of a release; it names its other languages (hreflang
and the visible switcher), the kit's PDF and DOCX beside it, and its canonical
address under ``base_url``.  File names follow the build's one pattern,
``<slug>.<lang>.<ext>`` (:mod:`pressctl.core.names`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressctl.core.lang import cldr_locale


@dataclass(frozen=True)
class Edition:
    """One language of the release on the web: its code, BCP 47 tag, own name, page."""

    lang: str
    tag: str
    name: str
    href: str


@dataclass(frozen=True)
class Web:
    base_url: str  # "" when the project has none: links stay relative
    editions: tuple[Edition, ...]
    downloads: tuple[tuple[str, str], ...]  # (format, file name) of the kit in this language

    def absolute(self, slug: str, name: str) -> str:
        """The address of ``name`` in the release's folder: under ``base_url`` if there is one."""
        return f"{self.base_url.rstrip('/')}/{slug}/{name}" if self.base_url else name


def own_name(locale: str, tag: str) -> str:
    """"English", "中文（台灣）": a language named in itself (CLDR), for the switcher."""
    parsed = cldr_locale(locale)
    return (parsed.get_display_name(parsed) or tag) if parsed is not None else tag


@dataclass(frozen=True)
class Item:
    """One release in one language, as the index and the feeds list it."""

    slug: str
    lang: str
    tag: str
    title: str
    summary: str
    content: str  # the page's <article>, pictures pointing at media/ under base_url
    url: str
    organisation: str  # as the page names it, in its language
    published: dt.datetime
    alternates: tuple[tuple[str, str], ...]  # (tag, url) of every language's page
