"""The DOCX kit: content, named styles, CJK font and language, fields, metadata,
reproducibility, and that LibreOffice turns it into a PDF in the CJK font."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from pressctl.core.settings import Config
from pressctl.kit import Kit, split_speaker
from pressctl.kit.make import make_kit
from pressctl.render import renderer
from pressctl.render.docx.chart import groups
from pressctl.render.docx.edition import page_pattern
from pressctl.source.release import Block, BlockKind, Release
from pressctl.source.segment import segments
from tests.conftest import need
from tests.test_promises import DATES, FACTS

LANGS = ("en", "zh")
#: Run properties a named style cannot carry for a run: its character style,
#: and the font and language the brief wants on runs as well as on styles.
RUN_PROPERTIES = {"rStyle", "rFonts", "lang", "noProof"}
KIT_BUILTINS = {"Normal", "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Caption",
                "Header", "Footer"}

render, render_bilingual = renderer("docx").render, renderer("docx").render_bilingual


def kit_for(config: Config, release: Release, lang: str, **changes: object) -> Kit:
    # draft=True only lets a not-yet-reviewed catalog through; the text is the same
    kit = make_kit(config, release, lang, draft=True)
    return dataclasses.replace(kit, **{"draft": False, **changes})  # type: ignore[arg-type]


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer,
                     section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(config: Config, release: Release,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Kit, Path]]:
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for lang in LANGS:
        kit = kit_for(config, release, lang)
        path = folder / f"kit.{lang}.docx"
        render(kit, path)
        out[lang] = (kit, path)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_segment_is_in_the_docx(rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = rendered[lang]
    text = squash(all_text(docx.Document(str(path))))
    missing = [s.text for s in segments(kit.release) if squash(s.text) not in text]
    assert not missing
    for wording in (kit.t("For immediate release"), kit.t("Key figures"), kit.end_mark,
                    DATES[lang], *(value for _label, value, _period in FACTS[lang])):
        assert squash(wording) in text


@pytest.mark.parametrize("lang", LANGS)
def test_paragraphs_use_named_styles_not_direct_formatting(
        rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    document = docx.Document(str(rendered[lang][1]))
    used = {p.style.name for p in document.paragraphs}
    assert {"Letterhead", "Release Label", "Title", "Subtitle", "Dateline", "Lead", "Normal",
            "Heading 2", "Pull Quote", "Quote Attribution", "End Mark", "Fact Sheet Heading",
            "Caption", "Chart"} <= used
    assert document.tables[0].style.name == "Fact Table"
    body = document.element.body
    for p_pr in body.iter(qn("w:pPr")):
        assert [child.tag for child in p_pr] == [qn("w:pStyle")]
    for r_pr in body.iter(qn("w:rPr")):
        assert {child.tag.split("}")[1] for child in r_pr} <= RUN_PROPERTIES


@pytest.mark.parametrize("lang", LANGS)
def test_styles_and_runs_carry_the_cjk_font_and_language(
        rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = rendered[lang]
    family = kit.faces.regular.family
    document = docx.Document(str(path))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    east = kit.tag if kit.cjk else "zh-CN"
    default = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for r_pr in [default, *(s.find(qn("w:rPr")) for s in styles.findall(qn("w:style"))
                            if s.get(qn("w:customStyle")) == "1")]:
        fonts, lang_el = r_pr.find(qn("w:rFonts")), r_pr.find(qn("w:lang"))
        assert fonts.get(qn("w:eastAsia")) == family
        assert fonts.get(qn("w:cs")) == family
        assert not [a for a in fonts.attrib if "heme" in a]
        # Latin words in Chinese text are English: tagged zh-CN, LibreOffice splits them;
        # the default names the document's language (LibreOffice's PDF /Lang)
        latin = kit.tag if r_pr is default or not kit.cjk else "en-US"
        assert lang_el.get(qn("w:val")) == latin
        assert lang_el.get(qn("w:eastAsia")) == east
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs
    for run in runs:
        if run.find(qn("w:drawing")) is not None:
            continue
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:eastAsia")) == family
        assert run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:eastAsia")) == east
        if kit.cjk:
            # Chinese text keeps Latin words in the same face, so mixed runs match
            assert fonts.get(qn("w:ascii")) == family
            assert fonts.get(qn("w:hint")) == "eastAsia"


@pytest.mark.parametrize("lang", LANGS)
def test_footer_numbers_pages_with_fields(rendered: dict[str, tuple[Kit, Path]],
                                          lang: str) -> None:
    kit, path = rendered[lang]
    document = docx.Document(str(path))
    section = document.sections[0]
    for footer in (section.footer, section.first_page_footer):
        element = footer._element
        instructions = [t.text.strip() for t in element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
        text = footer.paragraphs[0].text
        for literal, _field in page_pattern(kit.t("Page {page} of {pages}")):
            assert literal in text


def test_page_pattern_splits_around_placeholders() -> None:
    assert page_pattern("第 {page} 页，共 {pages} 页") == [
        ("第 ", "PAGE"), (" 页，共 ", "NUMPAGES"), (" 页", None)]
    assert page_pattern("Page {page} of {pages}") == [("Page ", "PAGE"), (" of ", "NUMPAGES")]
    assert page_pattern("{pages}/{page") == [("{pages}/{page", None)]


@pytest.mark.parametrize("lang", LANGS)
def test_core_properties(rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = rendered[lang]
    props = docx.Document(str(path)).core_properties
    assert props.title == kit.release.title
    assert props.author == kit.release.organisation
    assert props.subject == kit.t("Press release")
    assert props.language == kit.tag
    assert props.keywords == ", ".join(kit.release.keywords)
    assert props.created.date() == kit.release.date == props.modified.date()
    # the same instant as the PDF's CreationDate (D:YYYYMMDD000000+00'00'): midnight UTC
    assert (props.created.hour, props.created.minute) == (0, 0) == (props.modified.hour,
                                                                    props.modified.minute)
    assert props.revision == 1
    names = zipfile.ZipFile(path).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert not [n for n in names if n.startswith("customXml")]
    assert b"python-docx" not in b"".join(zipfile.ZipFile(path).read(n) for n in names)


def test_page_size_and_margins_follow_the_kit(config: Config, release: Release,
                                              tmp_path: Path) -> None:
    kit = kit_for(config, release, "en", page_size="Letter", margins_mm=(25, 18, 30, 22))
    render(kit, tmp_path / "letter.docx")
    section = docx.Document(str(tmp_path / "letter.docx")).sections[0]
    assert round(section.page_width.inches, 2) == 8.5
    assert round(section.page_height.inches, 2) == 11
    assert [round(m.mm) for m in (section.top_margin, section.right_margin,
                                  section.bottom_margin, section.left_margin)] == [25, 18, 30, 22]


def test_renders_are_byte_identical(config: Config, release: Release, tmp_path: Path) -> None:
    kit = kit_for(config, release, "zh", draft=True)
    render(kit, tmp_path / "a.docx")
    render(kit, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    infos = zipfile.ZipFile(tmp_path / "a.docx").infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time[:3] for info in infos} == {(2025, 3, 17)}


def test_markup_and_control_characters(config: Config, release: Release,
                                       tmp_path: Path) -> None:
    hostile = 'R&D <b>bold</b> "quoted" ]]> &amp; done'
    release = release.replace(
        title=f"{hostile}\x00\x01",
        subtitle="tab\there\x0bvertical\x1f",
        blocks=(Block(BlockKind.PARAGRAPH, f"Lead {hostile}\x08."),
                Block(BlockKind.QUOTE, f"“{hostile}\x02,” said Jo.", speaker="Jo <CEO> & Co"),
                Block(BlockKind.HEADING, f"Heading {hostile}")),
        contact=(f"press@example.com <{hostile}>",),
        boilerplate=(f"About {hostile}\ufffe",),
    )
    kit = kit_for(config, release, "en")
    render(kit, tmp_path / "hostile.docx")
    document = docx.Document(str(tmp_path / "hostile.docx"))
    texts = [p.text for p in document.paragraphs]
    assert hostile in texts  # the title, control characters dropped
    assert "tab\there vertical" in texts
    assert f"Lead {hostile}." in texts
    assert f"“{hostile}.”" in texts  # the pull-quote ends its sentence
    assert "— Jo <CEO> & Co" in texts
    assert f"Heading {hostile}" in texts
    assert f"press@example.com <{hostile}>" in texts
    assert f"About {hostile}" in texts
    assert document.core_properties.title == hostile


def test_contact_and_boilerplate_become_annexes(config: Config, release: Release,
                                                tmp_path: Path) -> None:
    release = release.replace(contact=("Jane Doe", "press@example.com"),
                              boilerplate=("BMW China is part of the BMW Group.",))
    kit = kit_for(config, release, "en")
    render(kit, tmp_path / "annex.docx")
    document = docx.Document(str(tmp_path / "annex.docx"))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    about = ("Heading 2", "About BMW China")
    contact = ("Heading 2", "Media contact")
    assert styled[styled.index(about) + 1] == ("Boilerplate", "BMW China is part of the BMW Group.")
    assert styled[styled.index(contact) + 1:styled.index(contact) + 3] == [
        ("Contact", "Jane Doe"), ("Contact", "press@example.com")]


def test_quotes_become_pull_quotes(rendered: dict[str, tuple[Kit, Path]]) -> None:
    kit, path = rendered["en"]
    document = docx.Document(str(path))
    pulls = [p for p in document.paragraphs if p.style.name == "Pull Quote"]
    quotes = [b for b in kit.release.blocks if b.kind is BlockKind.QUOTE]
    assert len(pulls) == len(quotes) == 2
    assert pulls[0].text.startswith("“In China, nearly a quarter")
    attributions = [p.text for p in document.paragraphs if p.style.name == "Quote Attribution"]
    assert attributions == [f"— {b.speaker}" for b in quotes]
    assert split_speaker("高翔，宝马集团大中华区总裁") == ("高翔", "，宝马集团大中华区总裁")


@pytest.mark.parametrize("lang", LANGS)
def test_charts_are_embedded_pictures(rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    kit, path = rendered[lang]
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]
    assert len(media) == len(groups(kit.facts)) == 3
    captions = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Caption"]
    assert captions == [kit.t("Key figures in {unit}", unit=rows[0].unit_text)
                        for rows in groups(kit.facts)]


def test_draft_kit_is_marked_on_every_page(config: Config, release: Release,
                                           tmp_path: Path) -> None:
    kit = kit_for(config, release, "zh", draft=True)
    render(kit, tmp_path / "draft.docx")
    section = docx.Document(str(tmp_path / "draft.docx")).sections[0]
    notice = kit.t("Draft – not for publication")
    for header in (section.first_page_header, section.header):
        assert notice in header.paragraphs[0].text
        xml = header._element.xml
        assert "PowerPlusWaterMarkObject" in xml
        assert f'string="{kit.t("DRAFT")}"' in xml
    render(kit_for(config, release, "zh"), tmp_path / "final.docx")
    final = docx.Document(str(tmp_path / "final.docx")).sections[0]
    assert notice not in final.header.paragraphs[0].text
    assert "PowerPlusWaterMarkObject" not in final.header._element.xml


def test_bilingual_rows_pair_source_and_translation(config: Config, release: Release,
                                                   tmp_path: Path) -> None:
    source, target = kit_for(config, release, "en"), kit_for(config, release, "zh")
    render_bilingual(source, target, tmp_path / "a.docx")
    render_bilingual(source, target, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    document = docx.Document(str(tmp_path / "a.docx"))
    table = document.tables[0]
    assert table.style.name == "Bilingual Table"
    left = squash("\n".join(row.cells[0].text for row in table.rows))
    right = squash("\n".join(row.cells[1].text for row in table.rows))
    text = squash(all_text(document))
    for kit, column in ((source, left), (target, right)):
        assert not [s.text for s in segments(kit.release) if squash(s.text) not in text]
        for block in kit.release.blocks:
            assert squash(block.text) in column
    # a body row holds the same block on both sides
    blocks = zip(source.release.blocks, target.release.blocks, strict=True)
    pairs = {(row.cells[0].paragraphs[0].text, row.cells[1].paragraphs[0].text)
             for row in table.rows}
    assert all((a.text, b.text) in pairs for a, b in blocks)
    # each side's runs carry its own language
    for cell, east, latin in ((table.rows[3].cells[0], "zh-CN", "en-GB"),
                              (table.rows[3].cells[1], "zh-CN", "en-US")):
        for lang in cell._tc.iter(qn("w:lang")):
            assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == (latin, east)


# --- LibreOffice ------------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(rendered: dict[str, tuple[Kit, Path]],
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    need("soffice")
    folder = tmp_path_factory.mktemp("lo")
    profile = folder / "profile"
    paths = [str(path) for _kit, path in rendered.values()]
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *paths],
                   check=True, capture_output=True, timeout=240)
    return {lang: folder / f"{path.stem}.pdf" for lang, (_kit, path) in rendered.items()}


def body_text(pdf: Path, kit: Kit) -> str:
    """The text between the page margins: no header or footer (they sit in the margins)."""
    width, height = (595.0, 842.0) if kit.page_size == "A4" else (612.0, 792.0)
    top, _right, bottom, _left = (v * 72 / 25.4 for v in kit.margins_mm)
    return subprocess.run(["pdftotext", "-x", "0", "-y", str(int(top)), "-W", str(int(width)),
                           "-H", str(int(height - top - bottom)), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split()[0].split("+")[-1] for line in out.stdout.splitlines()[2:] if line]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_converts_with_the_cjk_font(
        rendered: dict[str, tuple[Kit, Path]], converted: dict[str, Path], lang: str) -> None:
    need("pdffonts")
    need("pdftotext")
    kit, _path = rendered[lang]
    pdf = converted[lang]
    family = kit.faces.regular.family
    # a .ttc's CFF table is named for one region (NotoSansCJKjp-…) whichever face is used
    stem = re.sub(r"(SC|TC|HK|JP|KR)$", "", family.replace(" ", "")).lower()
    fonts = pdf_fonts(pdf)
    assert fonts and all(name.lower().startswith(stem) for name in fonts), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # the text inside the margins, so a paragraph that runs onto the next page reads on
    # past the running header and footer; pdftotext joins a word hyphenated at a line
    # end ("high-⏎frequency" → "highfrequency")
    flat = squash(body_text(pdf, kit)).replace("-", "")
    missing = [s.text for s in segments(kit.release)
               if squash(s.text).replace("-", "") not in flat]
    assert not missing
    pages = text.count("\f")
    assert squash(kit.t("Page {page} of {pages}", page=pages, pages=pages)) in squash(text)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    if images.returncode == 0:
        assert len(images.stdout.splitlines()) - 2 == len(groups(kit.facts))


@pytest.mark.slow
def test_libreoffice_keeps_latin_words_whole_in_chinese(config: Config, release: Release,
                                                        tmp_path: Path) -> None:
    """Narrow columns put Latin words at line ends, where zh-CN-tagged Latin broke."""
    need("soffice")
    need("pdftotext")
    kit = kit_for(config, release, "zh", margins_mm=(20.0, 99.0, 22.0, 20.0))
    # paragraphs dense with Latin names, so that lines do end and start with Latin words
    names = ["HUAWEI HiCar", "HarmonyOS NEXT", "MyBMW App", "BMW Digital Key",
             "Connected Drive Store", "Remote Software Upgrade"]
    dense = tuple(Block(BlockKind.PARAGRAPH, "宝马与华为合作，推出" + "、".join(names[i:])
                        + "等数字化服务，用户可通过Huawei Mobile Services一键登录。")
                  for i in range(5))
    kit = dataclasses.replace(kit, release=kit.release.replace(
        blocks=dense + kit.release.blocks))
    render(kit, tmp_path / "narrow.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "narrow.docx")], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", str(tmp_path / "narrow.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = set(re.findall(r"[A-Za-z]+", " ".join(b.text for b in kit.release.blocks)))
    lines = text.splitlines()
    pairs = 0
    for line, following in zip(lines, lines[1:], strict=False):
        tail, head = re.search(r"[A-Za-z]+$", line), re.match(r"[A-Za-z]+", following)
        if tail and head:
            pairs += 1
            assert tail.group() + head.group() not in words, (line, following)
    assert pairs >= 3, "no line ended with a Latin word: the test checked nothing"


@pytest.mark.slow
def test_libreoffice_keeps_the_metadata(rendered: dict[str, tuple[Kit, Path]],
                                        converted: dict[str, Path]) -> None:
    need("pdfinfo")
    kit, _path = rendered["zh"]
    info = subprocess.run(["pdfinfo", str(converted["zh"])], capture_output=True, text=True,
                          check=True).stdout
    assert f"Title:           {kit.release.title}" in info
    assert kit.release.organisation in info


@pytest.fixture(scope="module")
def editions(config: Config, release: Release,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Kit], Path, Path]]:
    """Each edition (en, zh, bilingual): its kits, our PDF and LibreOffice's PDF of the DOCX."""
    pdf = renderer("pdf")

    need("soffice")
    folder = tmp_path_factory.mktemp("editions")
    en, zh = kit_for(config, release, "en"), kit_for(config, release, "zh")
    out = {}
    for name, kits in (("en", [en]), ("zh", [zh]), ("bilingual", [en, zh])):
        if name == "bilingual":
            render_bilingual(en, zh, folder / f"{name}.docx")
            pdf.render_bilingual(en, zh, folder / f"{name}.ours.pdf")
        else:
            render(kits[0], folder / f"{name}.docx")
            pdf.render(kits[0], folder / f"{name}.ours.pdf")
        out[name] = (kits, folder / f"{name}.ours.pdf", folder / f"{name}.pdf")
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(folder / f"{name}.docx") for name in out)],
                   check=True, capture_output=True, timeout=240)
    return out


