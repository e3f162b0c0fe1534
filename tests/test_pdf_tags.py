"""Tagged PDF (issue 16): what the structure tree of every PDF pressctl writes holds.

The tree is read back two independent ways: poppler's ``pdfinfo -struct-text``
(what a screen reader gets: roles and the text of each element, in reading
order) and pikepdf (the objects: ``/Alt``, ``/Lang``, ``/Scope``, the
ParentTree, the annotations).  Expected roles and texts are written out by
hand from the seeds.  page-validation's PDF/UA-1 profile must report nothing.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

from pressctl.core.config import load
from pressctl.core.settings import Config
from pressctl.kit import Kit
from pressctl.kit.make import make_kit
from pressctl.source.inline import plain
from pressctl.source.read import read
from pressctl.source.release import BlockKind, Release
from tests.conftest import ROOT, need

PRESS_OFFICE = ROOT / "tests" / "data" / "press-office"

@dataclass
class Node:
    """An element as ``pdfinfo -struct-text`` prints it."""

    role: str
    texts: list[str] = field(default_factory=list)
    kids: list[Node] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    objects: int = 0
    #: its own text and its kids', in order
    order: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.order)

    def find(self, role: str) -> list[Node]:
        out = [self] if self.role == role else []
        for kid in self.kids:
            out += kid.find(role)
        return out


def struct_text(path: Path) -> Node:
    """The structure tree as poppler reads it."""
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                         text=True, check=True).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if not body:
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith('"'):
            text = body[1:-1]
            parent.texts.append(text)
            for _, node in stack:
                node.order.append(text)
        elif body.startswith("/"):
            parent.attributes.append(body)
        elif body.startswith("Object "):
            parent.objects += 1
        else:
            match = re.fullmatch(r"(\w+)(?: \((?:block|inline)\))?:?", body)
            assert match, line
            node = Node(match.group(1))
            parent.kids.append(node)
            stack.append((indent, node))
    (document,) = root.kids
    assert document.role == "Document"
    return document


def outline(document: Node) -> list[tuple[str, str]]:
    return [(kid.role, kid.text) for kid in document.kids]


def render(kit: Kit, path: Path) -> Path:
    from pressctl.render.pdf.edition import build

    path.write_bytes(build(kit))
    return path


@pytest.fixture(scope="module")
def office() -> tuple[Config, Release]:
    return load(PRESS_OFFICE), read(PRESS_OFFICE / "seeds" / "nordwind-leipzig-recycling.md")


@pytest.fixture(scope="module")
def pdfs(config: Config, release: Release, office: tuple[Config, Release],
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pressctl.render.pdf.bilingual import build_bilingual

    folder = tmp_path_factory.mktemp("tagged")
    out = {}
    for name, (cfg, rel) in {"bmw": (config, release), "office": office}.items():
        kits = {lang: make_kit(cfg, rel, lang) for lang in ("en", "zh")}
        for lang, kit in kits.items():
            out[f"{name}.{lang}"] = render(kit, folder / f"{name}.{lang}.pdf")
        bilingual = folder / f"{name}.bilingual.pdf"
        bilingual.write_bytes(build_bilingual(kits["en"], kits["zh"]))
        out[f"{name}.bilingual"] = bilingual
    return out


ALL = ["bmw.en", "bmw.zh", "bmw.bilingual", "office.en", "office.zh", "office.bilingual"]


def test_bmw_kit_reads_in_order(pdfs: dict[str, Path]) -> None:
    document = struct_text(pdfs["bmw.en"])
    roles = [role for role, _ in outline(document)]
    assert roles == [
        "P", "H1", "P", "P",  # label, title, subtitle, date
        "P", "P", "P", "BlockQuote",  # lead, body, Gao Xiang's quotation and its pull-quote
        "H2", "P", "P",
        "H2", "P", "P",
        "H2", "P", "P", "BlockQuote", "P",  # Oliver Zipse
        "P",  # the end mark
        "H2", "Table", "H3", "Figure", "H3", "Figure", "H3", "Figure",
    ]
    texts = dict(enumerate(text for _, text in outline(document)))
    assert texts[0] == "For immediate release"
    assert texts[1] == "BMW to Deeply Integrate with the Harmony Ecosystem in China"
    assert texts[2] == "Major Announcement! BMW + Huawei!"
    assert texts[3] == "17 March 2025"
    assert texts[4] == ("On March 17, BMW China announced that it has reached a cooperation "
                        "agreement with Huawei terminals.")
    assert texts[8] == "A smarter experience for BMW users on Huawei devices"
    assert texts[11] == "Local cooperation 2.0"
    assert texts[14] == "2024 results and 2025 outlook"
    # a paragraph that runs onto the next page is one P, its words apart at the break
    assert texts[18] == ("It is reported that in 2025, the BMW Group plans to achieve cumulative "
                         "global sales of over 3 million electric vehicles, with more than 1.5 "
                         "million pure electric vehicles delivered.")
    assert texts[19] == "###"
    assert texts[20] == "Key figures"
    assert [texts[22], texts[24], texts[26]] == [
        "Key figures in €", "Key figures in %", "Key figures in vehicles"]
    quotes = document.find("BlockQuote")
    assert [kid.role for kid in quotes[0].kids] == ["P", "P"]
    assert quotes[0].kids[1].text == "— Gao Xiang, President and CEO of BMW Group Greater China"
    assert quotes[1].kids[1].text == "— Oliver Zipse, Chairman of the BMW Group"


def test_key_figures_table_has_header_cells_with_scope(pdfs: dict[str, Path]) -> None:
    (table,) = struct_text(pdfs["bmw.en"]).find("Table")
    rows = table.kids
    assert [row.role for row in rows] == ["TR"] * 8  # header and the seed's seven figures
    assert [(cell.role, cell.text, cell.attributes) for cell in rows[0].kids] == [
        ("TH", "Figure", ["/Scope /Column"]), ("TH", "Value", ["/Scope /Column"]),
        ("TH", "Period", ["/Scope /Column"])]
    assert [(cell.role, cell.text) for cell in rows[1].kids] == [
        ("TD", "Total revenue"), ("TD", "€142.38 billion"), ("TD", "2024")]
    assert [cell.text for cell in rows[7].kids] == [
        "Pure electric vehicles delivered (plan)", "over 1.5 million vehicles", "2025"]


def _elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    out = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
            if str(node.S) == f"/{role}":
                out.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif kids is not None:
                walk(kids)

    walk(pdf.Root.StructTreeRoot.K)
    return out


def test_charts_and_photo_have_their_alt_text(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["bmw.en"]) as pdf:
        alts = [str(figure.Alt) for figure in _elements(pdf, "Figure")]
    assert alts == [
        "Bar chart, Key figures in €: Total revenue (2024): €142.38 billion; Research and "
        "development investment (2024): €9.1 billion",
        "Bar chart, Key figures in %: Year-on-year increase in R&D investment (2024): 17.1%; "
        "R&D investment as a share of group revenue (2024): about 6.4%",
        "Bar chart, Key figures in vehicles: Cumulative global electric vehicle sales (plan) "
        "(2025): over 3 million vehicles; Pure electric vehicles delivered (plan) (2025): over "
        "1.5 million vehicles",
    ]
    with pikepdf.open(pdfs["bmw.zh"]) as pdf:
        assert str(_elements(pdf, "Figure")[0].Alt) == \
            "条形图，关键数据（单位：欧元）：总营收（2024年）：1423.8亿欧元；研发投入（2024年）：91亿欧元"
    with pikepdf.open(pdfs["office.en"]) as pdf:
        (photo,) = _elements(pdf, "Figure")
        assert str(photo.Alt) == "The Nordwind recycling plant in Leipzig-Nord"
    document = struct_text(pdfs["office.en"])
    roles = [role for role, _ in outline(document)]
    at = roles.index("Figure")
    # the Caption is the Figure's child (issue 23), the credit the paragraph after it
    figure = document.kids[at]
    assert [(kid.role, kid.text) for kid in figure.kids] == [
        ("Caption", "The Nordwind recycling plant in Leipzig-Nord")]
    assert outline(document)[at + 1] == ("P", "Photo: Nordwind Energy / J. Keller")
    assert "Caption" not in roles


def test_press_office_lists_table_and_links(pdfs: dict[str, Path]) -> None:
    document = struct_text(pdfs["office.en"])
    bullets, steps = [kid for kid in document.kids if kid.role == "L"]
    assert [item.role for item in bullets.kids] == ["LI"] * 3
    assert [[kid.role for kid in item.kids] for item in bullets.kids] == [["Lbl", "LBody"]] * 3
    assert [item.kids[0].text for item in bullets.kids] == ["•"] * 3
    second = bullets.kids[1].kids[1]
    assert second.texts == ["12,000 tonnes of batteries a year, from three carmakers"]
    (nested,) = second.kids  # the nested list inside the item's body, after its text
    assert nested.role == "L"
    assert [(item.kids[0].text, item.kids[1].text) for item in nested.kids] == [
        ("–", "cells from electric cars"), ("–", "cells from home storage")]
    assert [(item.kids[0].text, item.kids[1].text) for item in steps.kids] == [
        ("1.", "It is discharged and taken apart."),
        ("2.", "The cells are shredded into black mass."),
        ("3.", "Lithium, nickel and cobalt are recovered from it.")]
    (table,) = document.find("Table")
    assert [cell.text for cell in table.kids[0].kids] == ["Figure", "2025", "2030 target",
                                                         "Status"]
    assert all(cell.role == "TH" and cell.attributes == ["/Scope /Column"]
               for cell in table.kids[0].kids)
    assert [cell.role for row in table.kids[1:] for cell in row.kids] == ["TD"] * 12
    links = document.find("Link")
    assert [(link.text, link.objects) for link in links] == [
        ("Nordwind media site", 1), ("https://nordwind.example/report", 1), ("hiring", 1)]
    assert [role for role, _ in outline(document)][-4:] == ["P", "H2", "P", "P"]


def test_chinese_kit_marks_latin_runs_as_english(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["office.zh"]) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
        spans = _elements(pdf, "Span")
        assert spans and {str(span.Lang) for span in spans} == {"en"}
    document = struct_text(pdfs["office.zh"])
    span_texts = [span.text.strip() for span in document.find("Span")]
    assert "NW-2025-LPZ" in span_texts
    assert "/ J. Keller" in span_texts  # the credit's photographer
    with pikepdf.open(pdfs["bmw.zh"]) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
    bmw = [span.text.strip() for span in struct_text(pdfs["bmw.zh"]).find("Span")]
    assert "BMW" in bmw and "HUAWEI HiCar" in bmw
    # no Chinese character inside a Span marked English
    assert not [t for t in bmw if re.search("[\u4e00-\u9fff]", t)]


def test_bilingual_reads_source_then_translation_with_each_language(
        pdfs: dict[str, Path], config: Config) -> None:
    with pikepdf.open(pdfs["bmw.bilingual"]) as pdf:
        assert str(pdf.Root.Lang) == config.tag("en")
        kids = list(pdf.Root.StructTreeRoot.K.K)
        roles = [str(kid.S) for kid in kids]
        # the title is one H1, a Span per language inside (issue 23: not two H1s)
        title = kids[2]
        spans = [(str(kid.S), str(kid.Lang)) for kid in title.K]
        languages = [str(kid.Lang) for kid in kids if kid is not title]
    assert languages == [config.tag("en"), config.tag("zh")] * (len(languages) // 2)
    assert roles.count("/H1") == 1 and roles[2] == "/H1" and "/Lang" not in title
    assert spans == [("/Span", config.tag("en")), ("/Span", config.tag("zh"))]
    document = struct_text(pdfs["bmw.bilingual"])
    texts = [text for _, text in outline(document)]
    # the column heads ("English", "中文") are artifacts: each element carries its /Lang
    assert texts[:3] == ["For immediate release", "即时发布",
                         "BMW to Deeply Integrate with the Harmony Ecosystem in China"
                         "宝马将在中国深度融入鸿蒙生态"]  # one H1: both titles
    assert "English" not in texts and "中文" not in texts
    # a quotation with its speaker is a BlockQuote on each side
    quotes = [kid for kid in document.kids if kid.role == "BlockQuote"]
    assert [quote.kids[1].text for quote in quotes[:2]] == [
        "— Gao Xiang, President and CEO of BMW Group Greater China",
        "——高翔，宝马集团大中华区总裁兼首席执行官"]
    # the key figures: one table per side, a row header (Scope Row) and a value per figure
    english, chinese = document.find("Table")
    assert [(row.kids[0].role, row.kids[0].attributes, row.kids[0].text, row.kids[1].text)
            for row in english.kids][:2] == [
        ("TH", ["/Scope /Row"], "Total revenue", "€142.38 billion (2024)"),
        ("TH", ["/Scope /Row"], "Research and development investment", "€9.1 billion (2024)")]
    assert [row.kids[1].text for row in chinese.kids][:2] == ["1423.8亿欧元（2024年）",
                                                              "91亿欧元（2024年）"]
    assert len(english.kids) == len(chinese.kids) == 7


@pytest.mark.parametrize("which", ALL)
def test_every_mcid_is_referenced_once_and_nothing_nests(which: str,
                                                         pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs[which]) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = list(root.ParentTree.Nums)
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(root.ParentTreeNextKey) == len(tree)
        for number, page in enumerate(pdf.pages, start=1):
            assert page.obj.Tabs == "/S"
            depth, mcids = 0, []
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("BDC", "BMC"):
                    assert depth == 0, f"page {number}: marked content inside marked content"
                    depth += 1
                    if str(operator) == "BDC" and "/MCID" in operands[1]:
                        mcids.append(int(operands[1].MCID))
                elif str(operator) == "EMC":
                    depth -= 1
                elif str(operator) in ("Tj", "TJ", "f", "S", "Do", "f*", "B"):
                    assert depth == 1, f"page {number}: {operator} outside marked content"
            assert depth == 0
            assert mcids == list(range(len(mcids))), f"page {number}: MCIDs {mcids}"
            if not mcids:
                continue
            parents = tree[int(page.obj.StructParents)]
            assert len(parents) == len(mcids)
            for mcid, element in zip(mcids, parents, strict=True):
                refs = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                holds = [ref for ref in refs
                         if (isinstance(ref, int) and ref == mcid and element.Pg == page.obj)
                         or (isinstance(ref, pikepdf.Dictionary) and ref.get("/MCID") == mcid
                             and ref.Pg == page.obj)]
                assert len(holds) == 1, f"page {number}: MCID {mcid}"


@pytest.mark.parametrize("which", ALL)
def test_link_elements_point_at_their_annotations(which: str, pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs[which]) as pdf:
        links = _elements(pdf, "Link")
        annotations = [annot for page in pdf.pages for annot in page.obj.get("/Annots", [])
                       if annot.Subtype == "/Link"]
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        referenced = []
        for link in links:
            objrs = [kid for kid in link.K if isinstance(kid, pikepdf.Dictionary)
                     and kid.get("/Type") == "/OBJR"]
            assert objrs, "a Link without its annotation"
            for objr in objrs:
                annotation = objr.Obj
                assert annotation.Subtype == "/Link"
                assert str(annotation.Contents)
                assert tree[int(annotation.StructParent)].objgen == link.objgen
                referenced.append(annotation.objgen)
        assert sorted(referenced) == sorted(a.objgen for a in annotations)
        assert bool(links) == which.startswith("office")


@pytest.mark.parametrize("which", ALL)
def test_pdf_ua_validator_finds_nothing(which: str, pdfs: dict[str, Path]) -> None:
    page = pytest.importorskip("page")
    report = page.validate_pdf(str(pdfs[which]), profile="ua1")
    assert not sorted(f"{f.rule_id}: {f.message}" for f in report.failures)
    assert report.is_compliant


@pytest.mark.parametrize("which", ["bmw.en", "bmw.zh", "office.en", "office.zh"])
def test_struct_text_reads_the_release_in_order(which: str, pdfs: dict[str, Path],
                                                config: Config, release: Release,
                                                office: tuple[Config, Release]) -> None:
    """Every paragraph, heading and list item of the localised seed appears in the
    structure text, in the seed's order (the oracle is the seed, not the renderer)."""
    name, lang = which.split(".")
    cfg, rel = (config, release) if name == "bmw" else office
    kit = make_kit(cfg, rel, lang)
    text = " ".join(t for _, t in outline(struct_text(pdfs[which])))

    def squeeze(value: str) -> str:
        return re.sub(r"\s+", "", value)

    flat = squeeze(text)
    position = 0
    for block in kit.release.blocks:
        if block.kind in (BlockKind.RULE, BlockKind.TABLE, BlockKind.FIGURE):
            continue
        wanted = squeeze(plain(block.text))
        found = flat.find(wanted, position)
        assert found >= 0, f"{block.text[:60]!r} missing or out of order"
        position = found + len(wanted)


