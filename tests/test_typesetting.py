"""Typesetting faults a reader sees at 100 % zoom, measured on the page itself.

Each test builds a kit from blocks written to provoke one fault (a Chinese line
cut short by a long Latin product name, a results table of amounts and
quarters, a tall portrait picture, a pull-quote at the foot of a page) and reads
the glyphs back with pdfplumber (their positions) or the DOCX with python-docx,
never reportlab's own objects.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pressctl.core.script import is_cjk_letter
from pressctl.core.settings import Config
from pressctl.kit import Kit
from pressctl.kit.make import make_kit
from pressctl.render import renderer
from pressctl.source.release import Block, BlockKind, Release

pdfplumber = pytest.importorskip("pdfplumber")


@pytest.fixture(scope="module")
def kits(config: Config, release: Release) -> dict[str, Kit]:
    return {lang: make_kit(config, release, lang) for lang in ("en", "zh")}


def with_blocks(kit: Kit, blocks: list[Block]) -> Kit:
    return replace(kit, release=kit.release.replace(blocks=tuple(blocks)))


def render(kit: Kit, path: Path, fmt: str = "pdf") -> Path:
    renderer(fmt).render(kit, path)
    return path


def text_lines(page: object) -> list[list[dict]]:
    """The page's characters grouped into lines, left to right: a character belongs to a
    line when its middle is within a third of its size of the line's (Latin digits and
    Chinese characters from two fonts sit at slightly different heights)."""
    rows: list[tuple[float, list[dict]]] = []
    for char in sorted(page.chars, key=lambda c: c["top"]):  # type: ignore[attr-defined]
        middle = (char["top"] + char["bottom"]) / 2
        if rows and abs(rows[-1][0] - middle) < char["size"] / 3:
            rows[-1][1].append(char)
        else:
            rows.append((middle, [char]))
    return [sorted(chars, key=lambda c: c["x0"]) for _, chars in rows]


# 1. A justified Chinese line never spreads its characters -------------------------

LONG_NAMES = [
    "华为今日在深圳发布面向企业客户的全新存储平台OceanStorDoradoUltraPerformanceEdition，"
    "该平台支持全闪存架构，并与现有系统完全兼容。",
    "新款旗舰手机搭载处理器Kirin9000SProfessionalGraphicsAccelerator，续航提升百分之二十，"
    "首批产品将于下月在全国门店上市销售。",
    "公司同时宣布与合作伙伴共同推出名为HarmonyOSNextDeveloperPreviewInternationalEdition的开发者版本，"
    "面向全球开发者开放下载。",
]


def test_a_justified_chinese_line_never_spreads_its_characters(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    """A long Latin word pushed to the next line leaves the line before it short; justified
    to the measure, its characters stood an eighth of an em apart or more (up to half an em).
    Between two Chinese characters on one line the gap stays within a sixteenth of an em."""
    kit = with_blocks(kits["zh"], [Block(BlockKind.PARAGRAPH, text) for text in LONG_NAMES * 2])
    path = render(kit, tmp_path / "names.zh.pdf")
    widest = 0.0
    short_lines = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in text_lines(page):
                size = line[0]["size"]
                for before, after in zip(line, line[1:], strict=False):
                    gap = (after["x0"] - before["x1"]) / size
                    if is_cjk_letter(before["text"]) and is_cjk_letter(after["text"]) \
                            and gap < 2:  # not the running header's two ends
                        widest = max(widest, gap)
                right = max(c["x1"] for c in line)
                short_lines += right < page.width - 100  # a line left ragged
    assert widest < 0.065, f"characters spread {widest:.2f} em apart"
    assert short_lines  # the long names did leave lines short


# 4. A quotation, its pull-quote and its speaker share a page ----------------------

FILLER = ("The network adds charging points at every depot, and the timetable keeps the "
          "same departures through the winter months while the new vessels enter service. ")


def quote_blocks(shift: int) -> list[Block]:
    blocks = []
    for n in range(14):
        blocks.append(Block(BlockKind.PARAGRAPH, FILLER * (1 + (n * 3 + shift) % 5)))
        blocks.append(Block(BlockKind.QUOTE,
                            f"“Alpha{n}z is what our passengers asked for, and we listened "
                            f"to every one of them,” said Dana Q{n}x, Chief Executive.",
                            speaker=f"Dana Q{n}x, Chief Executive"))
    return blocks


def page_words(path: Path) -> list[tuple[int, str]]:
    """Every word on the pages as (page number, word), in reading order."""
    with pdfplumber.open(path) as pdf:
        return [(number, word["text"]) for number, page in enumerate(pdf.pages)
                for word in page.extract_words()]


def pages_of(words: list[tuple[int, str]], token: str) -> list[int]:
    """The page of every word holding ``token``, in reading order."""
    return [number for number, word in words if token in word]


def test_a_pull_quote_stays_on_the_page_of_its_quotation_and_speaker(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    """The quotation (the body paragraph), its pull-quote and the speaker line under it
    are read together: none of them starts a page without the others."""
    kit = kits["en"]
    for shift in range(3):
        long = with_blocks(kit, quote_blocks(shift))
        path = render(long, tmp_path / f"quotes{shift}.pdf")
        words = page_words(path)
        assert words[-1][0] >= 3  # four pages or more
        for n in range(14):
            quoted = pages_of(words, f"Alpha{n}z")
            speaker = pages_of(words, f"Q{n}x")
            assert len(quoted) == 2 and len(speaker) == 2, (n, quoted, speaker)
            # the paragraph's end (its "said Dana Q…") with the pull-quote and its speaker
            assert speaker[0] == quoted[1] == speaker[1], (shift, n, quoted, speaker)


def test_docx_keeps_the_quotation_with_its_pull_quote(kits: dict[str, Kit],
                                                      tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    kit = with_blocks(kits["en"], quote_blocks(0)[:4])
    document = docx.Document(str(render(kit, tmp_path / "quotes.docx", "docx")))
    paragraphs = document.paragraphs
    checked = 0
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text.startswith("“Alpha") and paragraph.style.name != "Pull Quote":
            following = paragraphs[index + 1]
            assert following.style.name == "Pull Quote"
            assert paragraph.style.name == "Quotation"  # a named style, not direct formatting
            assert paragraph.style.paragraph_format.keep_with_next
            assert paragraph.style.paragraph_format.keep_together
            assert following.style.paragraph_format.keep_with_next
            checked += 1
    assert checked == 2


# 3. A tall picture is made smaller rather than leaving half a page empty ------------

def portrait(path: Path, size: tuple[int, int] = (900, 1500)) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40, 90, 140))
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 60):
        draw.rectangle((0, y, size[0], y + 25), fill=(200, 160, 60))
    image.save(path, "JPEG", dpi=(150, 150))
    return path


def test_a_tall_picture_is_scaled_down_to_stay_on_its_page(kits: dict[str, Kit],
                                                            tmp_path: Path) -> None:
    """900 × 1500 pixels at 150 dpi is 432 × 720 pt, taller than what is left below a few
    paragraphs.  It comes on the page of the text before it, at no less than 60 % of its
    width, whenever that fits; overleaf only when even 60 % would not; and a picture
    taller than the page is scaled to fit the page instead of stopping the build."""
    image = portrait(tmp_path / "tall.jpg")
    kit = kits["en"]
    scaled = moved = 0
    for paragraphs in range(0, 9):
        blocks = [Block(BlockKind.PARAGRAPH, f"Para{n}q " + FILLER * 3) for n in range(paragraphs)]
        blocks.append(Block(BlockKind.FIGURE, "The new vessel at the quay", credit="Photo: Ann Lee",
                            image=image))
        blocks.append(Block(BlockKind.PARAGRAPH, "Closing words after the picture."))
        path = render(with_blocks(kit, blocks), tmp_path / f"tall{paragraphs}.pdf")
        with pdfplumber.open(path) as pdf:
            pictures = [(n, im) for n, page in enumerate(pdf.pages) for im in page.images]
            assert len(pictures) == 1
            number, placed = pictures[0]
            width = placed["x1"] - placed["x0"]
            height = placed["bottom"] - placed["top"]
            assert abs(width / height - 900 / 1500) < 0.01  # never distorted
            assert width >= 0.6 * 432 - 0.5 or height <= pdf.pages[number].height * 0.75
            caption = [w for w in pdf.pages[number].extract_words() if w["text"] == "vessel"]
            assert caption and caption[0]["top"] > placed["bottom"]  # the caption under it
            if not paragraphs:
                continue
            page = pdf.pages[number]
            above = [w for w in page.extract_words()
                     if w["top"] > 80 and w["bottom"] < placed["top"]]  # below the header
            if above:  # on the page of the text before it
                scaled += width < 432 - 0.5
                continue
            moved += 1
            # it went overleaf: what was left on the page before could not hold it at 60 %
            # with its caption and credit
            previous = pdf.pages[number - 1]
            lowest = max(w["bottom"] for w in previous.extract_words()
                         if w["bottom"] < previous.height - 60)  # above the footer
            free = previous.height - 20 * 72 / 25.4 - lowest
            assert free < 0.6 * 720 + 60, (paragraphs, free)  # 60: caption, credit, spaces
    assert scaled and moved  # both cases came up


def test_a_portrait_keeps_a_third_of_the_page_rather_than_go_overleaf(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    """A portrait at full width is three quarters of the page; below 60 % of its width it
    went overleaf and left up to 40 % of the page empty (the depot release).  It may now
    be smaller than 60 % of its width while it keeps 30 % of the text height."""
    image = portrait(tmp_path / "tall.jpg")
    kit = kits["en"]
    smaller = []
    for paragraphs in range(3, 12):
        blocks = [Block(BlockKind.PARAGRAPH, f"Para{n}q " + FILLER * 3) for n in range(paragraphs)]
        blocks.append(Block(BlockKind.FIGURE, "The new vessel at the quay", credit="Photo: Ann Lee",
                            image=image))
        path = render(with_blocks(kit, blocks), tmp_path / f"portrait{paragraphs}.pdf")
        with pdfplumber.open(path) as pdf:
            number, placed = next((n, im) for n, page in enumerate(pdf.pages)
                                  for im in page.images)
            page = pdf.pages[number]
            text_height = page.height - (20 + 22) * 72 / 25.4  # the kit's top and bottom
            height = placed["bottom"] - placed["top"]
            width = placed["x1"] - placed["x0"]
            assert height >= 0.3 * text_height - 1 or width >= 0.6 * 432 - 0.5
            above = [w for w in page.extract_words() if w["bottom"] < placed["top"]
                     and w["text"].startswith("Para")]
            if above and width < 0.6 * 432 - 0.5:
                smaller.append(paragraphs)
    assert smaller  # below 60 % of its width on the page of its text


def test_paragraphs_fill_the_page_before_a_figure_that_goes_overleaf(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    """A picture that cannot stay on its page, even at 60 %, went overleaf and left the
    rest of the page empty although body paragraphs followed it; they now fill the
    page first (a float), and the structure tree keeps the author's order."""
    import subprocess

    from tests import tagged_pdf
    from tests.conftest import need

    image = portrait(tmp_path / "tall.jpg")
    kit = kits["en"]
    placements = []
    for before in range(1, 7):  # some number of paragraphs leaves the figure no room
        blocks = [Block(BlockKind.PARAGRAPH, f"Lead{n}q " + FILLER * 3) for n in range(before)]
        blocks.append(Block(BlockKind.FIGURE, "The new vessel at the quay",
                            credit="Photo: Ann Lee", image=image))
        blocks += [Block(BlockKind.PARAGRAPH, f"Follow{n}q " + FILLER) for n in range(4)]
        path = render(with_blocks(kit, blocks), tmp_path / f"float{before}.pdf")
        with pdfplumber.open(path) as pdf:
            number = next(n for n, page in enumerate(pdf.pages) if page.images)
            words = {w["text"]: n for n, page in enumerate(pdf.pages)
                     for w in page.extract_words()}
        placements.append((before, number, words["Follow0q"], path))
    floated = [p for p in placements if p[2] < p[1]]
    assert floated, placements  # a paragraph after the figure is printed before it
    for _, number, follow, path in floated:
        assert follow == number - 1  # on the page the figure left, not further back
        assert tagged_pdf.problems(path) == []
        need("pdfinfo")
        text = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                              text=True, check=True).stdout
        assert text.index("vessel at the quay") < text.index("Follow0q")  # reading order