def flat(outline: list[Any]) -> list[Any]:
    """pypdf's outline (a list with a nested list after an item's parent) in reading order."""
    return [leaf for item in outline
            for leaf in (flat(item) if isinstance(item, list) else [item])]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["en", "zh", "bilingual"])
def test_libreoffice_pdf_matches_the_pdf_kit(
        editions: dict[str, tuple[list[Kit], Path, Path]], name: str) -> None:
    """Same page count, the same bookmarks (title and sections), the kit's language and a
    footer numbering each page — in our PDF and in LibreOffice's PDF of the DOCX."""
    pypdf = pytest.importorskip("pypdf")
    need("pdftotext")
    kits, ours, theirs = editions[name]
    mine, lo = pypdf.PdfReader(ours), pypdf.PdfReader(theirs)
    assert len(lo.pages) == len(mine.pages)
    assert lo.trailer["/Root"]["/Lang"] == kits[0].tag  # zh-CN, not the Latin words' en-US
    # every bookmark in reading order: the DOCX nests the sections under the title
    # (heading 2 below Title), the PDF kit may not
    titles = [item.title for item in flat(lo.outline)]
    expected = [item.title for item in flat(mine.outline)]
    if name == "bilingual":
        # a bookmark per side in the DOCX, per row in the PDF; the DOCX sets the
        # translated title as the English title's subtitle
        expected = [side for title in expected for side in title.split(" / ")
                    if side != kits[1].release.title]
    assert titles == expected
    pages = len(lo.pages)
    for page in range(1, pages + 1):
        text = squash(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page),
                                      str(theirs), "-"], capture_output=True, text=True,
                                     check=True).stdout)
        for kit in kits:
            assert squash(kit.page_label(page, pages)) in text, (page, kit.lang)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["en", "bilingual"])
