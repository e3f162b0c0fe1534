"""pressctl's list bullet falls back to a glyph the kit's font has.

WenQuanYi Zen Hei — the fallback CJK font README names — has no U+2022 "•",
so before the fallback the glyph gate refused every Chinese kit with a
bulleted list when it was the font, with no file or line (the bullet is
pressctl's, not the user's).  These tests build the press-office project
(tests/data/press-office: a bulleted list with a nested level, then a numbered
list) with WenQuanYi and with the default Noto Sans CJK.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import page
import pikepdf
import pytest

from pressctl.core.fonts import resolve
from pressctl.kit import glyphs
from tests.conftest import ROOT
from tests.tagged_pdf import elements, problems
from tests.test_cli import run

PRESS_OFFICE = ROOT / "tests" / "data" / "press-office"
SLUG = "nordwind-leipzig-recycling"
WQY = '\n[tool.pressctl.fonts.zh]\nregular = "WenQuanYi Zen Hei"\nbold = "WenQuanYi Zen Hei"\n'
# by hand from the seed: three bullets (two nested under the second), then 1. 2. 3.
ZH_WQY_LABELS = ["・", "・", "–", "–", "・", "1.", "2.", "3."]
NOTO_LABELS = ["•", "•", "–", "–", "•", "1.", "2.", "3."]


def _wqy_installed() -> bool:
    try:
        fonts = resolve("zh", {"regular": "WenQuanYi Zen Hei", "bold": "WenQuanYi Zen Hei"})
    except Exception:  # noqa: BLE001 - any failure to find it means: not installed
        return False
    return "wqy" in fonts.regular.path.name.lower()


needs_wqy = pytest.mark.skipif(not _wqy_installed(),
                               reason="WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")


def _project(folder: Path, fonts: str = "") -> Path:
    project = folder / "project"
    shutil.copytree(PRESS_OFFICE, project)
    if fonts:
        with (project / "pyproject.toml").open("a", encoding="utf-8") as handle:
            handle.write(fonts)
    return project


@pytest.fixture(scope="module")
def wqy_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _wqy_installed():
        pytest.skip("WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    project = _project(tmp_path_factory.mktemp("wqy"), WQY)
    done = run("build", cwd=project)
    assert done.returncode == 0, done.stderr
    return project / "dist" / SLUG


def _labels(pdf: Path) -> list[str]:
    return [e.text for e in elements(pdf) if e.role == "Lbl"]


def _lvl_texts(docx: Path) -> list[str]:
    """The bullet level texts of our numbering definitions (ids from 90, docx_list)."""
    import re

    xml = zipfile.ZipFile(docx).read("word/numbering.xml").decode()
    ours = re.findall(r'w:abstractNumId="9\d+".*?</w:abstractNum>', xml, flags=re.S)
    return [text for definition in ours
            for fmt, text in re.findall(r'w:numFmt w:val="(\w+)"/><w:lvlText w:val="([^"]*)"',
                                        definition) if fmt == "bullet"]


def test_the_fallback_order() -> None:
    has = glyphs.Coverage.of
    assert glyphs.drawable("•", [has({0x2022, 0x30FB})]) == "•"
    assert glyphs.drawable("•", [has({0x30FB, 0xB7, 0x2D})]) == "・"
    assert glyphs.drawable("•", [has({0xB7, 0x2D})]) == "·"
    assert glyphs.drawable("•", [has({0x2D})]) == "-"
    # every face must have it: the regular has ・, the bold only ·
    assert glyphs.drawable("•", [has({0x30FB, 0xB7}), has({0xB7})]) == "·"
    assert glyphs.drawable("–", [has({0x2D})]) == "-"
    assert glyphs.drawable("–", [has({0x2013, 0x2D})]) == "–"


@needs_wqy
def test_wenquanyi_lacks_the_bullet() -> None:
    """The premise: without it this file tests nothing."""
    fonts = resolve("zh", {"regular": "WenQuanYi Zen Hei", "bold": "WenQuanYi Zen Hei"})
    assert 0x2022 not in glyphs.coverage(fonts.regular)
    assert glyphs.kit_bullets(fonts) == ("・", "–")


@needs_wqy
def test_the_zh_kit_builds_with_the_fallback_bullet(wqy_build: Path) -> None:
    assert _labels(wqy_build / f"{SLUG}.zh.pdf") == ZH_WQY_LABELS
    # the bilingual edition: the English column keeps •, the Chinese column has ・
    assert _labels(wqy_build / f"{SLUG}.bilingual.pdf") == [
        "•", "•", "–", "–", "•", "・", "・", "–", "–", "・", "1.", "2.", "3.", "1.", "2.", "3."]
    # the DOCX marks the same glyph: a definition (two levels) for the list and one for
    # its nested list
    assert _lvl_texts(wqy_build / f"{SLUG}.zh.docx") == ["・", "–"] * 2
    assert _lvl_texts(wqy_build / f"{SLUG}.en.docx") == ["•", "–"] * 2


@needs_wqy
@pytest.mark.parametrize("edition", ["zh", "bilingual"])
def test_the_wenquanyi_pdf_embeds_every_font_and_validates(wqy_build: Path,
                                                             edition: str) -> None:
    pdf = wqy_build / f"{SLUG}.{edition}.pdf"
    with pikepdf.open(pdf) as document:
        fonts = [font for p in document.pages
                 for font in (p.Resources.get("/Font") or {}).values()]
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        if edition == "zh":
            assert any("WenQuanYi" in str(f.BaseFont) for f in fonts)
    assert problems(pdf) == []
    for profile in ("ua1", "2u"):
        report = page.validate_pdf(str(pdf), profile=profile)
        assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


def test_with_noto_the_bullet_stays(tmp_path: Path) -> None:
    project = _project(tmp_path)
    done = run("build", "--lang", "zh", cwd=project)
    assert done.returncode == 0, done.stderr
    assert _labels(project / "dist" / SLUG / f"{SLUG}.zh.pdf") == NOTO_LABELS
    assert _lvl_texts(project / "dist" / SLUG / f"{SLUG}.zh.docx") == ["•", "–"] * 2


@needs_wqy
def test_a_refused_bullet_is_named_as_pressctls(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a fallback (as before), the refusal says the bullet is pressctl's own:
    it is in no file of the user's, so there is no file:line to give."""
    from pressctl.build.keys import read_release
    from pressctl.core.config import load
    from pressctl.kit.make import make_kit

    monkeypatch.setitem(glyphs.SYMBOLS, "•", ("pressctl's list bullet", ()))
    project = _project(tmp_path, WQY)
    config = load(project)
    release = read_release(next((project / "seeds").glob("*.md")), config)
    kits = {"zh": make_kit(config, release, "zh")}
    assert kits["zh"].bullets == ("•", "–")
    with pytest.raises(glyphs.PressctlError) as caught:
        glyphs.check(config, release, kits)
    assert str(caught.value.args[0]) == (
        "pressctl's list bullet: U+2022 BULLET '•' is not in WenQuanYi Zen Hei "
        "(wqy-zenhei.ttc), the font for zh: it would print as an empty box")
    assert caught.value.path is None
    assert caught.value.exit_code == 2

