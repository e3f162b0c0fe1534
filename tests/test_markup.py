"""Marked-up releases (issue 12): a release written as a press office writes one, with
bold, emphasis, code, links and a hard break, built to PDF and DOCX in English, Chinese
and the bilingual edition, and read back: link annotations and hyperlinks with their
URLs, the fonts of bold runs, italic runs, the translated link text.

The project is ``tests/data/press-office`` (its zh catalog was written by hand).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pressctl.qa.base import Pair
from pressctl.qa.markup import check
from pressctl.source.inline import inventory, plain, spans, unsafe_links
from pressctl.source.read import read
from pressctl.source.segment import split_sentences
from pressctl.translate.protect import protect
from tests.test_cli import run

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

PROJECT = Path(__file__).resolve().parent / "data" / "press-office"
SLUG = "nordwind-leipzig-recycling"
MEDIA = "https://media.nordwind.example/leipzig"
REPORT = "https://nordwind.example/report"
JOBS = "https://jobs.nordwind.example"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("press-office")
    shutil.copytree(PROJECT, root, dirs_exist_ok=True)
    done = run("build", cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "dist" / SLUG


# ---------------------------------------------------------------- reading and segments


def test_segments_keep_their_markdown() -> None:
    release = read(PROJECT / "seeds" / f"{SLUG}.md")
    texts = [b.text for b in release.blocks]
    assert texts[1] == ("The plant is *the first of its kind* in Saxony. Photos and videos are "
                        f"on the [Nordwind media site]({MEDIA}).")
    assert texts[-1] == "Visitor centre: Monday to Friday\\\nGuided tours: by appointment"
    assert plain(texts[1]).endswith("on the Nordwind media site.")


def test_a_sentence_cut_never_splits_a_span() -> None:
    assert split_sentences("It is **fast. And clean.** Done.") == \
        ["It is **fast. And clean.**", "Done."]
    assert split_sentences("It is **fast**. And [clean. Very](https://a.example). Done.") == \
        ["It is **fast**.", "And [clean. Very](https://a.example).", "Done."]


def test_spans_read_chinese_emphasis_without_spaces() -> None:
    # CommonMark would not close ** between % and 的; Chinese has no space to put there
    found = spans("该工厂可回收废旧电池中**高达95%**的锂。")
    assert [(s.text, s.strong) for s in found] == \
        [("该工厂可回收废旧电池中", False), ("高达95%", True), ("的锂。", False)]


def test_escapes_and_entities_print_as_typed() -> None:
    assert plain("2 \\* 3 &amp; <b>x</b>") == "2 * 3 &amp; <b>x</b>"


# ---------------------------------------------------------------- QA and machine translation


def test_markup_check_catches_a_lost_bold_span_and_a_changed_url() -> None:
    source = f"The plant recovers **up to 95 percent**, see [the site]({MEDIA})."
    assert check(Pair(source, f"该工厂可回收**高达95%**，见[网站]({MEDIA})。")) == []
    lost = check(Pair(source, f"该工厂可回收高达95%，见[网站]({MEDIA})。"))
    assert [f.text for f in lost] == ["**strong**"]
    moved = check(Pair(source, "该工厂可回收**高达95%**，见[网站](https://evil.example)。"))
    assert sorted(f.text for f in moved) == ["link https://evil.example", f"link {MEDIA}"]
    assert [f.text for f in check(Pair("Run `nw --help`.", "运行`nw -h`。"))] == \
        ["`nw --help`", "`nw -h`"]
    assert inventory("a\\\nb") == {"hard break": 1}


def test_qa_reports_a_translation_that_lost_a_link(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    po_path = tmp_path / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if MEDIA in e.msgid)
    entry.msgstr = "图片和视频请见北风媒体网站。"
    po.save(str(po_path))
    done = run("qa", cwd=tmp_path)
    assert done.returncode == 1
    assert f"error: markup: link {MEDIA} of the source is missing" in done.stdout


def test_machine_translation_keeps_markup_out_of_the_model() -> None:
    from pressctl.catalogs.glossary import Glossary

    protected = protect(f"See **the** [media site]({MEDIA}) and `nw`.", "en", "zh", Glossary([]))
    hidden = [slot.source for slot in protected.slots]
    assert hidden == ["**", "**", "[", f"]({MEDIA})", "`nw`"]
    assert "media site" in protected.text and "http" not in protected.text


def test_an_unsafe_link_is_refused_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    seed.write_text(seed.read_text().replace(f"({MEDIA})", "(javascript:alert(1))"))
    done = run("build", "--draft", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"seeds/{SLUG}.md:13: unsafe link 'javascript:alert(1)'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "dist").exists()
    assert unsafe_links("[x](DATA:text/html,hi) [y](https://ok.example)") == \
        ["DATA:text/html,hi"]
    # in a table cell too, named at the table's line
    seed.write_text(seed.read_text().replace("(javascript:alert(1))", f"({MEDIA})").replace(
        "(https://jobs.nordwind.example)", "(vbscript:msgbox)"))
    done = run("build", "--draft", cwd=tmp_path)
    assert done.returncode == 2 and "unsafe link 'vbscript:msgbox'" in done.stderr


# ---------------------------------------------------------------- PDF


def _uris(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path)
    return [annot.get_object()["/A"]["/URI"] for page in reader.pages
            for annot in page.get("/Annots", []) if annot.get_object().get("/A")]


def _fonts_of(path: Path, needle: str) -> set[str]:
    """The fonts in which text containing ``needle`` is drawn (text operations)."""
    found: set[str] = set()

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if needle in text and font is not None:
            found.add(str(font["/BaseFont"]))

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("edition", ["en", "zh", "bilingual"])
def test_pdf_links_are_uri_annotations(built: Path, edition: str) -> None:
    uris = _uris(built / f"{SLUG}.{edition}.pdf")
    per_side = [MEDIA, REPORT, JOBS]
    # the bilingual edition: row by row, the English link beside the Chinese one
    assert uris == ([MEDIA, MEDIA, REPORT, REPORT, JOBS, JOBS] if edition == "bilingual"
                    else per_side)


def test_pdf_link_covers_its_translated_text(built: Path) -> None:
    path = built / f"{SLUG}.zh.pdf"
    annot = next(a.get_object() for a in pypdf.PdfReader(path).pages[0]["/Annots"]
                 if a.get_object()["/A"]["/URI"] == MEDIA)
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    height = float(pypdf.PdfReader(path).pages[0].mediabox.height)
    # the text poppler finds inside the annotation's rectangle (points at 72 dpi)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-r", "72", "-x", str(int(x0) + 2),
         "-y", str(int(height - y1)), "-W", str(int(x1 - x0) - 4), "-H", str(int(y1 - y0)),
         str(path), "-"], capture_output=True, text=True, check=True).stdout.strip()
    assert text == "北风媒体网站"


def test_pdf_bold_span_is_set_in_the_bold_font(built: Path) -> None:
    assert all("Bold" in f for f in _fonts_of(built / f"{SLUG}.zh.pdf", "高达"))
    assert _fonts_of(built / f"{SLUG}.zh.pdf", "高达")
    body = _fonts_of(built / f"{SLUG}.en.pdf", "in Saxony")
    assert body and not any("Bold" in f for f in body)


def test_pdf_prints_no_markdown_markers(built: Path) -> None:
    for edition in ("en", "zh", "bilingual"):
        text = subprocess.run(["pdftotext", str(built / f"{SLUG}.{edition}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "**" not in text and "](" not in text and "`" not in text
    zh = subprocess.run(["pdftotext", str(built / f"{SLUG}.zh.pdf"), "-"],
                        capture_output=True, text=True, check=True).stdout
    assert "访客中心：周一至周五\n导览：需预约" in zh  # the hard break is a new line


# ---------------------------------------------------------------- DOCX


def _paragraph(document: object, start: str) -> object:
    return next(p for p in document.paragraphs if p.text.startswith(start))  # type: ignore[attr-defined]


def test_docx_runs_are_bold_italic_and_hyperlinked(built: Path) -> None:
    en = docx.Document(str(built / f"{SLUG}.en.docx"))
    lead = _paragraph(en, "Nordwind Energy today")
    second = _paragraph(en, "The plant is ")
    assert [r.text for r in second.runs if r.italic] == ["the first of its kind"]
    assert [(h.text, h.url) for h in second.hyperlinks] == [("Nordwind media site", MEDIA)]
    assert lead.text.endswith("up to 95 percent of the lithium in a used battery.")
    zh = docx.Document(str(built / f"{SLUG}.zh.docx"))
    first = _paragraph(zh, "北风能源今天")
    assert [r.text for r in first.runs if r.bold] == ["高达95%"]
    link = _paragraph(zh, "该工厂是")
    assert [(h.text, h.url) for h in link.hyperlinks] == [("北风媒体网站", MEDIA)]
    visitors = _paragraph(zh, "访客中心")
    assert visitors.text == "访客中心：周一至周五\n导览：需预约"


def test_docx_bilingual_carries_both_links(built: Path) -> None:
    document = docx.Document(str(built / f"{SLUG}.bilingual.docx"))
    links = [(h.text, h.url) for table in document.tables for row in table.rows
             for cell in row.cells for p in cell.paragraphs for h in p.hyperlinks]
    assert links == [("Nordwind media site", MEDIA), ("北风媒体网站", MEDIA),
                     (REPORT, REPORT), (REPORT, REPORT)]


# ---------------------------------------------------------------- lists


def test_list_items_are_segments_of_their_own() -> None:
    release = read(PROJECT / "seeds" / f"{SLUG}.md")
    items = [(b.text, b.list_kind, b.depth, b.number) for b in release.blocks
             if b.list_kind is not None]
    assert items[:5] == [
        ("**95 percent** of the lithium recovered", "bullet", 0, 1),
        ("12,000 tonnes of batteries a year, from *three* carmakers", "bullet", 0, 2),
        ("cells from electric cars", "bullet", 1, 1),
        ("cells from home storage", "bullet", 1, 2),
        ("240 new jobs in Leipzig", "bullet", 0, 3)]
    assert [(t, n) for t, k, _, n in items if k == "ordered"] == [
        ("It is discharged and taken apart.", 1),
        ("The cells are shredded into *black mass*.", 2),
        ("Lithium, nickel and cobalt are recovered from it.", 3)]
    po = polib.pofile(str(PROJECT / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"))
    entry = po.find("cells from home storage")
    assert entry is not None and entry.msgstr == "家用储能电芯"
    assert "list item" in entry.comment


def _words(path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, yMin) of every word poppler finds; yMin counts down the pages."""
    import re

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m[4], float(m[0]), float(m[1]) + 10000 * number)
            for number, page in enumerate(out.split("<page ")[1:])
            for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                r'yMax="([\d.]+)">([^<]*)</word>', page)]


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_pdf_list_markers_hang_in_the_indent(built: Path, edition: str) -> None:
    words = _words(built / f"{SLUG}.{edition}.pdf")
    first = {"en": ("240", "It"), "zh": ("在莱比锡新增", "放电并拆解。")}[edition]
    bullet_item = next(w for w in words if w[0].startswith(first[0]))
    number_item = next(w for w in words if w[0] == first[1])
    margin = 20 / 25.4 * 72
    # the marker on the item's baseline, left of its text, which is indented
    bullet = [w for w in words if w[0] == "•" and abs(w[2] - bullet_item[2]) < 3]
    number = [w for w in words if w[0] == "1." and abs(w[2] - number_item[2]) < 3]
    assert bullet and bullet[0][1] < bullet_item[1]
    assert number and number[0][1] < number_item[1]
    assert bullet_item[1] > margin + 10 and number_item[1] > margin + 10
    nested = next(w for w in words if w[0].startswith({"en": "cells", "zh": "电动汽车"}[edition]))
    assert nested[1] > bullet_item[1] + 10  # one level deeper
    assert [w for w in words if w[0] == "–" and abs(w[2] - nested[2]) < 3]