def test_a_header_row_repeated_overleaf_is_an_artifact(office: tuple[Config, Release],
                                                       tmp_path: Path) -> None:
    from dataclasses import replace

    cfg, rel = office
    kit = make_kit(cfg, rel, "en")
    blocks = list(kit.release.blocks)
    at = next(i for i, b in enumerate(blocks) if b.kind is BlockKind.TABLE)
    table = blocks[at]
    rows = (table.rows[0], *((f"Row {n}", str(n), str(2 * n), "open") for n in range(90)))
    blocks[at] = replace(table, rows=rows)
    pdf = render(replace(kit, release=replace(kit.release, blocks=tuple(blocks))),
                 tmp_path / "long.pdf")
    need("pdftotext")
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert printed.count("2030 target") >= 2  # the header is drawn again overleaf
    (tagged,) = struct_text(pdf).find("Table")
    assert len(tagged.kids) == 91
    assert [cell.text for row in tagged.kids for cell in row.kids
            if cell.role == "TH"] == ["Figure", "2025", "2030 target", "Status"]
    assert [cell.text for cell in tagged.kids[90].kids] == ["Row 89", "89", "178", "open"]


def test_chinese_inside_an_english_kit_is_a_chinese_span(office: tuple[Config, Release],
                                                         tmp_path: Path) -> None:
    from dataclasses import replace

    from pressctl.source.release import Block

    cfg, rel = office
    kit = make_kit(cfg, rel, "en")
    extra = Block(BlockKind.PARAGRAPH, "Nordwind’s partner 宁德时代 supplies the cells.")
    kit = replace(kit, release=replace(kit.release, blocks=(extra, *kit.release.blocks)))
    pdf = render(kit, tmp_path / "mixed.pdf")
    document = struct_text(pdf)
    paragraph = next(kid for kid in document.kids
                     if kid.text == "Nordwind’s partner 宁德时代 supplies the cells.")
    assert [(kid.role, kid.text) for kid in paragraph.kids] == [("Span", "宁德时代")]
    with pikepdf.open(pdf) as opened:
        assert [str(span.Lang) for span in _elements(opened, "Span")] == ["zh-CN"]


