"""Accessible DOCX (issue 16): alternative text on pictures and charts, marked table
header rows, headings in the navigation pane, the document's language and title —
read back from the DOCX with python-docx and lxml, and from the tagged PDF
LibreOffice exports from it, read with pikepdf and poppler.

The expected strings are written by hand from the seeds (the BMW release's key
figures, the press-office release's photo and headings) and the zh catalogs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pressctl.render.docx.document import caption_table
from tests.conftest import copy_project, need
from tests.test_cli import run

PRESS_OFFICE = Path(__file__).resolve().parent / "data" / "press-office"
BMW = "bmw-huawei-harmonyos"
NORDWIND = "nordwind-leipzig-recycling"

CHARTS = {
    "en": [
        "Bar chart, Key figures in €: Total revenue (2024): €142.38 billion; "
        "Research and development investment (2024): €9.1 billion",
        "Bar chart, Key figures in %: Year-on-year increase in R&D investment (2024): 17.1%; "
        "R&D investment as a share of group revenue (2024): about 6.4%",
        "Bar chart, Key figures in vehicles: Cumulative global electric vehicle sales (plan) "
        "(2025): over 3 million vehicles; Pure electric vehicles delivered (plan) (2025): "
        "over 1.5 million vehicles",
    ],
    "zh": [
        "条形图，关键数据（单位：欧元）：总营收（2024年）：1423.8亿欧元；研发投入（2024年）：91亿欧元",
        "条形图，关键数据（单位：%）：研发投入同比增幅（2024年）：17.1%；"
        "研发投入占集团营收比例（2024年）：约6.4%",
        "条形图，关键数据（单位：辆）：全球电动车累计销量（计划）（2025年）：超过300万辆；"
        "纯电动车累计交付量（计划）（2025年）：超过150万辆",
    ],
}
PHOTO = {"en": "The Nordwind recycling plant in Leipzig-Nord", "zh": "位于莱比锡北区的北风回收工厂"}

#: (style name, text, outline level) of every paragraph in the navigation pane, in order.
HEADINGS = {
    (BMW, "en"): [
        ("Title", "BMW to Deeply Integrate with the Harmony Ecosystem in China", 0),
        ("Heading 2", "A smarter experience for BMW users on Huawei devices", 1),
        ("Heading 2", "Local cooperation 2.0", 1),
        ("Heading 2", "2024 results and 2025 outlook", 1),
        ("Fact Sheet Heading", "Key figures", 1),
    ],
    (BMW, "zh"): [
        ("Title", "宝马将在中国深度融入鸿蒙生态", 0),
        ("Heading 2", "为华为设备用户带来更智能的宝马体验", 1),
        ("Heading 2", "本土合作2.0", 1),
        ("Heading 2", "2024年业绩与2025年展望", 1),
        ("Fact Sheet Heading", "关键数据", 1),
    ],
    (NORDWIND, "en"): [
        ("Title", "Nordwind Energy Opens Battery Recycling Plant in Leipzig", 0),
        ("Heading 2", "A closed loop", 1),
        ("Heading 3", "The plant in figures", 2),
        ("Heading 3", "Opening hours for visitors", 2),
        ("Heading 2", "Media contact", 1),
    ],
    (NORDWIND, "zh"): [
        ("Title", "北风能源在莱比锡开设电池回收工厂", 0),
        ("Heading 2", "闭环回收", 1),
        ("Heading 3", "工厂数据一览", 2),
        ("Heading 3", "访客开放时间", 2),
        ("Heading 2", "媒体联系人", 1),
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The DOCX editions of both projects, built by the command line: slug → dist folder."""
    bmw = copy_project(tmp_path_factory.mktemp("bmw") / "project")
    office = tmp_path_factory.mktemp("press-office")
    shutil.copytree(PRESS_OFFICE, office, dirs_exist_ok=True)
    out = {}
    for slug, root in ((BMW, bmw), (NORDWIND, office)):
        done = run("build", "--format", "docx", cwd=root)
        assert done.returncode == 0, done.stderr
        out[slug] = root / "dist" / slug
    return out