def test_libreoffice_sets_tables_on_the_margins(
        editions: dict[str, tuple[list[Kit], Path, Path]], name: str) -> None:
    """A table's edges on the margins: its text inset by the cell margin, not the table
    pushed left out of the text block by it (Word's compatibility-mode placement)."""
    need("pdftotext")
    kits, _ours, theirs = editions[name]
    kit = kits[0]
    head = kit.t("Figure") if name == "en" else "English"
    bbox = subprocess.run(["pdftotext", "-bbox", str(theirs), "-"], capture_output=True,
                          text=True, check=True).stdout
    margin = kit.margins_mm[3] * 72 / 25.4
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    title = min(float(x) for x, word in words if word == kit.release.title.split()[0])
    assert abs(title - margin) < 1  # the text block starts at the margin ...
    cell = min(float(x) for x, word in words if word == head)
    assert 4 < cell - margin < 8  # ... and a cell's text one cell margin (5.75 pt) inside


@pytest.mark.parametrize("lang", LANGS)
def test_chart_labels_sit_on_one_line_beside_one_axis(
        rendered: dict[str, tuple[Kit, Path]], lang: str) -> None:
    """Each bar's label on one line (a wrapped one left "revenue" alone), every chart's
    axis at the same x so the bars of the three charts start level."""
    import io

    from PIL import Image

    _kit, path = rendered[lang]
    with zipfile.ZipFile(path) as package:
        images = [Image.open(io.BytesIO(package.read(name))).convert("L")
                  for name in sorted(package.namelist()) if name.startswith("word/media/")]
    assert len(images) == 3

    def runs(flags: list[bool]) -> int:
        return sum(1 for i, flag in enumerate(flags) if flag and (i == 0 or not flags[i - 1]))

    axes = set()
    for image in images:
        width, height = image.size
        pixels: Any = image.load()  # a greyscale image: each pixel is an int
        # the axis: the leftmost column that is grey from top to bottom
        axis = next(x for x in range(width)
                    if all(150 < pixels[x, y] < 235 for y in range(height // 4, height * 3 // 4)))
        axes.add(axis)
        bars = runs([pixels[axis + 3, y] < 150 for y in range(height)])
        lines = runs([any(pixels[x, y] < 128 for x in range(0, axis - 4))
                      for y in range(height)])
        assert lines == bars >= 2
    assert len(axes) == 1


def test_charts_are_drawn_once_and_the_cached_ones_give_the_same_file(
        config: Config, release: Release, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pressctl.render.docx import chart as docx_chart

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kit = kit_for(config, release, "zh")
    drawn: list[str] = []
    original = docx_chart._png

    def counting(rows: list[Any], *args: Any) -> bytes:
        drawn.append(rows[0].unit)
        return original(rows, *args)

    monkeypatch.setattr(docx_chart, "_png", counting)
    render(kit, tmp_path / "first.docx")
    charted = len(groups(kit.facts))
    assert charted >= 2 and len(drawn) == charted
    assert len(list((tmp_path / "cache" / "pressctl" / "charts").glob("*.png"))) == charted
    render(kit, tmp_path / "second.docx")  # from the cache: nothing drawn
    assert len(drawn) == charted
    assert (tmp_path / "second.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
    # another colour is another picture, drawn anew
    render(dataclasses.replace(kit, colour="#C0262D"), tmp_path / "red.docx")
    assert len(drawn) == 2 * charted
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))  # a cold cache
    render(kit, tmp_path / "cold.docx")
    assert (tmp_path / "cold.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