def test_a_heading_never_skips_a_level(office: tuple[Config, Release], tmp_path: Path) -> None:
    """A ``###`` straight after the title is tagged H2 (PDF/UA: no skipped levels); the
    ``##`` and ``###`` after it keep theirs."""
    from dataclasses import replace

    from pressctl.source.release import Block

    cfg, rel = office
    kit = make_kit(cfg, rel, "en")
    first = Block(BlockKind.HEADING, "Straight to three", level=3)
    kit = replace(kit, release=replace(kit.release, blocks=(first, *kit.release.blocks)))
    pdf = render(kit, tmp_path / "headings.pdf")
    headings = [(role, text) for role, text in outline(struct_text(pdf))
                if role.startswith("H")]
    assert headings == [("H1", "Nordwind Energy Opens Battery Recycling Plant in Leipzig"),
                        ("H2", "Straight to three"), ("H2", "A closed loop"),
                        ("H3", "The plant in figures"), ("H3", "Opening hours for visitors"),
                        ("H2", "Media contact")]
    page = pytest.importorskip("page")
    report = page.validate_pdf(str(pdf), profile="ua1")
    assert not {f.rule_id for f in report.failures}


def test_draft_and_letter_kits_pass_pdf_ua(config: Config, release: Release,
                                           tmp_path: Path) -> None:
    """The DRAFT watermark and its header label are artifacts; Letter pages change nothing."""
    from dataclasses import replace

    from pressctl.render.pdf.bilingual import build_bilingual

    page = pytest.importorskip("page")
    en, zh = (make_kit(config, release, lang, draft=True) for lang in ("en", "zh"))
    files = {"draft.en": render(en, tmp_path / "draft.en.pdf"),
             "draft.zh": render(zh, tmp_path / "draft.zh.pdf"),
             "letter.en": render(replace(en, draft=False, page_size="Letter"),
                                 tmp_path / "letter.en.pdf")}
    files["draft.bilingual"] = tmp_path / "draft.bilingual.pdf"
    files["draft.bilingual"].write_bytes(build_bilingual(en, zh))
    for name, path in files.items():
        report = page.validate_pdf(str(path), profile="ua1")
        assert [(f.rule_id, f.message) for f in report.failures] == [], name
        if not name.startswith("draft"):
            continue
        with pikepdf.open(path) as pdf:
            for number, pdf_page in enumerate(pdf.pages, start=1):
                marks = [operands[1] for operands, operator
                         in pikepdf.parse_content_stream(pdf_page)
                         if str(operator) == "BDC" and str(operands[0]) == "/Artifact"]
                assert [str(m.get("/Subtype")) for m in marks].count("/Watermark") == 1, \
                    (name, number)


