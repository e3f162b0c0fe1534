"""``pressctl newsroom`` (issue 26): index pages, Atom and JSON feeds and the sitemap,
from the built releases' manifests — read back with feedparser, a JSON Schema and lxml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree, html

from tests.newsroom_project import AFTER, BEFORE, EMBARGOED, OPEN, copy, web_project
from tests.test_cli import run

SCHEMA = Path(__file__).resolve().parent / "data" / "jsonfeed-1.1.schema.json"
BASE = "https://press.example.cn"


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_project(tmp_path_factory.mktemp("newsroom") / "before", BEFORE)


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_project(tmp_path_factory.mktemp("newsroom") / "after", AFTER)


def _atom(project: Path, lang: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((project / "dist" / f"feed.{lang}.atom").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_an_embargoed_release_is_absent_before_its_lift(before: Path) -> None:
    for lang in ("zh", "en", "zh-Hant-TW"):
        atom = _atom(before, lang)
        assert [e.id.rsplit("/", 1)[1] for e in atom.entries] == [f"{OPEN}.{lang}.html"]
        feed = json.loads((before / "dist" / f"feed.{lang}.json").read_text("utf-8"))
        assert [item["id"] for item in feed["items"]] == [f"{BASE}/{OPEN}/{OPEN}.{lang}.html"]
        index = (before / "dist" / f"index.{lang}.html").read_text("utf-8")
        assert EMBARGOED not in index and OPEN in index
    assert EMBARGOED not in (before / "dist" / "sitemap.xml").read_text("utf-8")


def test_after_the_lift_it_leads_every_feed_with_its_full_content(after: Path) -> None:
    atom = _atom(after, "en")
    assert atom.feed.title == "Hangzhou City Ferries – Press releases"
    assert atom.feed.language == "en-GB"
    first, second = atom.entries
    assert first.title == "Hangzhou City Ferries Launches Its First Electric Ferries"
    assert first.published == "2025-03-17T09:00:00+08:00"
    assert second.title == "Hangzhou City Ferries Launches Night Cruises"
    content = html.fromstring(first.content[0].value)
    assert content.xpath("string(//h1)") == first.title
    assert content.xpath("string(//p[@class='label'])") == "For immediate release"
    [img] = content.xpath("//img")  # the original under base_url, not an embedded copy
    assert img.get("src") == f"{BASE}/{EMBARGOED}/media/ferry.jpg" and not img.get("srcset")
    assert content.xpath("//table//th[@scope='col']")
    others = {link.get("hreflang"): link.href for link in first.links if link.get("hreflang")}
    assert others == {"zh-CN": f"{BASE}/{EMBARGOED}/{EMBARGOED}.zh.html",
                      "zh-TW": f"{BASE}/{EMBARGOED}/{EMBARGOED}.zh-Hant-TW.html"}
    hant = _atom(after, "zh-Hant-TW")
    assert hant.feed.title == "杭州城市渡輪 – 新聞稿"
    assert [e.title for e in hant.entries] == ["杭州城市渡輪啟用首批電動渡輪",
                                               "杭州城市渡輪推出夜間遊船"]


def test_the_json_feed_is_valid_json_feed_1_1(after: Path, before: Path) -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    for project in (before, after):
        for lang in ("zh", "en", "zh-Hant-TW"):
            feed = json.loads((project / "dist" / f"feed.{lang}.json").read_text("utf-8"))
            jsonschema.validate(feed, schema, format_checker=jsonschema.FormatChecker())
    feed = json.loads((after / "dist" / "feed.zh.json").read_text("utf-8"))
    assert feed["language"] == "zh-CN"
    assert [item["title"] for item in feed["items"]] == ["杭州城市渡轮启用首批电动渡轮",
                                                         "杭州城市渡轮推出夜间游船"]
    assert "航线与班次" in feed["items"][0]["content_html"]


def test_the_index_lists_newest_first_and_links_its_languages(after: Path) -> None:
    doc = html.fromstring((after / "dist" / "index.en.html").read_bytes())
    assert doc.get("lang") == "en-GB" and doc.xpath("string(//h1)") == "Press releases"
    assert doc.xpath("//ul[@class='releases']/li/h2/a/@href") == [
        f"{EMBARGOED}/{EMBARGOED}.en.html", f"{OPEN}/{OPEN}.en.html"]
    assert doc.xpath("//ul[@class='releases']//time/text()") == ["17 March 2025",
                                                                  "10 February 2025"]
    assert doc.xpath("string(//link[@type='application/atom+xml']/@href)") == "feed.en.atom"
    assert {link.get("hreflang") for link in doc.xpath("//link[@hreflang]")} == \
        {"zh-CN", "en-GB", "zh-TW"}


def test_the_sitemap_names_every_page_with_its_languages(after: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = etree.parse(str(after / "dist" / "sitemap.xml")).getroot()
    locs = root.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert f"{BASE}/{EMBARGOED}/{EMBARGOED}.zh-Hant-TW.html" in locs
    assert f"{BASE}/index.zh.html" in locs and len(locs) == 3 + 2 * 3
    [url] = root.xpath(f"//s:url[s:loc='{BASE}/{OPEN}/{OPEN}.en.html']", namespaces=ns)
    assert url.xpath("s:lastmod/text()", namespaces=ns) == ["2025-02-10"]
    assert {link.get("hreflang") for link in url.xpath("x:link", namespaces=ns)} == \
        {"zh-CN", "en-GB", "zh-TW"}


def test_a_lift_without_a_rebuild_is_refused(tmp_path: Path) -> None:
    project = web_project(tmp_path / "p", BEFORE)
    result = run("newsroom", "--now", AFTER, cwd=project)
    assert result.returncode == 1
    assert f"{EMBARGOED}: its embargo has lifted" in result.stderr
    assert f"pressctl build {EMBARGOED}" in result.stderr


def test_the_newsroom_needs_base_url(tmp_path: Path) -> None:
    project = copy(tmp_path / "p")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace(
        'base_url = "https://press.example.cn/"\n', ""), "utf-8")
    result = run("newsroom", cwd=project)
    assert result.returncode == 2
    assert "base_url" in result.stderr and "pyproject.toml" in result.stderr


def test_a_sharded_build_merged_gives_the_same_newsroom(after: Path, tmp_path: Path) -> None:
    merged = copy(tmp_path / "merged")
    for k in (1, 2):
        runner = copy(tmp_path / f"runner{k}")
        result = run("build", "--format", "html", "--format", "email", "--now", AFTER,
                     "--shard", f"{k}/2", cwd=runner)
        assert result.returncode == 0, result.stderr
        if (runner / "dist").exists():
            shutil.copytree(runner / "dist", merged / "dist", dirs_exist_ok=True)
    assert run("newsroom", "--now", AFTER, cwd=merged).returncode == 0
    names = [p.name for p in (after / "dist").iterdir() if p.is_file()]
    assert len(names) == 10
    for name in names:
        assert (merged / "dist" / name).read_bytes() == (after / "dist" / name).read_bytes(), name


def test_the_newsroom_is_reproducible(after: Path) -> None:
    before = {p.name: p.read_bytes() for p in (after / "dist").iterdir() if p.is_file()}
    assert run("newsroom", "--now", "2030-01-01T00:00Z", cwd=after).returncode == 0
    assert {p.name: p.read_bytes() for p in (after / "dist").iterdir() if p.is_file()} == before


def test_base_url_must_be_an_address(tmp_path: Path) -> None:
    project = copy(tmp_path / "p")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace(
        'base_url = "https://press.example.cn/"', 'base_url = "press.example.cn"'), "utf-8")
    result = run("newsroom", cwd=project)
    assert result.returncode == 2
    assert "pyproject.toml:" in result.stderr and "base_url" in result.stderr


def test_a_page_edited_out_of_shape_is_named(tmp_path: Path) -> None:
    project = web_project(tmp_path / "p", AFTER)
    page = project / "dist" / OPEN / f"{OPEN}.en.html"
    page.write_text("<html><body><p>hand-made</p></body></html>", "utf-8")
    result = run("newsroom", "--now", AFTER, cwd=project)
    assert result.returncode == 2, result.stderr
    assert f"{OPEN}.en.html" in result.stderr and "Traceback" not in result.stderr


def test_newsroom_json_lists_what_it_wrote_by_its_schema(after: Path) -> None:
    """``newsroom --json`` is the documented contract (pressctl/schemas/newsroom.json)."""
    import json
    from importlib import resources

    import jsonschema

    result = run("newsroom", "--now", "2030-01-01T00:00Z", "--json", cwd=after)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    schema = json.loads(resources.files("pressctl").joinpath("schemas", "newsroom.json")
                        .read_text("utf-8"))
    jsonschema.validate(document, schema)
    assert "dist/sitemap.xml" in document["written"]
    assert {name for name in document["written"] if name.startswith("dist/feed.")}