def test_docx_lists_are_word_numbering(built: Path) -> None:
    from docx.oxml.ns import qn

    for edition in ("en", "zh"):
        document = docx.Document(str(built / f"{SLUG}.{edition}.docx"))
        numbering = document.part.numbering_part.element
        formats = {}
        for abstract in numbering.findall(qn("w:abstractNum")):
            lvl = abstract.find(qn("w:lvl"))
            formats[abstract.get(qn("w:abstractNumId"))] = (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")))
        kinds = {num.get(qn("w:numId")): formats[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
                 for num in numbering.findall(qn("w:num"))}
        items = []
        for paragraph in document.paragraphs:
            num_pr = paragraph._p.pPr.find(qn("w:numPr")) if paragraph._p.pPr is not None \
                else None
            if num_pr is not None:
                items.append((paragraph.text, kinds[num_pr.find(qn("w:numId")).get(qn("w:val"))],
                              num_pr.find(qn("w:ilvl")).get(qn("w:val"))))
        texts = [text for text, _, _ in items]
        assert not any(t.startswith(("•", "-", "1.")) for t in texts)  # no typed markers
        assert [(kind, level) for _, kind, level in items] == [
            (("bullet", "•"), "0"), (("bullet", "•"), "0"), (("bullet", "•"), "1"),
            (("bullet", "•"), "1"), (("bullet", "•"), "0"),
            (("decimal", "%1."), "0"), (("decimal", "%1."), "0"), (("decimal", "%1."), "0")]
        if edition == "zh":
            assert texts[0] == "回收95%的锂" and texts[-1] == "从中回收锂、镍和钴。"


# ---------------------------------------------------------------- rules, HTML, code blocks


def test_a_comment_is_skipped_and_a_rule_printed(built: Path) -> None:
    release = read(PROJECT / "seeds" / f"{SLUG}.md")
    assert [b.kind for b in release.blocks].count("rule") == 1
    assert not any("Editor" in b.text for b in release.blocks)
    # the rule is a hairline drawn between the list and the ### heading
    page = pypdf.PdfReader(built / f"{SLUG}.en.pdf").pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(" l\n") >= 1 or " l S" in content
    document = docx.Document(str(built / f"{SLUG}.en.docx"))
    styles = [p.style.style_id for p in document.paragraphs]
    assert styles.count("HorizontalRule") == 1
    assert styles[styles.index("HorizontalRule") + 1] == "Heading3"  # ###


@pytest.mark.parametrize(("block", "message"), [
    ("<div class=\"box\">\nBuy now\n</div>", "HTML block '<div class=\"box\">' cannot be printed"),
    ("    indented by accident", "code block cannot be printed"),
    ("```\nfenced\n```", "code block cannot be printed"),
])
def test_blocks_that_cannot_be_printed_are_refused(tmp_path: Path, block: str,
                                                   message: str) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    text = seed.read_text()
    anchor = "A battery goes through"  # after a paragraph and a blank line
    line = text[:text.index(anchor)].count("\n") + 1
    seed.write_text(text.replace(anchor, f"{block}\n\n{anchor}"))
    done = run("build", "--draft", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"seeds/{SLUG}.md:{line}: {message}" in done.stderr
    assert not (tmp_path / "dist").exists()


# ---------------------------------------------------------------- tables


def test_table_cells_are_segments_and_translated(built: Path) -> None:
    release = read(PROJECT / "seeds" / f"{SLUG}.md")
    table = next(b for b in release.blocks if b.kind == "table")
    assert table.rows[0] == ("Figure", "2025", "2030 target", "Status")
    assert table.align == ("left", "", "right", "center")
    po = polib.pofile(str(PROJECT / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"))
    assert po.find("Batteries recycled a year (tonnes)").msgstr == "年回收电池量（吨）"
    assert "table cell" in po.find("Lithium recovered").comment
    document = docx.Document(str(built / f"{SLUG}.zh.docx"))
    word = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    assert [[c.text for c in row.cells] for row in word.rows] == [
        ["指标", "2025", "2030年目标", "进展"],
        ["年回收电池量（吨）", "12,000", "50,000", "按计划推进"],
        ["锂回收率", "95%", "97%", "已达成"],
        ["莱比锡就业岗位", "240", "600", "招聘中"]]


def test_docx_table_repeats_its_header_and_aligns_columns(built: Path) -> None:
    from docx.oxml.ns import qn

    document = docx.Document(str(built / f"{SLUG}.en.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Figure")
    rows = table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    jc = [[c.paragraphs[0]._p.pPr.find(qn("w:jc")).get(qn("w:val")) for c in r.cells]
          for r in rows]
    # the unmarked 2025 column holds figures only: right-aligned like the ---: one
    assert jc[1] == ["left", "right", "right", "center"]
    last = rows[3].cells[3].paragraphs[0]
    assert [(h.text, h.url) for h in last.hyperlinks] == [("hiring", "https://jobs.nordwind.example")]
    assert [r.text for r in rows[1].cells[3].paragraphs[0].runs if r.italic] == ["on track"]
    bilingual = docx.Document(str(built / f"{SLUG}.bilingual.docx"))
    nested = [t for table in bilingual.tables for row in table.rows for cell in row.cells
              for t in cell.tables]
    assert [t.rows[0].cells[0].text for t in nested] == ["Figure", "指标"]


def test_pdf_table_aligns_figures_on_the_right(built: Path) -> None:
    import re

    out = subprocess.run(["pdftotext", "-bbox", str(built / f"{SLUG}.en.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    boxes = {m[4]: (float(m[0]), float(m[2])) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)}
    right = [boxes[w][1] for w in ("12,000", "95%", "240")]
    assert max(right) - min(right) < 0.5, right
    targets = [boxes[w][1] for w in ("50,000", "97%", "600")]
    assert max(targets) - min(targets) < 0.5, targets
    middle = [(boxes[w][0] + boxes[w][1]) / 2 for w in ("met", "hiring")]
    assert abs(middle[0] - middle[1]) < 0.5, middle
    margin_right = (210 - 20) / 25.4 * 72
    assert max(x1 for _, x1 in boxes.values()) <= margin_right + 0.5
    assert "https://jobs.nordwind.example" in _uris(built / f"{SLUG}.en.pdf")


def test_pdf_table_repeats_its_header_on_the_next_page(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    rows = "".join(f"| Plant {n} | {n * 100} | {n * 150} | met |\n" for n in range(1, 61))
    text = seed.read_text().replace("| Jobs in Leipzig |", rows + "| Jobs in Leipzig |")
    seed.write_text(text)
    done = run("build", "--draft", "--lang", "en", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "dist" / SLUG / f"{SLUG}.en.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    import re

    row = re.compile(r"\nPlant \d+\n")
    with_rows = [page for page in text.split("\f") if row.search(page)]
    assert len(with_rows) >= 2 and "\nPlant 1\n" in with_rows[0]
    assert "\nPlant 60\n" in with_rows[-1]
    for page in with_rows:  # the header at the head of the table on every page
        first_row = row.search(page)
        assert first_row and "2030 target" in page[:first_row.start()]


def test_a_row_with_more_cells_than_the_header_is_refused(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    text = seed.read_text()
    line = text[:text.index("| Lithium recovered")].count("\n") + 1
    seed.write_text(text.replace("| 97% | met |", "| 97% | met | extra |"))
    done = run("build", "--draft", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"seeds/{SLUG}.md:{line}: table row has 5 cells but the header has 4" in done.stderr
    assert not (tmp_path / "dist").exists()


# ---------------------------------------------------------------- figures

PHOTO = PROJECT / "seeds" / "images" / "leipzig-plant.jpg"


def _pdf_images(path: Path) -> list[dict[str, str]]:
    """poppler's list of the embedded images: width, height, x-ppi, enc …"""
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    names = out[0].split()
    return [dict(zip(names, line.split(), strict=False)) for line in out[2:]]


def test_figure_caption_and_credit_are_segments() -> None:
    release = read(PROJECT / "seeds" / f"{SLUG}.md")
    figure = next(b for b in release.blocks if b.kind == "figure")
    assert (figure.text, figure.credit) == ("The Nordwind recycling plant in Leipzig-Nord",
                                            "Photo: Nordwind Energy / J. Keller")
    assert figure.image == PHOTO.resolve()
    po = polib.pofile(str(PROJECT / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"))
    assert po.find("Photo: Nordwind Energy / J. Keller").msgstr == "图片：北风能源 / J. Keller"
    assert "caption" in po.find("The Nordwind recycling plant in Leipzig-Nord").comment


@pytest.mark.parametrize("edition", ["en", "zh", "bilingual"])
def test_pdf_embeds_the_photo_upright_and_at_most_300_dpi(built: Path, edition: str) -> None:
    images = _pdf_images(built / f"{SLUG}.{edition}.pdf")
    assert len(images) == (2 if edition == "bilingual" else 1)
    for image in images:
        # stored 800×1200 with EXIF orientation 6: shown (and embedded) landscape
        assert int(image["width"]) > int(image["height"])
        assert int(image["width"]) * 2 == int(image["height"]) * 3
        assert int(image["x-ppi"]) <= 300 and image["color"] == "rgb"
    if edition == "en":  # 1200 px across the 170 mm text width: 179 dpi, not downsampled
        assert (images[0]["width"], images[0]["x-ppi"]) == ("1200", "179")
    text = subprocess.run(["pdftotext", str(built / f"{SLUG}.{edition}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    if edition == "zh":
        assert "位于莱比锡北区的北风回收工厂\n图片：北风能源 / J. Keller" in text


def test_docx_picture_has_the_caption_as_alt_text_and_the_pdf_bytes(built: Path) -> None:
    import zipfile

    from docx.oxml.ns import qn

    for edition, caption in (("en", "The Nordwind recycling plant in Leipzig-Nord"),
                             ("zh", "位于莱比锡北区的北风回收工厂")):
        document = docx.Document(str(built / f"{SLUG}.{edition}.docx"))
        described = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
        assert described == [caption]
        styles = [p.style.style_id for p in document.paragraphs]
        index = styles.index("Figure")
        assert styles[index + 1:index + 3] == ["FigureCaption", "FigureCredit"]
        assert document.paragraphs[index + 1].text == caption
        shape = document.inline_shapes[0]
        assert abs(shape.width.pt - (210 - 40) / 25.4 * 72) < 0.1  # the text width
        assert abs(shape.height.pt * 3 - shape.width.pt * 2) < 0.1
        with zipfile.ZipFile(built / f"{SLUG}.{edition}.docx") as package:
            docx_jpeg = package.read(next(n for n in package.namelist()
                                          if n.startswith("word/media/")))
        reader = pypdf.PdfReader(built / f"{SLUG}.{edition}.pdf")
        xobjects = [o.get_object() for page in reader.pages
                    for o in page["/Resources"].get("/XObject", {}).values()]
        pdf_jpeg = [x.get_data() for x in xobjects if x.get("/Subtype") == "/Image"]
        assert pdf_jpeg == [docx_jpeg]  # the same picture in both formats


def test_originals_are_delivered_and_listed_in_the_manifest(built: Path) -> None:
    import hashlib
    import json

    media = built / "media" / "leipzig-plant.jpg"
    assert media.read_bytes() == PHOTO.read_bytes()
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["media"] == [{
        "path": "media/leipzig-plant.jpg",
        "caption": "The Nordwind recycling plant in Leipzig-Nord",
        "credit": "Photo: Nordwind Energy / J. Keller",
        "size": PHOTO.stat().st_size, "pixels": [1200, 800],
        "sha256": hashlib.sha256(PHOTO.read_bytes()).hexdigest()}]


def test_an_image_edit_rebuilds_the_release(tmp_path: Path) -> None:
    from PIL import Image

    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    assert run("build", "--format", "pdf", cwd=tmp_path).returncode == 0
    again = run("build", "--format", "pdf", cwd=tmp_path)
    assert "wrote" not in again.stdout + again.stderr
    photo = tmp_path / "seeds" / "images" / "leipzig-plant.jpg"
    with Image.open(photo) as image:
        image.convert("L").save(photo, "JPEG", quality=70)
    edited = run("build", "--format", "pdf", cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert f"wrote dist/{SLUG}/{SLUG}.en.pdf" in edited.stdout + edited.stderr
    assert (tmp_path / "dist" / SLUG / "media" / "leipzig-plant.jpg").read_bytes() == \
        photo.read_bytes()


def _with_figure(tmp_path: Path, markdown: str) -> tuple[Path, int]:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    text = seed.read_text()
    old = "![The Nordwind recycling plant in Leipzig-Nord](images/leipzig-plant.jpg"
    line = text[:text.index(old)].count("\n") + 1
    seed.write_text(text.replace(old, markdown))
    return seed, line


@pytest.mark.parametrize(("path", "message"), [
    ("images/missing.jpg", "figure 'images/missing.jpg' not found"),
    ("images/notes.jpg", "figure 'images/notes.jpg' is not a picture Pillow can read"),
    ("images/huge.png", "figure 'images/huge.png' is too large to open safely"),
    ("images/picture.gif", "figure 'images/picture.gif' is GIF; a kit takes JPEG, PNG or WebP"),
    ("../../outside.jpg", "figure path '../../outside.jpg' leads outside the project folder"),
    ("images/link.jpg", "figure path 'images/link.jpg' leads outside the project folder"),
    ("/etc/passwd", "figure path '/etc/passwd' is absolute"),
    ("https://example.com/a.jpg", "figure 'https://example.com/a.jpg' is a URL"),
])
def test_bad_pictures_are_refused_before_anything_is_written(
        tmp_path: Path, path: str, message: str) -> None:
    from PIL import Image

    project = tmp_path / "project"
    seed, line = _with_figure(project, f"![A caption]({path}")
    images = project / "seeds" / "images"
    (images / "notes.jpg").write_text("not a picture")
    Image.new("1", (20000, 20000)).save(images / "huge.png")  # 400 Mpx, over Pillow's limit
    Image.new("RGB", (10, 10)).save(images / "picture.gif")
    shutil.copy(PHOTO, tmp_path / "outside.jpg")
    (images / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    done = run("build", "--draft", cwd=project)
    assert done.returncode == 2, done.stderr
    assert f"seeds/{SLUG}.md:{line}: {message}" in done.stderr
    assert "Traceback" not in done.stderr and not (project / "dist").exists()


def test_cmyk_palette_and_large_pictures_are_converted_and_downsampled(tmp_path: Path) -> None:
    from PIL import Image

    project = tmp_path / "project"
    _with_figure(project, "![A CMYK photo](images/cmyk.jpg \"Photo: A\")\n\n"
                          "![A palette chart](images/palette.png")
    images = project / "seeds" / "images"
    Image.new("CMYK", (4000, 2000), (0, 200, 200, 0)).save(images / "cmyk.jpg", dpi=(300, 300))
    Image.new("RGB", (300, 200), (200, 30, 30)).convert("P").save(images / "palette.png",
                                                                  dpi=(150, 150))
    done = run("build", "--draft", "--lang", "en", "--format", "pdf", cwd=project)
    assert done.returncode == 0, done.stderr
    listed = _pdf_images(project / "dist" / SLUG / f"{SLUG}.en.pdf")
    cmyk = next(i for i in listed if i["enc"] == "jpeg")
    # 4000 px at 300 dpi is 960 pt: placed at the 481.9 pt text width, 2008 px at 300 dpi
    assert (cmyk["width"], cmyk["height"], cmyk["color"], cmyk["x-ppi"]) == \
        ("2008", "1004", "rgb", "300")
    palette = next(i for i in listed if i["enc"] != "jpeg")
    # 300 px at 150 dpi is 144 pt: smaller than the column, kept at its natural size
    assert (palette["width"], palette["color"], palette["x-ppi"]) == ("300", "rgb", "150")


# ---------------------------------------------------------------- keep-together, reproducible


def test_the_media_contact_block_stays_on_one_page(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{SLUG}.md"
    lines = ", ".join(f'"Contact line {n}"' for n in range(1, 13))
    text = seed.read_text().replace('contact: ["Nordwind Energy Press Office", '
                                    '"press@nordwind.example"]', f"contact: [{lines}]")
    pdf = tmp_path / "dist" / SLUG / f"{SLUG}.en.pdf"
    for filler in range(0, 40, 2):  # push the block down until it meets a page end
        seed.write_text(text.replace("Guided tours: by appointment",
                                     "Guided tours: by appointment" + "\n\nMore." * filler))
        assert run("build", "--draft", "-l", "en", "--format", "pdf", cwd=tmp_path,
                   ).returncode == 0
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        holding = [n for n, page in enumerate(pages) if "Contact line" in page]
        assert len(holding) == 1, (filler, holding)
        assert "Media contact" in pages[holding[0]]


def test_builds_with_pictures_are_reproducible(tmp_path: Path, built: Path) -> None:
    shutil.copytree(PROJECT, tmp_path, dirs_exist_ok=True)
    assert run("build", cwd=tmp_path).returncode == 0
    again = tmp_path / "dist" / SLUG
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert "media/leipzig-plant.jpg" in names and f"{SLUG}.bilingual.docx" in names
    for name in names:
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.slow
def test_libreoffice_numbers_each_list_and_column_from_one(built: Path, tmp_path: Path) -> None:
    from tests.conftest import need

    need("soffice")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(built / f"{SLUG}.bilingual.docx")], capture_output=True, timeout=240,
                   check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / f"{SLUG}.bilingual.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    import re

    numbers = re.findall(r"^(\d)\.\s", text, re.MULTILINE)
    assert numbers == ["1", "1", "2", "2", "3", "3"], numbers