def document(built: dict[str, Path], slug: str, edition: str) -> Any:
    return docx.Document(str(built[slug] / f"{slug}.{edition}.docx"))


def alt_texts(doc: Any) -> list[str]:
    return [pr.get("descr") for pr in doc.element.body.iter(qn("wp:docPr"))]


# --- pictures and charts ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_state_their_figures_in_the_kits_language(built: dict[str, Path],
                                                        lang: str) -> None:
    assert alt_texts(document(built, BMW, lang)) == CHARTS[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_photo_carries_its_caption_as_alt_text(built: dict[str, Path], lang: str) -> None:
    doc = document(built, NORDWIND, lang)
    assert alt_texts(doc) == [PHOTO[lang]]
    # no title: LibreOffice would read "title - descr", the caption twice
    assert [pr.get("title") for pr in doc.element.body.iter(qn("wp:docPr"))] == [None]


def test_the_bilingual_photo_has_each_sides_alt_text(built: dict[str, Path]) -> None:
    assert alt_texts(document(built, NORDWIND, "bilingual")) == [PHOTO["en"], PHOTO["zh"]]


def test_the_chart_description_names_every_bar_once(built: dict[str, Path]) -> None:
    """describe() is the one home of the chart's words: the PDF tagger uses it too."""
    from pressctl.core.config import load
    from pressctl.kit.make import make_kit
    from pressctl.render.charts import describe, groups
    from pressctl.source.read import read

    config = load(built[BMW].parent.parent)
    release = read(built[BMW].parent.parent / "seeds" / f"{BMW}.md")
    kit = make_kit(config, release, "zh", draft=True)
    assert [describe(rows, kit) for rows in groups(kit.facts)] == CHARTS["zh"]


def test_the_chart_description_in_traditional_chinese_and_without_a_period(
        built: dict[str, Path]) -> None:
    """The shipped zh_Hant wording, and a figure without a period ("{label}: {value}")."""
    import dataclasses

    from pressctl.catalogs.wording import default_wording
    from pressctl.core.config import load
    from pressctl.kit import FactRow, Wording
    from pressctl.kit.make import make_kit
    from pressctl.render.charts import describe
    from pressctl.source.read import read

    release = read(built[BMW].parent.parent / "seeds" / f"{BMW}.md")
    kit = make_kit(load(built[BMW].parent.parent), release, "zh", draft=True)
    kit = dataclasses.replace(kit, t=Wording(None, default_wording("zh_Hant_TW")))
    rows = [FactRow("總營收", "1423.8億歐元", "2024年", 142380000000, "EUR", "歐元"),
            FactRow("研發投入", "91億歐元", "", 9100000000, "EUR", "歐元")]
    assert describe(rows, kit) == \
        "長條圖，關鍵數據（單位：歐元）：總營收（2024年）：1423.8億歐元；研發投入：91億歐元"
    english = dataclasses.replace(kit, lang="en", t=Wording(None))
    assert describe([dataclasses.replace(row, label="Revenue") for row in rows], english) == \
        "Bar chart, Key figures in 歐元: Revenue (2024年): 1423.8億歐元; Revenue: 91億歐元"


# --- tables -------------------------------------------------------------------------


def header_rows(doc: Any) -> list[tuple[list[str], list[bool]]]:
    """Every table (nested ones too): its first row's texts and which rows are marked
    as header rows (``w:tblHeader`` in the row's w:trPr)."""
    out = []
    for tbl in doc.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        first = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in rows[0].findall(qn("w:tc"))]
        marked = [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows]
        out.append((first, marked))
    return out


