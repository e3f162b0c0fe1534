"""The ``html`` format (issue 26): one semantic, self-contained page per release and language.

Pages are read back with lxml: structure, languages, links, metadata and the
figures as the kit prints them; the social card with Pillow.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html
from PIL import Image

from tests.conftest import copy_project
from tests.newsroom_project import AFTER, BEFORE, EMBARGOED, LANGS, OPEN, build, copy
from tests.test_cli import run


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy(tmp_path_factory.mktemp("web") / "p")
    build(project, "--format", "html", "--now", BEFORE)
    return project


def page(project: Path, slug: str, lang: str) -> html.HtmlElement:
    return html.fromstring((project / "dist" / slug / f"{slug}.{lang}.html").read_bytes())


def test_the_page_is_semantic_html_in_its_language(before: Path) -> None:
    doc = page(before, EMBARGOED, "en")
    assert doc.get("lang") == "en-GB"
    [article] = doc.xpath("//main/article")
    assert article.xpath("string(.//h1)") == \
        "Hangzhou City Ferries Launches Its First Electric Ferries"
    assert article.xpath("string(.//time/@datetime)") == "2025-03-17"
    assert article.xpath("string(.//time)") == "17 March 2025"
    # the table: column headers and row headers with their scope, figures as in the seed
    table = article.xpath(".//table")[0]
    assert [th.text_content() for th in table.xpath(".//thead/tr/th[@scope='col']")] == \
        ["Route", "Daily sailings", "One-way time"]
    assert [th.text_content() for th in table.xpath(".//tbody/tr/th[@scope='row']")] == \
        ["West Lake – Qiantang River", "Grand Canal – Binjiang"]
    assert table.xpath("string(.//tbody/tr[1]/td[2])") == "35 minutes"
    # the pull-quote is a blockquote with its speaker in the figure's caption
    quote = article.xpath(".//figure[@class='pull']")[0]
    assert quote.xpath("string(.//blockquote)").startswith("“Electric ferries make travel")
    assert quote.xpath("string(.//figcaption/b)") == "Li Jing"
    # the picture: resized copies in srcset, its caption as alt text and figcaption
    [img] = article.xpath(".//figure[@class='picture']/img")
    widths = [entry.rsplit(" ", 1)[1] for entry in img.get("srcset").split(", ")]
    assert widths == ["480w", "960w", "1600w"]
    assert img.get("alt") == "An electric ferry moored at the West Lake pier"
    assert "Photo: Hangzhou City Ferries / Wang Fang" in \
        article.xpath("string(.//figure[@class='picture']/figcaption)")
    # the link, the key figures as the kit formats them, the end mark
    assert article.xpath(".//a/@href") == ["https://ferry.example.cn/timetable"]
    facts = article.xpath(".//section[@class='facts']//tbody/tr")
    assert [(r.xpath("string(th)"), r.xpath("string(td[1])")) for r in facts] == \
        [("Electric ferries", "12 ferries"), ("Diesel saved each year", "1,800 tonnes")]
    assert article.xpath("string(.//p[@class='end'])") == "###"


def test_text_in_the_other_script_says_its_language(before: Path) -> None:
    doc = page(before, EMBARGOED, "zh")
    assert doc.get("lang") == "zh-CN"
    spans = {s.text_content(): s.get("lang") for s in doc.xpath("//article//span[@lang]")}
    assert spans.get("press@ferry.example.cn") == "en", spans
    assert doc.xpath("string(//article//time)") == "2025年3月17日"
    hant = page(before, EMBARGOED, "zh-Hant-TW")
    assert hant.get("lang") == "zh-TW"
    assert hant.xpath("string(//h1)") == "杭州城市渡輪啟用首批電動渡輪"


def test_language_editions_link_each_other_and_the_kit(before: Path) -> None:
    doc = page(before, EMBARGOED, "en")
    base = f"https://press.example.cn/{EMBARGOED}/{EMBARGOED}"
    assert doc.xpath("string(//link[@rel='canonical']/@href)") == f"{base}.en.html"
    alternates = {link.get("hreflang"): link.get("href")
                  for link in doc.xpath("//link[@rel='alternate']")}
    assert alternates == {"zh-CN": f"{base}.zh.html", "en-GB": f"{base}.en.html",
                          "zh-TW": f"{base}.zh-Hant-TW.html", "x-default": f"{base}.zh.html"}
    switcher = doc.xpath("//nav[@class='switcher']//a")
    assert [(a.text_content(), a.get("href")) for a in switcher] == [
        ("中文 (简体, 中国)", f"{EMBARGOED}.zh.html"),
        ("English (United Kingdom)", f"{EMBARGOED}.en.html"),
        ("中文 (繁體, 台灣)", f"{EMBARGOED}.zh-Hant-TW.html")]
    assert [a.get("aria-current") for a in switcher] == [None, "page", None]
    downloads = doc.xpath("//section[@class='downloads']//a/@href")
    assert downloads == [f"{EMBARGOED}.en.pdf", f"{EMBARGOED}.en.docx"]


def test_open_graph_card_and_json_ld(before: Path) -> None:
    doc = page(before, EMBARGOED, "zh")
    og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
    card = f"https://press.example.cn/{EMBARGOED}/{EMBARGOED}.zh.card.png"
    assert og["og:image"] == card and og["og:title"] == "杭州城市渡轮启用首批电动渡轮"
    assert og["og:locale"] == "zh_Hans_CN" and og["og:image:width"] == "1200"
    twitter = {m.get("name"): m.get("content") for m in doc.xpath("//meta[@name]")}
    assert twitter["twitter:card"] == "summary_large_image" and twitter["twitter:image"] == card
    with Image.open(before / "dist" / EMBARGOED / f"{EMBARGOED}.zh.card.png") as image:
        assert image.size == (1200, 630)
        assert len(image.convert("L").getcolors(4096) or []) > 20  # text was drawn, not a flat box
    ld = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))
    assert ld["@type"] == "NewsArticle" and ld["headline"] == "杭州城市渡轮启用首批电动渡轮"
    assert ld["inLanguage"] == "zh-CN" and ld["datePublished"] == "2025-03-17T09:00:00+08:00"
    assert ld["publisher"]["name"] == "杭州城市渡轮"


def test_an_embargoed_page_says_so_and_is_not_indexed_until_the_lift(before: Path,
                                                                      tmp_path: Path) -> None:
    doc = page(before, EMBARGOED, "en")
    assert doc.xpath("string(//meta[@name='robots']/@content)") == "noindex, nofollow"
    assert doc.xpath("string(//p[contains(@class, 'banner')])") == \
        "Embargoed until 17 March 2025 09:00 GMT+08:00"
    assert doc.xpath("string(//article/p[@class='label'])") == \
        "Embargoed until 17 March 2025 09:00 GMT+08:00"
    assert page(before, EMBARGOED, "zh-Hant-TW").xpath(
        "string(//p[contains(@class, 'banner')])") == "2025年3月17日 上午9:00 GMT+08:00前禁止發布"
    assert not page(before, OPEN, "en").xpath("//meta[@name='robots']")
    after = copy(tmp_path / "after")
    build(after, "--format", "html", "--now", AFTER)
    lifted = page(after, EMBARGOED, "en")
    assert not lifted.xpath("//meta[@name='robots']") and not lifted.xpath("//p[@role='note']")
    assert lifted.xpath("string(//article/p[@class='label'])") == "For immediate release"


def test_pages_are_reproducible_and_the_build_is_incremental(before: Path) -> None:
    folder = before / "dist" / EMBARGOED
    first = {p.name: p.read_bytes() for p in folder.glob("*.*") if p.is_file()}
    again = run("build", "--format", "html", "--now", BEFORE, "--json", cwd=before)
    assert json.loads(again.stdout)[0]["built"] == []
    build(before, "--format", "html", "--now", BEFORE, "--force")
    assert {p.name: p.read_bytes() for p in folder.glob("*.*") if p.is_file()} == first
    check = run("build", "--format", "html", "--check", "--now", BEFORE, cwd=before)
    assert check.returncode == 0, check.stdout
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert {f"{EMBARGOED}.{lang}.html" for lang in LANGS} <= listed
    assert {f"{EMBARGOED}.{lang}.card.png" for lang in LANGS} <= listed
    assert manifest["embargo"] == "2025-03-17T09:00:00+08:00" and manifest["embargoed"] is True


def test_seed_text_is_escaped(tmp_path: Path) -> None:
    project = copy(tmp_path / "p")
    seed = project / "seeds" / f"{OPEN}.md"
    seed.write_text(seed.read_text("utf-8").replace(
        "title: 杭州城市渡轮推出夜间游船", 'title: "杭州<script>alert(1)</script> & \\"夜间\\""'),
        "utf-8")
    build(project, OPEN, "--format", "html", "--lang", "zh", "--draft")
    text = (project / "dist" / OPEN / f"{OPEN}.zh.html").read_text("utf-8")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;夜间&quot;" in text


def test_a_draft_page_is_marked_and_not_indexed(tmp_path: Path) -> None:
    project = copy(tmp_path / "p")
    po = project / "locales" / "en" / "LC_MESSAGES" / f"{OPEN}.po"
    po.write_text(po.read_text("utf-8").replace(
        'msgstr "Hangzhou City Ferries Launches Night Cruises"', 'msgstr ""'), "utf-8")
    refused = run("build", OPEN, "--format", "html", cwd=project)
    assert refused.returncode == 1
    build(project, OPEN, "--format", "html", "--draft")
    doc = page(project, OPEN, "en")
    assert doc.xpath("string(//p[contains(@class, 'draft')])") == "Draft – not for publication"
    assert doc.xpath("string(//meta[@name='robots']/@content)") == "noindex, nofollow"
    assert not page(project, EMBARGOED, "en").xpath("//p[contains(@class, 'draft')]") \
        if (project / "dist" / EMBARGOED).exists() else True


def test_the_bmw_release_has_its_chart_with_the_kits_alt_text(tmp_path: Path) -> None:
    from pressctl.core.config import load
    from pressctl.kit.make import make_kit
    from pressctl.render.charts import describe, groups
    from pressctl.source.read import read

    project = copy_project(tmp_path / "bmw")
    build(project, "--format", "html")
    doc = page(project, "bmw-huawei-harmonyos", "zh")
    charts = doc.xpath("//figure[@class='chart']/svg")
    config = load(project)
    kit = make_kit(config, read(project / "seeds" / "bmw-huawei-harmonyos.md"), "zh")
    expected = [describe(group, kit) for group in groups(kit.facts)]
    assert [svg.get("role") for svg in charts] == ["img"] * len(expected)
    assert [svg.xpath("string(title)") for svg in charts] == expected
    assert "1423.8亿欧元" in doc.xpath("string(//section[@class='facts'])")
    # no base_url: links stay relative, and there is no canonical address to claim
    assert not doc.xpath("//link[@rel='canonical']")
    assert doc.xpath("string(//meta[@property='og:image']/@content)") == \
        "bmw-huawei-harmonyos.zh.card.png"