# 2. An amount, a date and a figure with its unit stay whole in a table cell ---------

QUARTERS_EN = (("Quarter", "Revenue", "Gross margin", "Operating profit"),
               ("Q4 2025", "€2.61 billion", "40.2%", "€455 million"),
               ("Q1 2026", "€2.47 billion", "39.5%", "€398 million"),
               ("Q2 2026", "€2.73 billion", "40.9%", "€486 million"))
QUARTERS_ZH = (("季度", "营收", "毛利率", "营业利润"),
               ("2025年第四季度", "26.1亿欧元", "40.2%", "4.55亿欧元"),
               ("2026年第一季度", "24.7亿欧元", "39.5%", "3.98亿欧元"),
               ("2026年第二季度", "27.3亿欧元", "40.9%", "4.86亿欧元"))
WHOLE = ["€2.61billion", "€455million", "Q42025", "26.1亿欧元", "4.55亿欧元", "第四季度",
         "第一季度", "3.98亿欧元", "毛利率", "营业利润"]  # a short Chinese heading is one term


def table(rows: tuple[tuple[str, ...], ...]) -> Block:
    return Block(BlockKind.TABLE, "", rows=rows, align=("", "right", "right", "right"))


def squeezed_lines(path: Path, halves: bool = False) -> list[str]:
    """Every line of every page (with ``halves``, each half of a two-column page on its
    own), without spaces: what a reader sees on one line."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            middle = page.width / 2 if halves else page.width
            for line in text_lines(page):
                for half in ([c for c in line if c["x0"] < middle],
                             [c for c in line if c["x0"] >= middle]):
                    out.append("".join(c["text"] for c in half if not c["text"].isspace()))
    return out


def test_amounts_dates_and_units_stay_whole_in_table_cells(kits: dict[str, Kit],
                                                           tmp_path: Path) -> None:
    """The bilingual results table broke "4.55亿 / 欧元" and "2025年第四 / 季度" and
    hyphenated "€2.61 bil-lion"; the kits and the bilingual edition keep them whole."""
    from pressctl.render.pdf.bilingual import build_bilingual

    en = with_blocks(kits["en"], [table(QUARTERS_EN)])
    zh = with_blocks(kits["zh"], [table(QUARTERS_ZH)])
    paths = [render(en, tmp_path / "q.en.pdf"), render(zh, tmp_path / "q.zh.pdf")]
    both = tmp_path / "q.bilingual.pdf"
    both.write_bytes(build_bilingual(en, zh))
    latin = [w for w in WHOLE if not any(map(is_cjk_letter, w))]
    chinese = [w for w in WHOLE if w not in latin]
    for path, expected in zip([*paths, both], [latin, chinese, WHOLE], strict=True):
        lines = squeezed_lines(path, halves=path is both)
        text = "\n".join(lines)
        assert "bil-" not in text and "mil-" not in text, path.name
        for whole in expected:
            assert any(whole in line for line in lines), (path.name, whole, lines)


# 5. No wide word gaps in a justified DOCX, as LibreOffice sets it -------------------

MIXED = [
    "Read the full technical documentation at https://developer.example.com/harmonyos/"
    "next/documentation/getting-started/overview before you start porting your apps.",
    "The network adds charging points at every depot, and the timetable keeps the same "
    "departures through the winter months while the new vessels enter service.",
    "请在开始移植应用之前阅读完整的技术文档 https://developer.example.com/harmonyos/next/"
    "documentation/getting-started/overview 并加入开发者计划。",
    "华为今日发布 HarmonyOS Next Developer Preview International Edition，面向全球开发者"
    "开放下载，首批支持的设备包括 Mate 60 Pro 与 MatePad Pro 13.2 英寸版本。",
]


@pytest.mark.slow
def test_libreoffice_sets_no_wide_word_gaps_in_a_chinese_kit(kits: dict[str, Kit],
                                                             tmp_path: Path) -> None:
    """A Chinese kit is justified; an English sentence in it (a quotation, a draft's
    untranslated text) or a line before a URL was spread by LibreOffice, which justifies
    at spaces only: "Read      the      full …".  Measured on LibreOffice's own PDF, no
    space between two words on a line is wider than 0.6 em (a space is about 0.25)."""
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("soffice not installed (the README's set-up command installs it)")
    kit = with_blocks(kits["zh"], [Block(BlockKind.PARAGRAPH, text) for text in MIXED])
    docx_path = render(kit, tmp_path / "mixed.zh.docx", "docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(docx_path)], check=True, capture_output=True, timeout=240)
    widest, measured = 0.0, 0
    with pdfplumber.open(tmp_path / "mixed.zh.pdf") as pdf:
        for page in pdf.pages:
            for line in text_lines(page):
                line = [c for c in line if not c["text"].isspace()]  # LibreOffice draws spaces
                for before, after in zip(line, line[1:], strict=False):
                    if before["text"].isascii() and before["text"].isalnum() and \
                            after["text"].isascii() and after["text"].isalnum():
                        gap = (after["x0"] - before["x1"]) / before["size"]
                        if gap > 0.1:  # a space between two words, not letter spacing
                            widest = max(widest, gap)
                            measured += 1
    assert measured > 20
    assert widest < 0.6, f"a word gap of {widest:.2f} em"


def test_docx_fits_a_tall_picture_on_a_page_with_its_caption(kits: dict[str, Kit],
                                                             tmp_path: Path) -> None:
    """A portrait 1000 × 1800 pixels at the text width is taller than the page's text
    area; LibreOffice filled a page with it and set its caption overleaf.  The DOCX
    picture keeps its proportions and leaves a fifth of the text height free."""
    docx = pytest.importorskip("docx")
    image = portrait(tmp_path / "taller.jpg", (1000, 1800))
    blocks = [Block(BlockKind.FIGURE, "The captain on the bridge", credit="Photo: Ann Lee",
                    image=image)]
    document = docx.Document(str(render(with_blocks(kits["en"], blocks),
                                        tmp_path / "tall.docx", "docx")))
    section = document.sections[-1]
    text_height = section.page_height - section.top_margin - section.bottom_margin
    shapes = [s for s in document.inline_shapes if s._inline.docPr.name == "taller.jpg"]
    assert len(shapes) == 1
    assert shapes[0].height <= 0.8 * text_height + 12700
    assert abs(shapes[0].width / shapes[0].height - 1000 / 1800) < 0.01


# Found on the pages: a long product name written as one word ----------------------

NAME = "NorthStarAutomotivePlatformProfessionalEdition"


def test_a_long_product_name_breaks_at_its_capitals_with_a_hyphen(kits: dict[str, Kit],
                                                                   tmp_path: Path) -> None:
    """In the bilingual edition's half column the name is wider than the line: both sides
    cut it bare ("NorthStarAutomoti / vePlatform…", "…Platfo / rmProfessional…"); it
    breaks at a capital and the line ends in a hyphen."""
    from pressctl.render.pdf.bilingual import build_bilingual

    en = with_blocks(kits["en"], [Block(BlockKind.PARAGRAPH,
                                        f"The company also launched {NAME}, its new system.")])
    zh = with_blocks(kits["zh"], [Block(BlockKind.PARAGRAPH,
                                        f"公司同时发布新一代车载操作系统{NAME}，首批车型明年上市。")])
    both = tmp_path / "name.bilingual.pdf"
    both.write_bytes(build_bilingual(en, zh))
    lines = squeezed_lines(both, halves=True)
    broken = 0
    for line in lines:
        for cut in range(3, len(NAME)):
            if line.endswith(NAME[:cut]):
                raise AssertionError(f"cut bare: {line!r}")
            if line.endswith(NAME[:cut] + "-"):
                assert NAME[cut].isupper(), line  # at a capital
                broken += 1
    assert broken == 2  # once on each side


def test_docx_lets_a_long_product_name_break_at_its_capitals(kits: dict[str, Kit],
                                                             tmp_path: Path) -> None:
    """LibreOffice cut the name bare at the edge of a bilingual column; Word's optional
    hyphens (``w:softHyphen``) between its parts let it break there, with a hyphen, and
    the text still reads whole."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    en = with_blocks(kits["en"], [Block(BlockKind.PARAGRAPH, f"It launched {NAME} today.")])
    document = docx.Document(str(render(en, tmp_path / "name.docx", "docx")))
    paragraph = next(p for p in document.paragraphs if "launched" in p.text)
    assert NAME in paragraph.text
    pieces = [node.tag for run in paragraph._p.iter(qn("w:r")) for node in run
              if node.tag in (qn("w:t"), qn("w:softHyphen"))]
    assert pieces.count(qn("w:softHyphen")) == 5  # North|Star|Automotive|Platform|…


