"""Atom (feedgen), JSON Feed 1.1 and the sitemap (lxml) of the newsroom.

Dates come from the releases (their publication moment), never from the
clock: the newest release's moment is the feed's ``updated``, so a feed is the
same bytes until a release is added, changed or lifted.
"""

from __future__ import annotations

import datetime as dt
import json

from lxml import etree

from pressctl.core.settings import Config
from pressctl.kit.web import Item
from pressctl.render.html.newsroom import organisation, title

JSON_FEED = "https://jsonfeed.org/version/1.1"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
#: When there is nothing published yet: a fixed moment, not the clock.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _base(config: Config) -> str:
    return config.base_url.rstrip("/")


def atom(config: Config, lang: str, items: list[Item]) -> bytes:
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    url = f"{_base(config)}/feed.{lang}.atom"
    feed.id(url)
    feed.title(title(config, lang, items))
    feed.language(config.tag(lang))
    feed.link(href=url, rel="self")
    feed.link(href=f"{_base(config)}/index.{lang}.html", rel="alternate")
    feed.author({"name": organisation(config, items) or "pressctl"})
    feed.generator("pressctl")
    feed.updated(max((item.published for item in items), default=EPOCH))
    for item in reversed(items):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(item.url)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        entry.summary(item.summary)
        entry.content(item.content, type="html")
        entry.published(item.published)
        entry.updated(item.published)
    return _with_translations(feed.atom_str(pretty=False), items)


def _with_translations(data: bytes, items: list[Item]) -> bytes:
    """Each entry's other languages as ``link rel="alternate" hreflang``.

    feedgen 1.0 drops the ``rel`` and ``hreflang`` of an entry's links (its
    writer reads them from the element it has just made), which would leave
    several bare alternates, invalid Atom; they are added to its output here.
    """
    atom_ns = "http://www.w3.org/2005/Atom"
    root = etree.fromstring(data)
    by_id = {item.url: item for item in items}
    for entry in root.iter(f"{{{atom_ns}}}entry"):
        item = by_id[entry.findtext(f"{{{atom_ns}}}id") or ""]
        anchor = entry.find(f"{{{atom_ns}}}link")
        for tag, href in item.alternates:
            if href == item.url:
                if anchor is not None:
                    anchor.set("rel", "alternate")
                    anchor.set("type", "text/html")
                continue
            link = etree.SubElement(entry, f"{{{atom_ns}}}link", rel="alternate",
                                    type="text/html", hreflang=tag, href=href)
            if anchor is not None:
                anchor.addnext(link)
    etree.indent(root, space="  ")
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


def json_feed(config: Config, lang: str, items: list[Item]) -> bytes:
    feed = {
        "version": JSON_FEED,
        "title": title(config, lang, items),
        "home_page_url": f"{_base(config)}/index.{lang}.html",
        "feed_url": f"{_base(config)}/feed.{lang}.json",
        "language": config.tag(lang),
        "authors": [{"name": organisation(config, items) or "pressctl"}],
        "items": [{"id": item.url, "url": item.url, "title": item.title,
                   "summary": item.summary, "content_html": item.content,
                   "date_published": item.published.isoformat(), "language": item.tag}
                  for item in items],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sitemap(config: Config, items: list[Item]) -> bytes:
    """Every published page with its language versions (``xhtml:link hreflang``)."""
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for lang in config.languages:
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{_base(config)}/index.{lang}.html"
        for other in config.languages:
            etree.SubElement(entry, f"{{{XHTML}}}link", rel="alternate",
                             hreflang=config.tag(other),
                             href=f"{_base(config)}/index.{other}.html")
    for item in sorted(items, key=lambda i: (i.slug, i.lang)):
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = item.url
        etree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = item.published.date().isoformat()
        for tag, href in item.alternates:
            etree.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=tag, href=href)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data
