"""Text to flowables: the Writer makes each paragraph, tagged, for both PDF editions.

A paragraph is a reportlab ``Paragraph`` for Latin text and a
``CJKParagraph`` (``text.py``) for Chinese, each wrapped with its structure
element so the tagged PDF reads in order; :class:`SpacedParagraph` keeps the
space at each line break that reportlab drops, so text read from the
structure tree does not run words together.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    ActionFlowable,
    Flowable,
    KeepTogether,
    Paragraph,
)

from pressctl.core.script import has_cjk_letters
from pressctl.kit import Kit
from pressctl.render.pdf.fonts import PdfFonts
from pressctl.render.pdf.linebreak import BREAK, Run, clean, markup
from pressctl.render.pdf.style import CODE, HIGHLIGHT, TEXT, colour_of, role_of
from pressctl.render.pdf.tags import Element, Tagged
from pressctl.render.pdf.text import CJKParagraph
from pressctl.render.words import soft_hyphens
from pressctl.source.inline import has_markup, plain, spans


class SpacedParagraph(Paragraph):  # type: ignore[misc]
    """reportlab's Paragraph with the space kept at the end of each broken line.

    reportlab drops the space where it breaks a line, so text read from the
    structure tree (a screen reader, ``pdfinfo -struct-text``) runs the last
    word of a line into the first of the next ("Integratewith").  The space
    is drawn after the line's last word, where it paints nothing; a line that
    reportlab squeezes (negative slack) keeps its own spacing.
    """

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - reportlab's name
        para = self.blPara
        if getattr(para, "kind", 0) == 1:
            self._draw_fragments(debug)
            return
        lines = para.lines
        saved = list(lines)
        # the head of a split paragraph (reportlab marks it) breaks after its last line too
        last = len(lines) if getattr(self, "_splitpara", 0) else len(lines) - 1
        for number, (extra, words) in enumerate(saved[:last]):
            if not words:
                continue
            if extra < -1e-8:  # squeezed: keep the word spacing with one space more
                spaces = len(words) - 1 + " ".join(words).count("\xa0")
                if spaces <= 0:
                    continue
                extra = extra * (spaces + 1) / spaces
            lines[number] = (extra, [*words, ""])
        try:
            super().drawPara(debug)
        finally:
            lines[:] = saved

    def _draw_fragments(self, debug: int) -> None:
        """Lines of styled fragments (several fonts): the space goes after the last
        fragment's text of each left-aligned broken line."""
        lines = self.blPara.lines
        last = len(lines) if getattr(self, "_splitpara", 0) else len(lines) - 1
        changed = []
        if self.style.alignment != TA_JUSTIFY:
            for line in lines[:last]:
                fragments: list[Any] = getattr(line, "words", None) or []
                text = getattr(fragments[-1], "text", None) if fragments else None
                if isinstance(text, str) and text and not text.endswith(" "):
                    fragments[-1].text = text + " "
                    changed.append((fragments[-1], text))
        try:
            super().drawPara(debug)
        finally:
            for fragment, text in changed:
                fragment.text = text