def test_header_rows_repeat_and_only_they(built: dict[str, Path]) -> None:
    facts = header_rows(document(built, BMW, "en"))
    assert facts == [(["Figure", "Value", "Period"], [True] + [False] * 7)]
    assert header_rows(document(built, BMW, "zh"))[0][0] == ["指标", "数值", "时间"]
    markdown = header_rows(document(built, NORDWIND, "en"))
    assert markdown == [(["Figure", "2025", "2030 target", "Status"], [True, False, False, False])]
    # the bilingual edition: the language row heads the side-by-side table, and the
    # Markdown table inside each column keeps its own header row
    bilingual = header_rows(document(built, NORDWIND, "bilingual"))
    assert [first for first, _marked in bilingual] == [
        ["English", "中文"], ["Figure", "2025", "2030 target", "Status"],
        ["指标", "2025", "2030年目标", "进展"]]
    assert all(marked[0] and not any(marked[1:]) for _first, marked in bilingual)


def test_the_fact_table_has_its_caption(built: dict[str, Path]) -> None:
    for lang, caption in (("en", "Key figures"), ("zh", "关键数据")):
        [tbl] = document(built, BMW, lang).element.body.iter(qn("w:tbl"))
        found = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        assert found is not None and found.get(qn("w:val")) == caption


def test_a_table_caption_follows_the_table_look_in_schema_order() -> None:
    doc = docx.Document()
    table = doc.add_table(rows=1, cols=1)
    caption_table(table, 'A "quoted" <caption>', "What it shows")
    caption_table(table, "Replaced")  # a second call replaces, never duplicates
    names = [etree.QName(child).localname for child in table._tbl.tblPr]
    assert names[-1] == "tblCaption" and "tblDescription" not in names
    assert table._tbl.tblPr[-1].get(qn("w:val")) == "Replaced"


# --- headings -------------------------------------------------------------------------


def outline_levels(doc: Any) -> list[tuple[str, str, int]]:
    """(style name, text, outline level) of each paragraph with an outline level: the
    paragraph's own or its style's, following w:basedOn (what Word's navigation pane
    and LibreOffice's PDF bookmarks show)."""
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}

    def level(style_id: str | None) -> int | None:
        while style_id in styles:
            found = styles[style_id].find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if found is not None:
                return int(found.get(qn("w:val")))
            based = styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return None

    out = []
    for paragraph in doc.paragraphs:
        found = level(paragraph.style.style_id)
        if found is not None and found < 9:
            out.append((paragraph.style.name, paragraph.text, found))
    return out


@pytest.mark.parametrize(("slug", "lang"), sorted(HEADINGS))
def test_headings_are_built_in_styles_with_outline_levels(built: dict[str, Path], slug: str,
                                                          lang: str) -> None:
    assert outline_levels(document(built, slug, lang)) == HEADINGS[(slug, lang)]


# --- language, title, links ----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "title", "subject", "defaults"), [
    ("en", "Nordwind Energy Opens Battery Recycling Plant in Leipzig", "Press release",
     ("en-GB", "zh-CN")),
    ("zh", "北风能源在莱比锡开设电池回收工厂", "新闻稿", ("zh-CN", "zh-CN")),
])
def test_language_title_and_keywords(built: dict[str, Path], lang: str, title: str,
                                     subject: str, defaults: tuple[str, str]) -> None:
    doc = document(built, NORDWIND, lang)
    props = doc.core_properties
    assert (props.title, props.subject, props.language, props.keywords) == (
        title, subject, defaults[0], "Nordwind Energy, battery recycling")
    default = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert (default.get(qn("w:val")), default.get(qn("w:eastAsia"))) == defaults
    assert default.get(qn("w:bidi"))  # complex-script text has a language too
    # Latin words inside Chinese are English, Chinese inside English is Chinese
    langs = {(e.get(qn("w:val")), e.get(qn("w:eastAsia")))
             for e in doc.element.body.iter(qn("w:lang"))}
    assert langs == ({("en-US", "zh-CN")} if lang == "zh" else {("en-GB", "zh-CN")})


