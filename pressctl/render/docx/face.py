"""The font families and languages a DOCX run carries (``w:rFonts``, ``w:lang``).

Split from :mod:`pressctl.render.docx.styles` (the named styles): every run and
every style carries a :class:`Face`, and choosing it — the CJK face's Latin twin
whose curly quotes are proportional, the language Latin words inside Chinese are
tagged with — is a question of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from pressctl.core.fonts import FontFile
from pressctl.kit import Kit
from pressctl.render.docx.text import xml_escape

#: Language of Latin-script words inside CJK text.
LATIN_IN_CJK = "en-US"


@dataclass(frozen=True)
class Face:
    """What every style and run carries so the right font and rules apply."""

    family: str  # East Asian and complex-script text
    latin: str  # w:ascii and w:hAnsi
    lang: str  # w:lang/@w:val, Latin text
    east_asian_lang: str  # w:lang/@w:eastAsia, CJK text
    cjk: bool

    def fonts_xml(self) -> str:
        f, latin = xml_escape(self.family), xml_escape(self.latin)
        hint = ' w:hint="eastAsia"' if self.cjk else ""
        return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{f}" w:cs="{f}"'
                f"{hint}/>")

    def lang_xml(self) -> str:
        return (f'<w:lang w:val="{xml_escape(self.lang)}"'
                f' w:eastAsia="{xml_escape(self.east_asian_lang)}" w:bidi="ar-SA"/>')


def face_for(kit: Kit, font: FontFile) -> Face:
    """The fonts and languages of a kit's runs.

    ``w:lang/@w:val`` is the language of Latin-script text only.  In a Chinese
    kit that text is English (HarmonyOS, MyBMW App); tagging it zh-CN makes
    LibreOffice break Latin words anywhere ("HarmonyO|S"), so it is tagged
    en-US, as Word does for Chinese documents, and ``w:eastAsia`` carries the
    kit's language.  An English kit still names a CJK language for East Asian
    characters, so a stray Chinese name gets the CJK font and rules.
    """
    if kit.cjk:
        return Face(font.family, font.family, LATIN_IN_CJK, kit.tag, True)
    return Face(font.family, latin_family(font), kit.tag, kit.east_asian_tag, False)


def latin_family(font: FontFile) -> str:
    """A face of the same collection whose curly quotes are proportional.

    Noto Sans CJK SC (and TC) map ‘ ’ “ ” to full-width glyphs, right for
    Chinese but a gap in "BMW’ s" in English.  The JP and KR faces of the same
    .ttc share every Latin glyph and keep the quotes proportional, so English
    text set in them looks exactly like the SC face without the gaps.
    """
    from PIL import ImageFont

    def quotes_full_width(face: ImageFont.FreeTypeFont) -> bool:
        return face.getlength("\u201c") >= 0.9 * face.getlength("\u4e00")

    try:
        base = ImageFont.truetype(str(font.path), 100, index=font.index)
        if not quotes_full_width(base):
            return font.family
        for index in range(32):
            if index == font.index:
                continue
            try:
                face = ImageFont.truetype(str(font.path), 100, index=index)
            except OSError:
                break
            same_latin = face.getlength("Harmony 2025") == base.getlength("Harmony 2025")
            if same_latin and not quotes_full_width(face):
                return face.getname()[0] or font.family
    except OSError:
        pass
    return font.family
