"""The PDF kit as a journalist receives it: its text, fonts, metadata and bytes.

Content is checked through the tools a reader's machine uses — poppler's
``pdftotext`` and ``pdffonts`` — and pypdf for the document structure, never
by peeking into reportlab's objects.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pressctl.core.fonts import resolve
from pressctl.core.settings import Config
from pressctl.kit import Kit
from pressctl.kit.make import make_kit
from pressctl.render import renderer
from pressctl.source.release import Block, BlockKind, Release
from pressctl.source.segment import is_cjk, segments
from tests.conftest import need
from tests.test_promises import DATES, FACTS, MAY_NOT_END, MAY_NOT_START

pypdf = pytest.importorskip("pypdf")

REFERENCES = Path(__file__).parent / "reference"


def pdftotext(path: Path, *args: str) -> str:
    need("pdftotext")
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def body_text(path: Path, kit: Kit, column: int | None = None) -> str:
    """The text inside the margins: the release without letterhead, header and footer,
    so a paragraph that runs onto the next page reads on.  ``column`` 0 or 1: only
    the left or right half (the sides of the bilingual edition)."""
    from reportlab.lib.pagesizes import A4, LETTER

    width, height = {"A4": A4, "Letter": LETTER}[kit.page_size]
    top, right, bottom, left = (v * 72 / 25.4 for v in kit.margins_mm)
    x, w = 0.0, width
    if column is not None:
        middle = left + (width - left - right) / 2
        x, w = (0.0, middle) if column == 0 else (middle, width - middle)
    return pdftotext(path, "-x", str(int(x)), "-y", str(int(top)), "-W", str(int(w)),
                     "-H", str(int(height - top - bottom)))


def pdffonts(path: Path) -> list[dict[str, str]]:
    need("pdffonts")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:  # header and rule
        # name (no spaces in subset names), type (may hold spaces), encoding, emb, sub, uni, id
        match = re.match(r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$",
                         line)
        assert match, line
        name, kind, _encoding, emb, sub, _uni = match.groups()
        rows.append({"name": name, "type": kind, "emb": emb, "sub": sub})
    return rows


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalise(text: str) -> str:
    """English as extracted: one space between words, no line-end hyphen breaks."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    return " ".join(text.split())


def postscript_name(lang: str, kit: Kit) -> str:
    from fontTools.ttLib import TTFont

    font = kit.faces.regular
    with TTFont(str(font.path), fontNumber=font.index, lazy=True) as face:
        return str(face["name"].getDebugName(6))


def render_to(kit: Kit, path: Path) -> Path:
    render = renderer("pdf").render

    render(kit, path)
    return path


@pytest.fixture(scope="module")
def kits(config: Config, release: Release) -> dict[str, Kit]:
    return {lang: make_kit(config, release, lang) for lang in ("en", "zh")}


