"""Property: any paragraph of mixed Chinese and English comes out of the PDF and
the DOCX exactly as it went in (modulo white space), and rendering never crashes.

The alphabet is what a bilingual release really holds — ASCII letters, digits
and punctuation including the XML specials ``<>&"'``, the Chinese characters
and punctuation of the project's own catalog, and a spread of the CJK Unified
Ideographs block — limited to characters both fonts have (``pressctl.kit.glyphs``
refuses the others before rendering, as ``test_build`` shows).

Rendering goes through ``make_kit`` and the renderers directly rather than the
CLI, for speed; the English kit sets the paragraph with reportlab's Paragraph
(which parses markup), the Chinese kit with pressctl's own CJK line breaker.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressctl.core.charnames import is_unprintable
from pressctl.core.errors import MissingDependency
from pressctl.core.fonts import resolve
from pressctl.core.settings import Config
from pressctl.kit import glyphs
from pressctl.kit.make import make_kit
from pressctl.source.inline import escape
from pressctl.source.release import Block, BlockKind, Release
from tests.conftest import ROOT, need

pypdf = pytest.importorskip("pypdf")

ZH_CATALOG = ROOT / "locales" / "zh" / "LC_MESSAGES" / "bmw-huawei-harmonyos.po"
#: Every 41st ideograph of the CJK Unified Ideographs block: rare ones too.
IDEOGRAPH_STEP = 41


def _alphabet() -> tuple[str, str]:
    """(Latin, Chinese) characters every configured font can draw."""
    chinese = {c for entry in polib.pofile(str(ZH_CATALOG)) for c in entry.msgstr
               if ord(c) > 0x7F}
    chinese |= {chr(code) for code in range(0x4E00, 0x9FFF, IDEOGRAPH_STEP)}
    latin = {chr(code) for code in range(0x21, 0x7F)}
    coverages = [glyphs.coverage(face) for lang in ("en", "zh")
                 for face in (resolve(lang).regular, resolve(lang).bold)]

    def drawable(char: str) -> bool:
        return (not char.isspace() and not is_unprintable(char)
                and all(ord(char) in codes for codes in coverages))

    return ("".join(sorted(filter(drawable, latin))),
            "".join(sorted(filter(drawable, chinese))))


try:
    LATIN, CHINESE = _alphabet()
except MissingDependency as exc:  # no CJK font: the README's set-up command installs one
    pytest.skip(str(exc), allow_module_level=True)
#: Fragments of markup a paragraph may quote, which must stay text: random
#: characters alone rarely spell a tag or an entity.
MARKUP = ["<b>", "</b>", "<i>x</i>", "<br/>", "<font color='red'>", "&amp;", "&lt;", "&#169;",
          "&nbsp;", "&", "<![CDATA[", "]]>", "<!-- x -->", "<", ">", '"', "'"]
#: Words of English, runs of Chinese and markup, joined by spaces or not at all.
WORD = st.one_of(st.text(alphabet=LATIN, min_size=1, max_size=14),
                 st.text(alphabet=CHINESE, min_size=1, max_size=12),
                 st.sampled_from(MARKUP))
PARAGRAPH = st.lists(st.tuples(WORD, st.sampled_from(["", " "])), min_size=1,
                     max_size=24).map(lambda parts: "".join(w + s for w, s in parts).strip())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def release_with(paragraph: str) -> Release:
    """A one-page release around ``paragraph``.

    The whole alphabet rides along as a keyword — metadata, never drawn — so every
    example asks for the same font subset and the converted font comes from the
    cache instead of costing a second per example.
    """
    return Release(slug="property", path=ROOT / "seeds" / "property.md", lang="en",
                   title="Property", date=dt.date(2025, 3, 17), organisation="BMW China",
                   blocks=(Block(BlockKind.PARAGRAPH, "Lead.", 1),
                           # a block holds Markdown: the paragraph escaped prints as it is
                           Block(BlockKind.PARAGRAPH, escape(paragraph), 3)),
                   keywords=(LATIN + CHINESE,))


@pytest.mark.slow
@settings(deadline=None,  # examples: 40, or the --hypothesis-profile's (tests/conftest.py)
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(paragraph=PARAGRAPH.filter(bool), lang=st.sampled_from(["en", "zh"]))
def test_text_round_trips_through_pdf_and_docx(config: Config, paragraph: str,
                                                lang: str) -> None:
    need("pdftotext")
    from pressctl.render import renderer

    docx, pdf = renderer("docx"), renderer("pdf")

    release = release_with(paragraph)
    kit = make_kit(config, release, lang, draft=True)
    glyphs.check(config, release, {lang: kit})  # the alphabet is drawable: no error
    kit = replace(kit, fonts=resolve(lang))  # the default fonts, as the alphabet assumes
    with TemporaryDirectory() as tmp:
        pdf_path, docx_path = Path(tmp) / "kit.pdf", Path(tmp) / "kit.docx"
        pdf.render(kit, pdf_path)
        docx.render(kit, docx_path)
        expected = squeeze(paragraph)
        assert expected in squeeze(pdf_text(pdf_path))
        pages = pypdf.PdfReader(pdf_path).pages
        assert expected in squeeze("".join(page.extract_text() for page in pages))
        assert expected in squeeze(docx_text(docx_path))


def test_alphabet_mixes_both_scripts_and_the_xml_specials() -> None:
    assert set('<>&"\'') <= set(LATIN)
    assert "宝" in CHINESE and "，" in CHINESE and "“" in CHINESE
    assert len(CHINESE) > 500
