"""The newsroom: per language an index page, an Atom feed and a JSON Feed, and a sitemap.

It is made from what the builds left in ``dist/`` — every release's
``manifest.json`` and its web pages — never from the seeds, so it comes out
the same after one build and after N sharded builds whose ``dist/`` folders
were merged: run ``pressctl newsroom`` once, after the shards.

A release is published when its embargo has lifted at ``now`` and it is not a
draft; one built while its embargo held, whose embargo has since lifted, is an
error (its pages still say "Embargoed until"): build it again first.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lxml import html as lxml_html

from pressctl.core.errors import CheckFailed, PressctlError
from pressctl.core.names import file_name
from pressctl.core.paths import relative
from pressctl.core.settings import Config
from pressctl.kit.web import Item
from pressctl.source import embargo


def _manifests(config: Config) -> list[dict[str, object]]:
    found = []
    for path in sorted(config.dist.glob("*/manifest.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PressctlError(f"cannot read the manifest: {exc}", path=path,
                                hint="build the release again (pressctl build)") from None
        if isinstance(data, dict) and isinstance(data.get("slug"), str):
            found.append(data)
    return found


def published_at(data: dict[str, object]) -> dt.datetime:
    """When the release went public: its embargo's lift, else its date (00:00 UTC)."""
    lift = data.get("embargo")
    if isinstance(lift, str):
        return dt.datetime.fromisoformat(lift)
    day = dt.date.fromisoformat(str(data["date"]))
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _absolute(config: Config, slug: str, name: str) -> str:
    return f"{config.base_url.rstrip('/')}/{slug}/{name}"


def _article(config: Config, page: Path, slug: str, media: list[dict[str, object]]) -> str:
    """The page's article for a feed: embedded pictures replaced by the originals the
    build copied to ``media/`` (feed readers drop data: URIs), in order."""
    tree = lxml_html.fromstring(page.read_bytes())
    found = tree.xpath("//article")
    if len(found) != 1:
        raise PressctlError("the page has no article pressctl wrote (edited by hand?)",
                            path=page, hint=f"build it again: pressctl build {slug} --force")
    [article] = found
    for number, img in enumerate(article.xpath(".//figure[@class='picture']//img")):
        img.attrib.pop("srcset", None)
        img.attrib.pop("sizes", None)
        if number < len(media):
            img.set("src", _absolute(config, slug, str(media[number]["path"])))
    for link in article.xpath(".//a[@href]"):  # relative links resolve against the page
        href = link.get("href", "")
        if "://" not in href and not href.startswith(("mailto:", "#")):
            link.set("href", _absolute(config, slug, href))
    return lxml_html.tostring(article, encoding="unicode")


def items(config: Config, now: dt.datetime) -> list[Item]:
    """Every published page, newest first (then by slug, so equal dates keep one order)."""
    if not config.base_url:
        raise PressctlError("the newsroom needs base_url, the address it is published at",
                            path=config.root / "pyproject.toml",
                            hint='add base_url = "https://press.example.com/" to '
                                 "[tool.pressctl]: feeds and the sitemap must link absolutely")
    out: list[Item] = []
    for data in _manifests(config):
        slug = str(data["slug"])
        lift = data.get("embargo")
        held = isinstance(lift, str) and not embargo.lifted(dt.datetime.fromisoformat(lift), now)
        if held or data.get("draft"):
            continue
        folder = config.dist / slug
        if data.get("embargoed"):
            raise CheckFailed(
                f"{slug}: its embargo has lifted ({lift}) but its files were built under it",
                path=folder / "manifest.json",
                hint=f"run 'pressctl build {slug}' (with the same --now) before the newsroom")
        pages = [(lang, folder / file_name(slug, lang, "html")) for lang in config.languages]
        pages = [(lang, page) for lang, page in pages if page.is_file()]
        alternates = tuple((config.tag(lang), _absolute(config, slug, page.name))
                           for lang, page in pages)
        media = data.get("media")
        for lang, page in pages:
            tree = lxml_html.fromstring(page.read_bytes())
            description = tree.xpath("string(//meta[@name='description']/@content)")
            out.append(Item(slug, lang, config.tag(lang), tree.xpath("string(//h1)").strip(),
                            str(description), _article(config, page, slug,
                                                       media if isinstance(media, list) else []),
                            _absolute(config, slug, page.name),
                            tree.xpath("string(//p[@class='organisation'])").strip(),
                            published_at(data), alternates))
    out.sort(key=lambda item: item.slug)
    out.sort(key=lambda item: item.published, reverse=True)
    return out


def write(config: Config, now: dt.datetime) -> list[Path]:
    """Write the index pages, feeds and sitemap into ``dist/``; return their paths."""
    from pressctl.core.atomic import write_bytes
    from pressctl.render.html import feeds, newsroom

    published = items(config, now)
    written = []
    for lang in config.languages:
        mine = [item for item in published if item.lang == lang]
        for name, data in ((f"index.{lang}.html", newsroom.index_page(config, lang, mine)),
                           (f"feed.{lang}.atom", feeds.atom(config, lang, mine)),
                           (f"feed.{lang}.json", feeds.json_feed(config, lang, mine))):
            write_bytes(config.dist / name, data)
            written.append(config.dist / name)
    write_bytes(config.dist / "sitemap.xml", feeds.sitemap(config, published))
    written.append(config.dist / "sitemap.xml")
    return written


def describe(config: Config, paths: list[Path]) -> list[str]:
    return [relative(config, path) for path in paths]