@pytest.mark.parametrize(("lang", "markdown", "link", "link_lang"), [
    ("zh", "图片请见[Nordwind media site](https://media.nordwind.example)。",
     "Nordwind media site", "en"),
    ("en", "The cells come from [宁德时代](https://catl.example).", "宁德时代", "zh-CN"),
])
def test_a_link_in_the_other_script_carries_its_language(
        office: tuple[Config, Release], tmp_path: Path, lang: str, markdown: str, link: str,
        link_lang: str) -> None:
    """A link's words in the other script are read in their language, as a Span's are
    (a link is its own element, so the Span rule alone left it in the page's language)."""
    from dataclasses import replace

    from pressctl.source.release import Block

    cfg, rel = office
    kit = make_kit(cfg, rel, lang)
    extra = Block(BlockKind.PARAGRAPH, markdown)
    kit = replace(kit, release=replace(kit.release, blocks=(extra, *kit.release.blocks)))
    pdf = render(kit, tmp_path / "link.pdf")
    (first, *_) = [kid for kid in struct_text(pdf).kids if kid.text == plain(markdown)]
    assert [(kid.role, kid.text) for kid in first.kids] == [("Link", link)]
    with pikepdf.open(pdf) as opened:
        langs = {str(kid.Obj.Contents): str(node.get("/Lang", "")) for node in
                 _elements(opened, "Link") for kid in node.K
                 if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid}
        assert [value for key, value in langs.items() if key.startswith(link)] == [link_lang]
