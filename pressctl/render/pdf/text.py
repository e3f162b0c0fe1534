"""The paragraph flowable for Chinese and mixed text: it draws the lines ``linebreak`` lays out.

:class:`CJKParagraph` takes the lines of :func:`linebreak.layout`, splits
between pages without leaving a line alone, sets closing marks half width at
the end of a line, spreads a justified line's slack over the gaps beside
Chinese characters, and tags what it draws (marked content, links, spans in
the other script) inside its one text object.  Breaking and drawing are two
modules because each is long and they change for different reasons (a
typesetting rule, a PDF tagging rule).
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from pressctl.core.lang import base_lang, is_unspaced
from pressctl.core.script import has_cjk_letters
from pressctl.render.pdf.linebreak import (
    ASCENT,
    BREAK,
    CJK_LANG,
    LATIN_LANG,
    OBLIQUE,
    Line,
    Link,
    Run,
    Unit,
    balanced,
    clean,
    layout,
    stretches,
)
from pressctl.render.pdf.tags import OBJR, Element, Tags, artifact, tags_of

#: The styles whose lines are balanced: a headline reads as one, not a line and a stub.
BALANCED = frozenset({"title", "subtitle", "heading", "subheading"})


class CJKParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of Chinese (or mixed) text, broken and justified by :func:`layout`.

    It takes a ParagraphStyle for size, leading, colour, alignment, indents
    and spacing, so Chinese and English paragraphs share one style sheet.
    Pages split it between lines, never leaving one line alone at the foot or
    the head of a page.

    It tags itself (tagged PDF): drawn for a structure element (``Tags.owner``),
    its text goes into that element's marked content, a link's text into a
    ``Link`` element (with the annotation as its object reference) and a run
    in the other script into a ``Span`` with its ``/Lang`` — each sequence
    opened and closed inside the paragraph's one text object.
    """

    tags_itself = True

    def __init__(self, runs: list[Run], style: ParagraphStyle,
                 lines: list[Line] | None = None, first: bool = True, last: bool = True,
                 outline: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.runs = [run if run.text == BREAK else replace(run, text=clean(run.text))
                     for run in runs]
        self.style = style
        self._lines = lines
        self._laid_out_for: float | None = None if lines is None else -1.0
        self._first, self._last = first, last
        self.outline = outline if first else None
        self.width = self.height = 0.0
        self._marks: _Marks | None = None
        self._bands: list[Band] = []

    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def _text_width(self, available: float) -> float:
        return available - self.style.leftIndent - self.style.rightIndent

    def _layout(self, available: float) -> list[Line]:
        if self._lines is None or (self._laid_out_for not in (available, -1.0)):
            if self.style.name in BALANCED and self.style.alignment != TA_JUSTIFY:
                self._lines = balanced(self.runs, self.style.fontSize,
                                       self._text_width(available))
            else:
                self._lines = layout(self.runs, self.style.fontSize,
                                     self._text_width(available),
                                     self.style.alignment == TA_JUSTIFY)
            self._laid_out_for = available
        return self._lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        lines = self._layout(available_width)
        self.width = available_width
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._layout(available_width)
        fit = int((available_height + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return []  # it fits: nothing to split (a table splitting
            # inside a row takes a one-part answer for a split and fails)
        if len(lines) - fit == 1:
            fit -= 1  # no widow at the head of the next page (3 lines: move them all)
        if fit < 2:
            return []  # no orphan at the foot of this page
        head = CJKParagraph(self.runs, self.style, lines[:fit], self._first, False, self.outline)
        tail = CJKParagraph(self.runs, self.style, lines[fit:], False, self._last)
        return [head, tail]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.style.spaceBefore) if self._first else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.style.spaceAfter) if self._last else 0.0

    def draw(self) -> None:
        style = self.style
        size, leading = style.fontSize, style.leading
        canvas = self.canv
        lines = self._lines or []
        width = self._text_width(self.width)
        text = canvas.beginText()
        tags = tags_of(canvas)
        owner = tags.owner if tags is not None else None
        self._marks = (_Marks(tags, canvas, text._code, owner)
                       if tags is not None and owner is not None and not tags.is_open else None)
        baseline = self.height - (leading - size) / 2 - ASCENT * size
        links: list[Link] = []
        self._bands = []
        for number, line in enumerate(lines):
            shift = 0.0
            if style.alignment == TA_CENTER:
                shift = (width - line.width) / 2
            elif style.alignment == TA_RIGHT:
                shift = width - line.width
            following = lines[number + 1].units if number + 1 < len(lines) else ()
            space = bool(line.units and line.units[-1].kind == "latin"
                         and not line.units[-1].hyphen
                         and (following[0].kind == "latin" if following else not self._last))
            links += self._draw_line(text, line, style.leftIndent + shift, baseline, space)
            baseline -= leading
        if self._marks is not None:
            self._marks.close()
        self._draw_bands()  # before the text object: behind its letters
        canvas.drawText(text)
        self._draw_links(links)
        self._marks = None

    def _draw_bands(self) -> None:
        """The highlight behind a draft's unreviewed text: filled rectangles, an artifact
        (they mean something to a sighted reviewer only, the text says the rest)."""
        if not self._bands:
            return
        canvas, size = self.canv, self.style.fontSize
        with artifact(canvas):
            canvas.saveState()
            for colour, start, end, y in self._bands:
                canvas.setFillColor(colour)
                canvas.rect(start, y - 0.28 * size, end - start, 1.2 * size, stroke=0, fill=1)
            canvas.restoreState()

    def _draw_links(self, links: list[Link]) -> None:
        """Underline each link's text and make it clickable (a URI annotation per line)."""
        canvas, size = self.canv, self.style.fontSize
        for href, start, end, y, number in links:
            with artifact(canvas):
                canvas.saveState()
                canvas.setStrokeColor(self.style.textColor)
                for run in self.runs:
                    if run.href == href and run.colour is not None:
                        canvas.setStrokeColor(run.colour)
                        break
                canvas.setLineWidth(0.5)
                canvas.line(start, y - 0.12 * size, end, y - 0.12 * size)
                canvas.restoreState()
            marks = self._marks
            index = marks.tags.annotation_index(canvas) if marks is not None else 0
            canvas.linkURL(href, (start, y - 0.25 * size, end, y + 0.9 * size), relative=1,
                           thickness=0)
            if marks is not None:
                marks.link(number).kids.append(OBJR(canvas.getPageNumber(), index))

    def _draw_line(self, text: object, line: Line, x: float, y: float,
                   space: bool = False) -> list[Link]:
        """Draw runs of units sharing a font; Chinese runs spaced by Tc, the rest placed;
        ``space``: the line broke at a space between Latin words, which is drawn after
        the last word (it paints nothing) so that extracted text does not run the
        words together.

        Returns where the line's links are: (URL, start, end, baseline, run)."""
        style = self.style
        groups: list[tuple[float, list[Unit]]] = []
        position = x
        stretch = [*stretches(line.units), False]
        for index, unit in enumerate(line.units):
            previous = line.units[index - 1] if index else None
            if previous is None or previous.run != unit.run:
                same = False
            elif "cjk" in (previous.kind, unit.kind):  # Tc spaces every glyph: single ones only
                same = previous.kind == unit.kind and len(previous.text) == len(unit.text) == 1
            else:
                same = not (stretch[index - 1] and line.gap)
            if same:
                groups[-1][1].append(unit)
            else:
                groups.append((position, [unit]))
            position += unit.width + (line.gap if stretch[index] else 0.0)
        links: list[Link] = []
        for number, (start, units) in enumerate(groups):
            run = self.runs[units[0].run]
            if self._marks is not None:
                self._marks.enter(units, run)
            char_space = line.gap if len(units[0].text) == 1 and units[0].kind == "cjk" else 0.0
            if run.oblique:
                text.setTextTransform(1, 0, OBLIQUE, 1, start, y)  # type: ignore[attr-defined]
            else:
                text.setTextOrigin(start, y)  # type: ignore[attr-defined]
            text.setFont(run.font, style.fontSize)  # type: ignore[attr-defined]
            text.setFillColor(run.colour or style.textColor)  # type: ignore[attr-defined]
            text.setCharSpace(char_space)  # type: ignore[attr-defined]
            text.textOut("".join(u.text for u in units))  # type: ignore[attr-defined]
            end = (groups[number + 1][0] if number + 1 < len(groups) else x + line.set_width)
            if run.highlight is not None:
                self._band(run.highlight, start, end, y)
            end -= units[-1].pad
            if run.href:
                if links and links[-1][0] == run.href and abs(links[-1][2] - start) < 0.01:
                    links[-1] = (run.href, links[-1][1], end, y, links[-1][4])
                else:
                    links.append((run.href, start, end, y, units[0].run))
        if line.units and line.units[-1].hyphen:  # a long Latin word goes on overleaf
            text.setCharSpace(0)  # type: ignore[attr-defined]
            text.textOut("-")  # type: ignore[attr-defined]
        if space:
            text.textOut(" ")  # type: ignore[attr-defined]
        text.setCharSpace(0)  # type: ignore[attr-defined]
        return links


    def _band(self, colour: Color, start: float, end: float, y: float) -> None:
        """Highlight from ``start`` to ``end`` on the line at ``y``, joined to the band
        before it when that one ends where this starts in the same colour."""
        bands = self._bands
        if bands and bands[-1][0] == colour and bands[-1][3] == y and \
                abs(bands[-1][2] - start) < 0.01:
            bands[-1] = (colour, bands[-1][1], end, y)
        else:
            bands.append((colour, start, end, y))


#: A highlight band: its colour, where it starts and ends, the baseline it is behind.
Band = tuple[Color, float, float, float]


class _Marks:
    """The marked-content sequences of one paragraph's text object while it is drawn.

    ``owner`` is the paragraph's element; a group of units goes into it, into
    the ``Link`` of its run, or into a ``Span`` when it is in the other script
    (Latin letters in a Chinese paragraph, Chinese letters in a Latin one).
    Consecutive groups for the same element share one sequence.
    """

    def __init__(self, tags: Tags, canvas: object, code: list[str], owner: Element) -> None:
        self.tags, self.canvas, self.code, self.owner = tags, canvas, code, owner
        self.current: Element | None = None
        lang = owner.attrs.get("Lang", tags.lang)
        self.chinese = is_unspaced(base_lang(lang))

    def link(self, run: int) -> Element:
        return self.owner.child(("link", run), "Link")

    def _target(self, units: list[Unit], run: Run, number: int) -> Element:
        if run.href:
            link = self.link(number)
            link.attrs.setdefault("Contents", f"{run.text} ({run.href})"
                                  if run.text != run.href else run.href)
            other = self._other_lang(run.text)
            own = (has_cjk_letters(run.text) if self.chinese
                   else any(c.isascii() and c.isalpha() for c in run.text))
            if other and not own:  # a link wholly in the other script reads in its language
                link.attrs.setdefault("Lang", other)
            return link
        text = "".join(u.text for u in units)
        lang = self._other_lang(text) if units[0].kind != "cjk" or not self.chinese else None
        if lang is None:
            return self.owner
        current = self.current
        if current is not None and current.role == "Span" and current.attrs.get("Lang") == lang:
            return current
        span = Element("Span", {"Lang": lang})
        self.owner.add(span)
        return span

    def _other_lang(self, text: str) -> str | None:
        """The language of ``text`` when it is in the other script: Latin letters in a
        Chinese paragraph, Chinese letters in a Latin one; else None."""
        if self.chinese:
            return LATIN_LANG if any(c.isascii() and c.isalpha() for c in text) else None
        return CJK_LANG if has_cjk_letters(text) else None

    def enter(self, units: list[Unit], run: Run) -> None:
        target = self._target(units, run, units[0].run)
        if target is self.current:
            return
        self.close()
        self.tags.begin(self.canvas, self.code, target)
        self.current = target

    def close(self) -> None:
        if self.current is not None:
            self.tags.end(self.code)
            self.current = None