@pytest.fixture(scope="module")
def pdfs(kits: dict[str, Kit], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {lang: render_to(kit, folder / f"kit.{lang}.pdf") for lang, kit in kits.items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_segment_is_in_the_text(lang: str, kits: dict[str, Kit],
                                      pdfs: dict[str, Path]) -> None:
    kit = kits[lang]
    text = body_text(pdfs[lang], kit) + pdftotext(pdfs[lang], "-l", "1")  # + letterhead
    found = squeeze(text) if kit.cjk else normalise(text)
    missing = []
    for segment in segments(kit.release):
        wanted = squeeze(segment.text) if kit.cjk else normalise(segment.text)
        if wanted not in found:
            missing.append(segment.text)
    assert not missing, missing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_extracts_in_reading_order(lang: str, kits: dict[str, Kit],
                                        pdfs: dict[str, Path]) -> None:
    kit = kits[lang]
    prep = squeeze if kit.cjk else normalise
    text = prep(body_text(pdfs[lang], kit))
    position = 0
    ordered = [kit.t("For immediate release"), kit.release.title]
    ordered += [s.text for s in segments(kit.release) if s.role in ("heading", "body", "quote")]
    ordered += [kit.end_mark, kit.t("Key figures")]
    for piece in ordered:
        found = text.find(prep(piece), position)
        assert found >= 0, f"{piece!r} not found after position {position}"
        position = found + len(prep(piece))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kit_wording_and_page_labels(lang: str, kits: dict[str, Kit],
                                     pdfs: dict[str, Path]) -> None:
    kit = kits[lang]
    text = squeeze(pdftotext(pdfs[lang]))
    pages = len(pypdf.PdfReader(pdfs[lang]).pages)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert squeeze(kit.page_label(page, pages)) in text
    for wording in (kit.t("For immediate release"), kit.t("Key figures"), kit.t("Figure"),
                    kit.t("Value"), kit.t("Period"), DATES[lang], kit.end_mark):
        assert squeeze(wording) in text
    for label, value, period in FACTS[lang]:  # written by hand, not kit.facts
        assert squeeze(label + value + period) in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pull_quote_is_printed_with_its_speaker(lang: str, kits: dict[str, Kit],
                                                      pdfs: dict[str, Path]) -> None:
    from pressctl.kit import quoted_text

    kit = kits[lang]
    text = squeeze(pdftotext(pdfs[lang]))
    quotes = [b for b in kit.release.blocks if b.kind is BlockKind.QUOTE]
    assert quotes
    for block in quotes:
        dash = "——" if kit.cjk else "—"
        assert squeeze(f"“{quoted_text(block)}”{dash}{block.speaker}") in text
        assert squeeze(block.text) in text  # and the whole paragraph in the body


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_font_is_embedded_and_subset(lang: str, kits: dict[str, Kit],
                                           pdfs: dict[str, Path]) -> None:
    rows = pdffonts(pdfs[lang])
    assert rows
    for row in rows:
        assert row["emb"] == "yes" and row["sub"] == "yes", row
        assert "Type 1" not in row["type"], row  # the standard 14 are never embedded
    reader = pypdf.PdfReader(pdfs[lang])
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font.get_object()["/BaseFont"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_is_set_in_the_configured_family(lang: str, kits: dict[str, Kit],
                                              pdfs: dict[str, Path]) -> None:
    """Chinese runs use the CJK font (and Latin runs the same family, so they match)."""
    expected = postscript_name(lang, kits[lang])
    used: dict[str, set[str]] = {}

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if text.strip() and font is not None:
            name = str(font.get("/BaseFont", ""))  # type: ignore[attr-defined]
            used.setdefault(name, set()).update(text)

    for page in pypdf.PdfReader(pdfs[lang]).pages:
        page.extract_text(visitor_text=visit)
    assert used
    for name in used:
        assert expected.split("-")[0] in name, (name, expected)
    if lang == "zh":
        cjk_fonts = {name for name, chars in used.items() if any(is_cjk(c) for c in chars)}
        assert cjk_fonts and all(expected.split("-")[0] in name for name in cjk_fonts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_metadata(lang: str, kits: dict[str, Kit], pdfs: dict[str, Path]) -> None:
    kit = kits[lang]
    reader = pypdf.PdfReader(pdfs[lang])
    info = reader.metadata
    assert info.title == kit.release.title
    assert info.author == kit.release.organisation
    assert info.subject == kit.t("Press release")
    assert info["/Keywords"] == ", ".join(kit.release.keywords)
    assert info["/CreationDate"].startswith(f"D:{kit.release.date:%Y%m%d}")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == kit.tag
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def flat_outline(outline: list) -> list:
    """pypdf's outline, nested as the headings are (a child list after its parent), in
    reading order: every bookmark, depth first."""
    flat: list = []
    for item in outline:
        flat.extend(flat_outline(item) if isinstance(item, list) else [item])
    return flat


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bookmarks_lead_to_their_sections(lang: str, kits: dict[str, Kit],
                                          pdfs: dict[str, Path]) -> None:
    kit = kits[lang]
    reader = pypdf.PdfReader(pdfs[lang])
    outline = [(item.title, reader.get_destination_page_number(item))
               for item in flat_outline(reader.outline)]
    titles = [title for title, _ in outline]
    headings = [b.text for b in kit.release.blocks if b.kind is BlockKind.HEADING]
    assert titles == [kit.release.title, *headings, kit.t("Key figures")]
    pages = [page for _, page in outline]
    assert pages == sorted(pages) and pages[-1] > 0
    for title, page in outline:  # each bookmark's page shows its heading
        assert squeeze(title) in squeeze(reader.pages[page].extract_text())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_renders_are_byte_identical(lang: str, kits: dict[str, Kit],
                                        pdfs: dict[str, Path], tmp_path: Path) -> None:
    again = render_to(kits[lang], tmp_path / "again.pdf")
    assert again.read_bytes() == pdfs[lang].read_bytes()


def test_another_process_renders_the_same_bytes(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """No hash seed, object address or clock leaks into the file."""
    script = ("import sys; from pathlib import Path; from pressctl.core.config import load; "
              "from pressctl.source.read import read; from pressctl.kit.make import make_kit; "
              "from pressctl.render import renderer; render = renderer('pdf').render; "
              "from tests.conftest import ROOT, SEED; "
              "render(make_kit(load(ROOT), read(SEED), 'zh'), Path(sys.argv[1]))")
    root = Path(__file__).parent.parent
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "other.pdf")], cwd=root,
                   env={**os.environ, "PYTHONHASHSEED": "12345"}, check=True, timeout=120)
    assert (tmp_path / "other.pdf").read_bytes() == pdfs["zh"].read_bytes()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markup_and_control_characters(lang: str, kits: dict[str, Kit], tmp_path: Path) -> None:
    kit = kits[lang]
    tricky = "R&D <b>not bold</b> &amp; 1 < 2 > 0 \"AT&T\"\x07 ]]> &#169;"
    shown = "R&D <b>not bold</b> &amp; 1 < 2 > 0 \"AT&T\" ]]> &#169;"
    body = (f"中文{tricky}继续。" if kit.cjk else f"Before {tricky} after.")
    release = kit.release.replace(
        title=f"{kit.release.title} <&>",
        blocks=(Block(BlockKind.PARAGRAPH, "Lead."), Block(BlockKind.PARAGRAPH, body),
                *kit.release.blocks))
    path = render_to(replace(kit, release=release), tmp_path / "tricky.pdf")
    text = pdftotext(path)
    if kit.cjk:
        assert squeeze(shown) in squeeze(text)
    else:
        assert normalise(shown) in normalise(text)
    assert "\x07" not in text
    assert pypdf.PdfReader(path).metadata.title == f"{kit.release.title} <&>"


def test_draft_is_marked_on_every_page_and_stays_out_of_the_text(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    kit = kits["en"]
    path = render_to(replace(kit, draft=True), tmp_path / "draft.pdf")
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        text = page.extract_text()
        assert "Draft – not for publication" in text
        assert "DRAFT" not in text  # the watermark is outlines, not text
    body = normalise(pdftotext(path))
    assert normalise(kit.release.blocks[0].text) in body


def test_letter_size_and_margins(kits: dict[str, Kit], tmp_path: Path) -> None:
    kit = replace(kits["en"], page_size="Letter", margins_mm=(25.0, 30.0, 25.0, 30.0))
    path = render_to(kit, tmp_path / "letter.pdf")
    reader = pypdf.PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    layout = pdftotext(path, "-bbox")
    lefts = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', layout)]
    assert min(lefts) >= 30 * 72 / 25.4 - 1  # nothing in the left margin


def test_truetype_font_is_used_as_it_is(kits: dict[str, Kit], tmp_path: Path) -> None:
    """A TrueType CJK font (WenQuanYi Zen Hei) is embedded without conversion."""
    from pressctl.core.errors import MissingDependency

    try:
        kit = replace(kits["zh"], fonts=resolve("zh", {"regular": "WenQuanYi Zen Hei"}))
    except MissingDependency:
        pytest.skip("WenQuanYi Zen Hei not installed")
    path = render_to(kit, tmp_path / "wqy.pdf")
    rows = pdffonts(path)
    assert rows and all(row["type"] == "TrueType" for row in rows)
    # reportlab suffixes the face index of a collection: WenQuanYiZenHei-0
    assert all(row["name"].split("+")[-1].startswith(postscript_name("zh", kit)) for row in rows)
    assert squeeze(kit.release.title) in squeeze(pdftotext(path))


def test_font_conversion_is_cached_and_deterministic(
        kits: dict[str, Kit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold cache (conversion) and a warm one (cached font) give the same bytes."""
    from pressctl.render.pdf import fonts as pdf_fonts

    kit = kits["zh"]
    if not pdf_fonts.is_cff(kit.faces.regular):
        pytest.skip("the CJK font found is not CFF-flavoured")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    title = f"{kit.release.title}（缓存测试{os.getpid()}）"  # a character set of its own
    kit = replace(kit, release=kit.release.replace(title=title))
    cold = render_to(kit, tmp_path / "cold.pdf").read_bytes()
    cached = sorted((tmp_path / "cache" / "pressctl" / "fonts").iterdir())
    assert cached and all(p.suffix == ".ttf" for p in cached)
    warm = render_to(kit, tmp_path / "warm.pdf").read_bytes()
    assert cold == warm


def test_concurrent_conversions_share_the_cache(kits: dict[str, Kit], tmp_path: Path) -> None:
    """Two builds converting the same font at once both succeed; the cache holds one font."""
    from pressctl.render.pdf import fonts as pdf_fonts

    font = kits["zh"].faces.regular
    if not pdf_fonts.is_cff(font):
        pytest.skip("the CJK font found is not CFF-flavoured")
    script = ("import sys, hashlib; from pathlib import Path; "
              "from pressctl.core.fonts import FontFile; "
              "from pressctl.render.pdf import fonts as pdf_fonts; "
              f"f = FontFile(Path({str(font.path)!r}), {font.index}, 'x'); "
              "print(hashlib.sha256(pdf_fonts.converted(f, '并发测试ABC')[1]).hexdigest())")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env,
                              cwd=Path(__file__).parent.parent, text=True) for _ in range(2)]
    digests = {proc.communicate(timeout=120)[0].strip() for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert len(digests) == 1
    files = list((tmp_path / "pressctl" / "fonts").iterdir())
    assert len(files) == 1 and not files[0].name.startswith(".")


def test_english_kit_sets_latin_quotes_proportionally(kits: dict[str, Kit]) -> None:
    """The CJK font's full-width “ ” would gape in English text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pressctl.render.pdf.edition import document_text
    from pressctl.render.pdf.fonts import register

    kit = kits["en"]
    files = kit.faces
    fonts = register(files, document_text(kit), latin=True)
    assert stringWidth("“", fonts.regular, 10) < 7
    zh = register(files, document_text(kits["zh"]), latin=False)
    if zh.converted:
        assert stringWidth("“", zh.regular, 10) == pytest.approx(10)


def _page_image(path: Path, out: Path) -> Path:
    need("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", "-png",
                    "-singlefile", str(path), str(out)], check=True)
    return out.with_suffix(".png")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_one_matches_the_reference(lang: str, kits: dict[str, Kit], pdfs: dict[str, Path],
                                        tmp_path: Path) -> None:
    """Layout changes must be deliberate: the test only compares, it never writes the
    reference; ``python -m tests.update_references`` redraws them (see README, Tests)."""
    np = pytest.importorskip("numpy")
    from PIL import Image

    if postscript_name(lang, kits[lang]) != "NotoSansCJKsc-Regular":
        pytest.skip("references are drawn with Noto Sans CJK SC")
    reference = REFERENCES / f"pdf-page1.{lang}.png"
    if not reference.is_file():
        pytest.fail(f"reference image {reference} is missing: run "
                    "'.venv/bin/python -m tests.update_references', look at it, commit it")
    image = _page_image(pdfs[lang], tmp_path / f"page1-{lang}")
    got = np.asarray(Image.open(image).convert("L"), dtype=float)
    want = np.asarray(Image.open(reference).convert("L"), dtype=float)
    assert got.shape == want.shape
    difference = np.abs(got - want)
    assert difference.mean() < 1.5, f"mean difference {difference.mean():.2f}"
    assert (difference > 64).mean() < 0.004, f"{(difference > 64).mean():.4%} pixels changed"


@pytest.fixture(scope="module")
def chinese_font(kits: dict[str, Kit]) -> str:
    from pressctl.render.pdf.edition import document_text
    from pressctl.render.pdf.fonts import register

    kit = kits["zh"]
    return register(kit.faces, document_text(kit)).regular


def _line_text(line: object) -> str:
    return "".join(unit.text for unit in line.units)  # type: ignore[attr-defined]


def test_chinese_line_breaking_rules(kits: dict[str, Kit], chinese_font: str) -> None:
    """Kinsoku, unbroken Latin words and figures, no lone last character — at any width."""
    from pressctl.render.pdf.linebreak import HANG, MAX_GAP, Run, layout

    texts = [b.text for b in kits["zh"].release.blocks] + [
        "我们的合作伙伴包括HUAWEI HiCar、HarmonyOS NEXT和MyBMW App等，共计约460家。",
        "这是一个测试句子，它的最后一个字是孤。"]
    size = 10.5
    checked = 0
    gaps: list[float] = []
    for text in texts:
        for width in range(120, 480, 9):
            lines = layout([Run(text, chinese_font)], size, width, justify=True)
            shown = [_line_text(line) for line in lines]
            assert squeeze("".join(shown)) == squeeze(text)
            for before, after in zip(shown, shown[1:], strict=False):
                assert after[0] not in MAY_NOT_START, (before, after)
                assert before[-1] not in MAY_NOT_END, (before, after)
                tail = re.search(r"[A-Za-z0-9.%]+$", before)
                head = re.match(r"[A-Za-z0-9]+", after)
                if tail and head:  # Latin on both sides: only at a space
                    assert f"{tail.group()} {head.group()}" in text, (before, after)
                assert not (before[-1].isdigit() and is_cjk(after[0])), (before, after)
            if len(shown) > 1:
                core = [c for c in shown[-1] if c.isalnum()]
                assert len(core) > 1, shown[-1]
            for line in lines[:-1]:  # justified: the ink reaches the right margin
                if line.gap:
                    assert line.set_width == pytest.approx(width, abs=0.01)
                    assert line.gap <= size * MAX_GAP
                if width >= 300:
                    gaps.append(line.gap / size)
                assert line.width <= width + 1e-6 or line.units[-1].text in HANG
            checked += len(lines)
    assert checked > 1000
    # at a body measure gaps stay invisible (and copied text gets no spaces); only a
    # line before a long Latin word that cannot be split opens up a little
    assert sum(gap < 0.1 for gap in gaps) / len(gaps) > 0.95


def _reportlab_line(line: object) -> str:
    if isinstance(line, tuple):  # one-font paragraphs: (extra space, [text])
        return "".join(line[1])
    return "".join(f.text for f in line.words)  # type: ignore[attr-defined]


def test_a_chinese_headline_is_balanced(chinese_font: str) -> None:
    """A title set to the full measure left "动船" alone under a full line in the bilingual
    column; a headline's lines are now as even as the measure allows, never more of them."""
    from pressctl.render.pdf.linebreak import Run, balanced, layout

    title = [Run("宝马将在中国深度融入鸿蒙生态", chinese_font)]
    stubs = 0
    for chars in range(8, 14):
        width = chars * 20 + 1
        full = [_line_text(line) for line in layout(title, 20, width, False)]
        even = [_line_text(line) for line in balanced(title, 20, width)]
        assert "".join(even) == "".join(full) and len(even) == len(full)
        assert max(map(len, even)) - min(map(len, even)) <= 1, even
        stubs += min(map(len, full)) <= 3
    assert stubs  # the full measure left a stub at some widths


def test_reportlab_alone_would_break_these_rules(chinese_font: str) -> None:
    """Why pdf_text exists: reportlab's CJK wrap starts lines with ，and splits words."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from pressctl.render.pdf.linebreak import Run, layout

    text = ("宝马将在中国深度融入鸿蒙生态，推出包括HarmonyOS NEXT在内的数字化服务，"
            "宝马正与华为合作。")
    style = ParagraphStyle("t", fontName=chinese_font, fontSize=10, leading=16, wordWrap="CJK")
    bad = 0
    for width in range(60, 300, 5):
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 1000)
        lines = [_reportlab_line(line) for line in paragraph.blPara.lines]
        bad += sum(1 for line in lines[1:] if line and line[0] in MAY_NOT_START)
        bad += sum(1 for a, b in zip(lines, lines[1:], strict=False)
                   if a[-1:].isalpha() and a[-1:].isascii() and b[:1].isascii() and b[:1].isalpha())
        ours = [_line_text(line) for line in layout([Run(text, chinese_font)], 10, width, True)]
        assert not any(line[0] in MAY_NOT_START for line in ours[1:])
    assert bad > 0


def first_lines(path: Path, texts: list[str]) -> list[tuple[int, float, float]]:
    """(page, x, baseline y) of the first text drawn with the start of each of ``texts``."""
    chunks: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(pypdf.PdfReader(path).pages):
        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object,
                  number: int = number) -> None:
            if squeeze(text):
                chunks.append((number, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5],
                               squeeze(text)))

        page.extract_text(visitor_text=visit)
    found = []
    for wanted in texts:
        start = squeeze(wanted)[:8]
        for index, (number, x, y, _) in enumerate(chunks):
            if "".join(c[3] for c in chunks[index:index + 8]).startswith(start):
                found.append((number, x, y))
                break
        else:
            raise AssertionError(f"not drawn: {wanted}")
    return found


@pytest.fixture(scope="module")
def bilingual(kits: dict[str, Kit], tmp_path_factory: pytest.TempPathFactory) -> Path:
    render_bilingual = renderer("pdf").render_bilingual

    path = tmp_path_factory.mktemp("bilingual") / "kit.bilingual.pdf"
    render_bilingual(kits["en"], kits["zh"], path)
    return path


def test_bilingual_holds_both_languages_row_by_row(kits: dict[str, Kit],
                                                   bilingual: Path) -> None:
    en, zh = kits["en"], kits["zh"]
    letterhead = pdftotext(bilingual, "-l", "1")
    left = normalise(body_text(bilingual, en, column=0) + letterhead)
    right = squeeze(body_text(bilingual, en, column=1) + letterhead)
    for segment in segments(en.release):
        assert normalise(segment.text) in left, segment.text
    for segment in segments(zh.release):
        assert squeeze(segment.text) in right, segment.text
    for _label, value, _period in FACTS["zh"]:
        assert squeeze(value) in right
    # side by side: each paragraph starts level with its translation, left and right
    for (page, x_en, y_en), (page_zh, x_zh, y_zh) in zip(
            first_lines(bilingual, [b.text for b in en.release.blocks]),
            first_lines(bilingual, [b.text for b in zh.release.blocks]), strict=True):
        assert page == page_zh and abs(y_en - y_zh) < 6 and x_en < x_zh


def test_bilingual_fonts_metadata_and_bookmarks(kits: dict[str, Kit], bilingual: Path,
                                               tmp_path: Path) -> None:
    render_bilingual = renderer("pdf").render_bilingual

    for row in pdffonts(bilingual):
        assert row["emb"] == "yes" and row["sub"] == "yes", row
    reader = pypdf.PdfReader(bilingual)
    en, zh = kits["en"], kits["zh"]
    assert reader.metadata.title == f"{en.release.title} / {zh.release.title}"
    assert reader.metadata.author == en.release.organisation
    titles = [item.title for item in flat_outline(reader.outline)]
    headings = [f"{a.text} / {b.text}" for a, b in zip(en.release.blocks, zh.release.blocks,
                                                       strict=True)
                if a.kind is BlockKind.HEADING]
    assert titles == [f"{en.release.title} / {zh.release.title}", *headings,
                      f"{en.t('Key figures')} / {zh.t('Key figures')}"]
    text = squeeze(pdftotext(bilingual))
    pages = len(reader.pages)
    assert squeeze(f"{en.page_label(pages, pages)}·{zh.page_label(pages, pages)}") in text
    render_bilingual(en, zh, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == bilingual.read_bytes()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(lang: str, kits: dict[str, Kit],
                                                        tmp_path: Path) -> None:
    kit = kits[lang]
    sentences = [s.text for s in segments(kit.release) if s.role == "body"]
    headings = [b.text for b in kit.release.blocks if b.kind is BlockKind.HEADING]
    alone = 0
    for shift in range(6):  # headings fall at every height of the page somewhere
        blocks: list[Block] = []
        for n in range(16):
            blocks.append(Block(BlockKind.HEADING, f"{shift}.{n} {headings[n % len(headings)]}"))
            words = " ".join(sentences[(n + i) % len(sentences)]
                             for i in range(1 + (n * 7 + shift) % 4))
            blocks.append(Block(BlockKind.PARAGRAPH, f"{shift}.{n}: {words}"))
        long = replace(kit, release=kit.release.replace(blocks=tuple(blocks)))
        path = render_to(long, tmp_path / f"long{shift}.pdf")
        positions = first_lines(path, [b.text for b in blocks])
        for index in range(0, len(blocks), 2):  # heading, then its paragraph
            assert positions[index][0] == positions[index + 1][0], blocks[index].text
            alone += positions[index][2] < 200  # a heading near the foot of its page
    assert alone  # the case was there to get wrong


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dateline_boilerplate_and_media_contact(lang: str, kits: dict[str, Kit],
                                                tmp_path: Path) -> None:
    kit = kits[lang]
    cjk = kit.cjk
    release = kit.release.replace(
        dateline="北京" if cjk else "Beijing",
        boilerplate=("宝马集团是全球领先的高档汽车制造商。" if cjk else
                     "The BMW Group is a leading premium car maker.",),
        contact=("媒体联络：张三" if cjk else "Press office: Jane Doe",
                 "+86 10 1234 5678", "press@example.com"))
    path = render_to(replace(kit, release=release), tmp_path / "annexes.pdf")
    text = squeeze(pdftotext(path))
    about = kit.t("About {organisation}", organisation=release.organisation)
    separator = "，" if cjk else ","
    assert squeeze(f"{release.dateline}{separator}{DATES[lang]}") in text
    for piece in (about, *release.boilerplate, kit.t("Media contact"), *release.contact):
        assert squeeze(piece) in text
    assert text.index(squeeze(kit.end_mark)) < text.index(squeeze(about))
    titles = [item.title for item in flat_outline(pypdf.PdfReader(path).outline)]
    assert titles[-2:] == [about, kit.t("Media contact")]


def body_lines(path: Path, kit: Kit) -> list[list[tuple[float, str]]]:
    """Per page, (baseline y, text) of what is drawn inside the frame: no letterhead,
    running header or footer."""
    from reportlab.lib.pagesizes import A4, LETTER

    from pressctl.render.pdf.style import BAND_HEIGHT

    height = {"A4": A4, "Letter": LETTER}[kit.page_size][1]
    top, _right, bottom, _left = (v * 72 / 25.4 for v in kit.margins_mm)
    pages: list[list[tuple[float, str]]] = []
    for number, page in enumerate(pypdf.PdfReader(path).pages):
        ceiling = height - (max(top, BAND_HEIGHT) if number == 0 else top)
        chunks: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object,
                  chunks: list[tuple[float, str]] = chunks, ceiling: float = ceiling) -> None:
            y = tm[5] * cm[3] + cm[5]
            if squeeze(text) and bottom < y < ceiling:
                chunks.append((y, squeeze(text)))

        page.extract_text(visitor_text=visit)
        pages.append(chunks)
    return pages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_heading_goes_overleaf_only_when_its_first_lines_would_not_fit(
        lang: str, kits: dict[str, Kit], tmp_path: Path) -> None:
    """A heading keeps company with the first two lines of its paragraph, not all of it:
    with reportlab's keepWithNext alone it went overleaf with a long paragraph and left
    the foot of the page empty."""
    from pressctl.render.pdf.style import CHINESE, LATIN

    kit = kits[lang]
    m = CHINESE if kit.cjk else LATIN
    heading_leading = 12.5 * (1.5 if kit.cjk else 1.3)
    # heading (space before, line, space after), two lines of its paragraph, the space
    # after the paragraph above, and the part of that paragraph's last line below its
    # baseline
    needed = 10 + heading_leading + 5 + 2 * m.body_leading + 0.55 * m.body_leading
    below_baseline = m.body_leading - m.body * 0.6
    sentences = [s.text for s in segments(kit.release) if s.role == "body"]
    headings = [b.text for b in kit.release.blocks if b.kind is BlockKind.HEADING]
    moved = split = 0
    bottom = kit.margins_mm[2] * 72 / 25.4
    for shift in range(4):
        blocks: list[Block] = []
        for n in range(10):
            blocks.append(Block(BlockKind.HEADING, f"{shift}.{n} {headings[n % len(headings)]}"))
            words = " ".join(sentences[(n + i) % len(sentences)]
                             for i in range(3 + (n * 5 + shift) % 5))  # long paragraphs
            blocks.append(Block(BlockKind.PARAGRAPH, f"{shift}.{n}: {words}"))
        long = replace(kit, release=kit.release.replace(blocks=tuple(blocks)))
        path = render_to(long, tmp_path / f"long{shift}.pdf")
        pages = body_lines(path, long)
        starts = first_lines(path, [b.text for b in blocks])
        for index in range(0, len(blocks), 2):
            page, _x, y = starts[index]
            next_page = starts[index + 2][0] if index + 2 < len(blocks) else len(pages) - 1
            split += next_page > page and starts[index + 1][0] == page
            if page and y >= max(line_y for line_y, _ in pages[page]) - 0.5:  # heads a page
                moved += 1
                free = min(line_y for line_y, _ in pages[page - 1]) - below_baseline - bottom
                assert free < needed, (blocks[index].text, free, needed)
    assert moved and split  # both cases were there to get right


def test_a_three_line_chinese_paragraph_never_leaves_one_line_overleaf(
        kits: dict[str, Kit], chinese_font: str) -> None:
    from reportlab.lib.styles import ParagraphStyle

    from pressctl.render.pdf.linebreak import Run
    from pressctl.render.pdf.text import CJKParagraph

    style = ParagraphStyle("t", fontName=chinese_font, fontSize=10.5, leading=18)
    text = kits["zh"].release.blocks[1].text
    for lines in range(3, 7):
        paragraph = CJKParagraph([Run(text, chinese_font)], style)
        width = 10.5 * (len(text) // lines + 2)
        total = len(paragraph._layout(width))
        for fit in range(1, total):
            parts = paragraph.split(width, fit * 18 + 1)
            sizes = [len(part._layout(width)) for part in parts]
            # never one line alone at the foot of a page or at the head of the next
            assert not parts or min(sizes) >= 2, (total, fit, sizes)
            assert sum(sizes) in (0, total)


@pytest.mark.parametrize("which", ["en", "zh", "bilingual"])
def test_every_page_carries_its_own_footer(which: str, kits: dict[str, Kit],
                                           pdfs: dict[str, Path], bilingual: Path) -> None:
    path = bilingual if which == "bilingual" else pdfs[which]
    sides = [kits["en"], kits["zh"]] if which == "bilingual" else [kits[which]]
    pages = len(pypdf.PdfReader(path).pages)
    for page in range(1, pages + 1):
        text = squeeze(pdftotext(path, "-f", str(page), "-l", str(page)))
        for kit in sides:
            assert squeeze(kit.page_label(page, pages)) in text, (page, kit.lang)
        others = [p for p in range(1, pages + 1) if p != page]
        assert not any(squeeze(kit.page_label(p, pages)) in text for kit in sides
                       for p in others)


def test_bilingual_rows_start_on_one_baseline_and_keep_speakers_with_quotes(
        kits: dict[str, Kit], tmp_path: Path) -> None:
    """Row by row the two first lines are level (reportlab sets a Latin line at the top
    of its leading, a Chinese one in its middle), and a quotation's speaker line never
    opens a page without the end of the quotation, at whatever height a page breaks."""
    render_bilingual = renderer("pdf").render_bilingual

    en, zh = kits["en"], kits["zh"]
    quote = next(i for i, b in enumerate(en.release.blocks) if b.kind is BlockKind.QUOTE)
    opened = 0
    for filler in range(0, 24):
        # push the quotation down the page in small steps: copies of the lead, headings
        def padded(kit: Kit, filler: int = filler) -> Kit:
            blocks = kit.release.blocks
            heading = next(b for b in blocks if b.kind is BlockKind.HEADING)
            extra = tuple(replace(blocks[0], text=f"{n}. {blocks[0].text}")
                          for n in range(filler // 3))
            extra += tuple(replace(heading, text=f"{n}. {heading.text}")
                           for n in range(filler % 3))
            return replace(kit, release=kit.release.replace(
                blocks=(*extra, *blocks[:quote + 1])))
        left, right = padded(en), padded(zh)
        path = tmp_path / f"b{filler}.pdf"
        render_bilingual(left, right, path)
        for (page, _x, y), (page_zh, _x_zh, y_zh) in zip(
                first_lines(path, [b.text for b in left.release.blocks]),
                first_lines(path, [b.text for b in right.release.blocks]), strict=True):
            assert page == page_zh and abs(y - y_zh) < 0.5
        pages = body_lines(path, left)
        for number, lines in enumerate(pages):
            if number and lines:
                top = max(y for y, _ in lines)
                firsts = [text for y, text in lines if y >= top - 0.5]
                # the speaker line starts with a dash: "— Gao Xiang", "——高翔"
                assert not any(text.startswith("—") for text in firsts), (filler, firsts)
        opened += len(pages) > 1
    assert opened


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_labels_sit_on_one_line(lang: str, kits: dict[str, Kit],
                                                      pdfs: dict[str, Path]) -> None:
    """A wrapped label left "revenue" or "(plan)" alone on a line: the label column
    fits the longest label (within bounds), the same for every chart."""
    from pressctl.render.charts import groups

    kit = kits[lang]
    lines = [squeeze(line) for line in pdftotext(pdfs[lang], "-raw").splitlines()]
    charted = [row for rows in groups(kit.facts) for row in rows]
    assert charted
    for row in charted:
        # once in the fact table, once beside its bar: each time whole on one line
        assert sum(squeeze(row.label) in line for line in lines) >= 2, row.label


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_kit_is_laid_out_once_and_numbers_every_page_of_the_total(
        lang: str, kits: dict[str, Kit], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Page X of Y" is filled in at save time: one layout pass, yet every footer has
    the final total — two digits here — and the right-aligned label ends at the same
    x on every page, so it was measured with the real total, not a guess."""
    from pressctl.render.pdf import page as pdf_page

    builds: list[int] = []
    original = pdf_page.KitDocTemplate.build

    def counting(self: object, *args: object, **kwargs: object) -> None:
        builds.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pdf_page.KitDocTemplate, "build", counting)
    kit = kits[lang]
    body = [b for b in kit.release.blocks if b.kind is BlockKind.PARAGRAPH]
    blocks = tuple(Block(BlockKind.PARAGRAPH, f"{n}. {body[n % len(body)].text}")
                   for n in range(140))
    path = render_to(replace(kit, release=kit.release.replace(blocks=blocks)),
                     tmp_path / "long.pdf")
    assert builds == [1]
    pages = len(pypdf.PdfReader(path).pages)
    assert pages >= 10
    right_edges = set()
    for page in range(1, pages + 1):
        text = squeeze(pdftotext(path, "-f", str(page), "-l", str(page)))
        label = squeeze(kit.page_label(page, pages))
        assert label in text, page
        assert squeeze(kit.page_label(page, pages - 1)) not in text
        words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<',
                           pdftotext(path, "-bbox", "-f", str(page), "-l", str(page)))
        # the last word of the footer: "{pages}" in English, "页" after it in Chinese
        footer_end = [x for x, word in words if word.endswith(kit.page_label(page, pages)[-1])]
        right_edges.add(round(float(footer_end[-1]), 1))
    assert len(right_edges) == 1, right_edges