class Writer:
    """Builds flowables: reportlab Paragraphs for Latin text, CJKParagraphs for Chinese,
    each with its structure element (:class:`Tagged`); ``lang`` gives every element
    a ``/Lang`` (the columns of the bilingual edition)."""

    def __init__(self, kit: Kit, fonts: PdfFonts, styles: dict[str, ParagraphStyle],
                 lang: str | None = None) -> None:
        self.kit, self.fonts, self.styles = kit, fonts, styles
        self.anchors = 0
        self.lang = lang
        self.heading_level = 0  # of the last heading made, in story order

    def element(self, role: str, **attrs: str) -> Element:
        """A new structure element, in this writer's language if it sets one."""
        if self.lang is not None:
            attrs.setdefault("Lang", self.lang)
        return Element(role, attrs)

    def tag(self, flowable: Flowable, role: str, **attrs: str) -> Tagged:
        """``flowable`` with a new element; a heading never skips a level (a ``###``
        straight after the title is tagged H2), as PDF/UA asks."""
        if re.fullmatch("H[1-6]", role):
            self.heading_level = min(int(role[1]), self.heading_level + 1)
            role = f"H{self.heading_level}"
        return Tagged(flowable, self.element(role, **attrs))

    def para(self, content: str | list[Run], style: str,
             outline: str | None = None, role: str | None = None, **attrs: str) -> Tagged:
        return self.tag(self._para(content, style, outline), role or role_of(style), **attrs)

    def _para(self, content: str | list[Run], style: str,
              outline: str | None = None) -> Flowable:
        runs = [Run(content, self.styles[style].fontName)] if isinstance(content, str) else content
        key = None
        if outline is not None:
            self.anchors += 1
            key = (clean(outline), f"section-{self.anchors}")
        # Chinese inside a Latin paragraph: CJKParagraph breaks it by the Chinese rules
        # and marks it as a Span in Chinese for a screen reader (tagged PDF)
        if self.kit.cjk or any(has_cjk_letters(run.text) for run in runs):
            return CJKParagraph(runs, self._setting(style, runs), outline=key)
        text = soft_hyphens("".join(self._markup(run) for run in runs))
        flowable = SpacedParagraph(text, self.styles[style])
        flowable.outline = key
        return flowable

    def marked(self, text: str, style: str, outline: str | None = None,
               role: str | None = None) -> Tagged:
        """A paragraph of body text, its inline Markdown (strong, emphasis, code, links,
        hard breaks) drawn as styled runs, a draft kit's unreviewed text highlighted.

        Text with markup is set by :class:`CJKParagraph` in every language: it
        draws emphasis oblique (the fonts have no italic) and links as URI
        annotations; plain text keeps reportlab's Paragraph in Latin kits.
        """
        found = spans(text) if has_markup(text) else []
        if not any(s.strong or s.emphasis or s.code or s.href or s.br or s.mark for s in found):
            heading = plain(outline) if outline is not None else None
            return self.para(plain(text), style, outline=heading, role=role)
        base = self.styles[style].fontName
        brand = colour_of(self.kit.colour)
        runs = []
        for span in found:
            if span.br:
                runs.append(Run(BREAK, base))
                continue
            font = self.fonts.bold if span.strong else base
            band = HIGHLIGHT.get(span.mark or "")
            # on the light band, text of the paragraph's colour could be white (a table's
            # heading row): highlighted text is set in the body's ink
            colour = brand if span.href else CODE if span.code else TEXT if band else None
            runs.append(Run(span.text, font, colour, href=span.href, oblique=span.emphasis,
                            highlight=band))
        key = None
        if outline is not None:
            self.anchors += 1
            key = (clean(plain(outline)), f"section-{self.anchors}")
        return self.tag(CJKParagraph(runs, self._setting(style, runs), outline=key),
                        role or role_of(style))

    def _setting(self, style: str, runs: list[Run]) -> ParagraphStyle:
        """``style``, flush left for a paragraph in Latin letters only in a Chinese kit (an
        English quotation, a draft's untranslated sentence): justified by the Chinese
        rules it could only widen its word spaces, and the DOCX sets it flush left too."""
        base = self.styles[style]
        if not self.kit.cjk or base.alignment != TA_JUSTIFY or \
                any(has_cjk_letters(run.text) for run in runs):
            return base
        name = f"{style}-ragged"
        if name not in self.styles:
            self.styles[name] = ParagraphStyle(name, parent=base, alignment=TA_LEFT)
        return self.styles[name]

    def _markup(self, run: Run) -> str:
        colour = f' color="#{run.colour.hexval()[2:]}"' if run.colour is not None else ""
        return f'<font face="{run.font}"{colour}>{markup(run.text)}</font>'


class KeepWithFirstLines(KeepTogether):  # type: ignore[misc]
    """``keepWithNext`` that keeps a heading with the first lines of what follows.

    reportlab's own KeepTogether moves a heading to the next page whenever the
    whole of the next paragraph does not fit below it, which leaves a third of
    a page empty before a long paragraph.  A heading only needs company: it
    stays where it is when the next flowable can start below it (at least the
    two lines the orphan rule asks for, or all of it), and goes overleaf with
    it otherwise.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if len(content) < 2 or at_top or self._starts_here(content, aW, aH):
            return content
        from reportlab.platypus.doctemplate import FrameBreak

        return [FrameBreak(), *content]

    def _starts_here(self, content: list[Flowable], width: float, height: float) -> bool:
        from reportlab.platypus.flowables import _listWrapOn

        heads, following = content[:-1], content[-1]
        canvas = getattr(self, "canv", None)
        _, used = _listWrapOn(heads, width, canvas)
        room = height - used - max(heads[-1].getSpaceAfter(), following.getSpaceBefore())
        if room <= 0:
            return False
        if following.wrapOn(canvas, width, room)[1] <= room + 1e-6:
            return True
        try:
            parts = following.splitOn(canvas, width, room)
        except IndexError:
            # reportlab's row splitting (Table._splitCell) fails on a cell it cannot cut at
            # this height: the table cannot start here, so the heading goes overleaf with it
            return False
        return bool(parts) and not isinstance(parts[0], ActionFlowable) and \
            parts[0].wrapOn(canvas, width, room)[1] <= room + 1e-6