def test_bilingual_columns_carry_their_languages(built: dict[str, Path]) -> None:
    doc = document(built, BMW, "bilingual")
    assert doc.core_properties.title == ("BMW to Deeply Integrate with the Harmony Ecosystem "
                                         "in China / 宝马将在中国深度融入鸿蒙生态")
    table = doc.tables[0]
    for column, expected in ((0, {("en-GB", "zh-CN")}), (1, {("en-US", "zh-CN")})):
        langs = {(e.get(qn("w:val")), e.get(qn("w:eastAsia")))
                 for row in table.rows for e in row.cells[column]._tc.iter(qn("w:lang"))}
        assert langs == expected, column


def test_links_read_as_their_words(built: dict[str, Path]) -> None:
    """A link reads as its (translated) text; a bare URL only where the seed writes one."""
    for lang, words in (("en", ["Nordwind media site", "https://nordwind.example/report",
                                "hiring"]),
                        ("zh", ["北风媒体网站", "https://nordwind.example/report", "招聘中"])):
        body = document(built, NORDWIND, lang).element.body
        assert ["".join(t.text for t in link.iter(qn("w:t")))
                for link in body.iter(qn("w:hyperlink"))] == words


# --- LibreOffice's tagged PDF -----------------------------------------------------------


TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


@pytest.fixture(scope="module")
def tagged(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice's tagged PDF export of the press-office zh, the BMW en and the BMW
    bilingual DOCX."""
    need("soffice")
    folder = tmp_path_factory.mktemp("tagged")
    sources = {"office-zh": built[NORDWIND] / f"{NORDWIND}.zh.docx",
               "bmw-en": built[BMW] / f"{BMW}.en.docx",
               "bmw-bilingual": built[BMW] / f"{BMW}.bilingual.docx"}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", TAGGED, "--outdir", str(folder),
                    *(str(path) for path in sources.values())],
                   check=True, capture_output=True, timeout=240)
    return {name: folder / f"{path.stem}.pdf" for name, path in sources.items()}


def structure(path: Path) -> tuple[str, list[tuple[str, Any]], Any]:
    """The catalog's /Lang, every structure element in reading order, as (standard
    type through the RoleMap, element), and the open PDF (the elements live in it)."""
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot
    roles = {str(k).lstrip("/"): str(v).lstrip("/")
             for k, v in root.get("/RoleMap", {}).items()}
    out: list[tuple[str, Any]] = []

    def walk(node: Any) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/S" in node:
            kind = str(node.S).lstrip("/")
            out.append((roles.get(kind, kind), node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(root)
    return str(pdf.Root.Lang), out, pdf


def struct_headings(path: Path) -> list[tuple[str, str]]:
    """(H1…H6, its text) in reading order, from poppler's ``pdfinfo -struct-text``."""
    need("pdfinfo")
    text = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                          text=True, check=True).stdout
    out: list[tuple[str, str]] = []
    depth = -1
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        element = re.match(r" *(\w+) \((?:block|inline)\)", line)
        if element and indent <= depth:
            depth = -1
        if element and re.fullmatch(r"H[1-6]", element.group(1)):
            out.append((element.group(1), ""))
            depth = indent
        elif depth >= 0 and line.strip().startswith('"'):
            out[-1] = (out[-1][0], out[-1][1] + line.strip()[1:-1])
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("name", "lang", "alts"), [
    ("office-zh", "zh-CN", [PHOTO["zh"]]),
    ("bmw-en", "en-GB", CHARTS["en"]),
])
def test_libreoffice_tags_figures_with_our_alt_text(tagged: dict[str, Path], name: str,
                                                    lang: str, alts: list[str]) -> None:
    found_lang, elements, _pdf = structure(tagged[name])
    assert found_lang == lang
    assert [str(node.Alt) for kind, node in elements if kind == "Figure" and "/Alt" in node] \
        == alts


@pytest.mark.slow
@pytest.mark.parametrize(("name", "slug", "lang"), [("office-zh", NORDWIND, "zh"),
                                                    ("bmw-en", BMW, "en")])