def test_an_english_paragraph_in_a_chinese_kit_is_not_justified(kits: dict[str, Kit],
                                                                 tmp_path: Path) -> None:
    """A draft's untranslated sentence (or an English quotation) in a Chinese kit was
    justified, its word spaces widened to half an em; it is set flush left, as the DOCX
    sets it: every word space is the font's own."""
    text = "The network adds *charging points* at every depot, and " + FILLER * 3
    kit = with_blocks(kits["zh"], [Block(BlockKind.PARAGRAPH, text),
                                   Block(BlockKind.PARAGRAPH, FILLER * 3)])
    path = render(kit, tmp_path / "english.zh.pdf")
    widest, measured = 0.0, 0
    with pdfplumber.open(path) as pdf:
        for word_line in text_lines(pdf.pages[0]):
            chars = [c for c in word_line if not c["text"].isspace()]
            for before, after in zip(chars, chars[1:], strict=False):
                gap = (after["x0"] - before["x1"]) / before["size"]
                if before["text"].isascii() and after["text"].isascii() and 0.1 < gap < 2:
                    widest, measured = max(widest, gap), measured + 1
    assert measured > 30
    assert widest < 0.3, f"a word space of {widest:.2f} em"


def test_a_figure_column_of_a_chinese_docx_stays_right_aligned(kits: dict[str, Kit],
                                                              tmp_path: Path) -> None:
    """"40.2%" holds no Chinese, and the rule that sets such a paragraph flush left in a
    Chinese DOCX added a second w:jc after the column's right alignment: LibreOffice set
    the margin column ragged left under a right-aligned header (and two w:jc break the
    schema).  An alignment the table sets wins."""
    import docx
    from docx.oxml.ns import qn

    path = render(with_blocks(kits["zh"], [table(QUARTERS_ZH)]), tmp_path / "q.zh.docx",
                  "docx")
    cells = [row.cells[2].paragraphs[0] for row in docx.Document(str(path)).tables[0].rows]
    assert [cell.text for cell in cells] == ["毛利率", "40.2%", "39.5%", "40.9%"]
    for cell in cells:
        jc = cell._p.pPr.findall(qn("w:jc"))
        assert [e.get(qn("w:val")) for e in jc] == ["right"], cell.text