def test_libreoffice_tags_headings_by_outline_level(tagged: dict[str, Path], name: str,
                                                    slug: str, lang: str) -> None:
    expected = [(f"H{level + 1}", text) for _style, text, level in HEADINGS[(slug, lang)]]
    assert struct_headings(tagged[name]) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("name", "columns", "rows"), [("office-zh", 4, 4), ("bmw-en", 3, 8)])
def test_libreoffice_tags_the_header_row_as_th(tagged: dict[str, Path], name: str,
                                               columns: int, rows: int) -> None:
    _lang, elements, _pdf = structure(tagged[name])
    [table] = [node for kind, node in elements if kind == "Table"]
    trs = [kid for kid in table.K if str(kid.S) == "/TR"]
    assert len(trs) == rows
    assert [str(cell.S) for cell in trs[0].K] == ["/TH"] * columns
    assert all(str(cell.S) == "/TD" for tr in trs[1:] for cell in tr.K)


#: The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): LibreOffice names a
#: paragraph's structure element after its style, and a style called like one of these
#: would remap a standard type, which PDF/UA forbids.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}


@pytest.mark.parametrize(("slug", "edition"), [(NORDWIND, "zh"), (NORDWIND, "bilingual"),
                                               (NORDWIND, "en")])
def test_no_style_is_named_like_a_standard_structure_type(built: dict[str, Path], slug: str,
                                                          edition: str) -> None:
    doc = document(built, slug, edition)
    names = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
             for s in doc.styles.element.findall(qn("w:style"))}
    used = {e.get(qn("w:val")) for tag in ("w:pStyle", "w:rStyle")
            for e in doc.element.body.iter(qn(tag))}
    assert "Figure" in used  # the picture's paragraph style: once named "Figure"
    assert not {names[style_id] for style_id in used} & STANDARD_TYPES


#: What LibreOffice 7.4's PDF/UA export gets wrong whatever the document: paragraph
#: borders and shading drawn as untagged paths, and the CJK font (CFF) converted to a
#: Type 1 font the checker rejects.  Anything else would be the DOCX's fault.
LIBREOFFICE_OWN = {"PDFUA1-CONTENT-TAGGING-001", "PDFUA1-FONT-EMBEDDING-001"}


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["zh", "bilingual"])
def test_libreoffice_pdf_ua_export_has_no_fault_of_ours(
        built: dict[str, Path], tmp_path: Path, edition: str) -> None:
    """LibreOffice's PDF/UA export of the press-office DOCX, checked with page-validation:
    no figure without /Alt, no remapped standard type, language, title, headings and
    tables as PDF/UA-1 wants them."""
    need("soffice")
    page = pytest.importorskip("page")
    source = built[NORDWIND] / f"{NORDWIND}.{edition}.docx"
    export = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"}}')
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", export, "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=240)
    report = page.validate_pdf(tmp_path / f"{source.stem}.pdf", profile="ua1")
    assert {failure.rule_id for failure in report.failures} <= LIBREOFFICE_OWN, \
        [(failure.rule_id, failure.message) for failure in report.failures]


@pytest.mark.slow
def test_libreoffice_tags_the_bilingual_columns_languages(tagged: dict[str, Path]) -> None:
    """The Chinese column's text is tagged zh-CN, the English column's never is (the
    document's language is en-GB, so English text needs no /Lang of its own)."""
    pikepdf = pytest.importorskip("pikepdf")
    lang, elements, _pdf = structure(tagged["bmw-bilingual"])
    assert lang == "en-GB"

    def langs(node: Any) -> set[str]:
        found = {str(node.Lang)} if "/Lang" in node else set()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found |= langs(kid)
        return found

    [table] = [node for kind, node in elements if kind == "Table"]
    rows = [[langs(cell) for cell in tr.K] for tr in table.K if str(tr.S) == "/TR"]
    assert len(rows) > 20
    assert not any("zh-CN" in left for left, _right in rows)
    # every row has Chinese on the right, from the column head 中文 to the end mark （完）
    assert all("zh-CN" in right for _left, right in rows), rows
