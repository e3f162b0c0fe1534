"""Bar charts of the key figures that share a unit, drawn as PDF vectors.

Horizontal bars, because fact labels are long ("Cumulative global electric
vehicle sales (plan)") and read best set level on the left; each bar carries
its figure as the kit writes it ("over 3 million vehicles", "超过300万辆"), so
the chart needs no axis and shows exactly what the table says.  Text is set
in the kit's own embedded fonts, so Chinese labels render and extract.  A
unit with one figure makes no chart: one bar compares nothing.  Which figures
make a chart and what its alternative text says are ``render/charts.py``,
shared with the DOCX (which draws its charts as PNG), so both kits show the
same charts; reportlab is imported where a chart is drawn.

Tagged PDF: the chart is a ``Figure`` whose ``/Alt`` is ``charts.describe``; the
bars and their labels are the figure's content, the axis line is decoration,
drawn as an artifact (:func:`bar_chart` returns it as a drawing of its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pressctl.kit import FactRow

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import Color

#: Label and axis colours, as RGB (reportlab Colors are made when drawing).
INK = (0.15, 0.15, 0.15)
AXIS = (0.78, 0.8, 0.82)


def _label_lines(text: str, font: str, size: float, width: float) -> list[str]:
    from pressctl.render.pdf.linebreak import Run, layout

    lines = layout([Run(text, font)], size, width, justify=False)
    return ["".join(unit.text for unit in line.units) for line in lines]


def _text(drawing: Drawing, x: float, y: float, text: str, font: str, size: float,
          right: bool = False) -> None:
    """Set ``text`` from ``x`` (or ending at ``x``), with the same autospace as the body."""
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import Color

    from pressctl.render.pdf.linebreak import pieces

    parts, width = pieces(text, font, size)
    start = x - width if right else x
    for offset, part in parts:
        drawing.add(String(start + offset, y, part, fontName=font, fontSize=size,
                           fillColor=Color(*INK)))


#: The label column takes the longest label on one line, within these shares of
#: the width: wrapped labels leave a lone word ("revenue", "(plan)") on a line.
LABEL_SHARE = (0.28, 0.45)


def label_column(rows: list[FactRow], width: float, font: str, size: float) -> float:
    """The label column's width, one for all the charts of a kit so their axes align."""
    from pressctl.render.pdf.linebreak import pieces

    longest = max((pieces(row.label, font, size)[1] for row in rows), default=0.0)
    low, high = LABEL_SHARE
    return float(min(max(longest + 1, width * low), width * high))


def bar_chart(rows: list[FactRow], width: float, regular: str, bold: str, colour: Color,
              size: float = 8.5, label_width: float | None = None
              ) -> tuple[Drawing, Drawing]:
    """A horizontal bar chart ``width`` points wide, as tall as its labels need: the
    bars with their labels, and the decoration (the axis) drawn over them."""
    from reportlab.graphics.shapes import Drawing, Line, Rect
    from reportlab.lib.colors import Color

    from pressctl.render.pdf.linebreak import pieces

    line_height = size * 1.3
    bar_height = size * 1.7
    row_gap = size * 0.9
    if label_width is None:
        label_width = label_column(rows, width, regular, size)
    gap = size
    value_width = max(pieces(r.value_text, bold, size)[1] for r in rows) + size
    plot_left = label_width + gap
    plot_width = max(width - plot_left - value_width, width * 0.2)
    labels = [_label_lines(row.label, regular, size, label_width) for row in rows]
    heights = [max(bar_height, len(lines) * line_height) for lines in labels]
    height = sum(heights) + row_gap * (len(rows) - 1) + 4
    drawing, decoration = Drawing(width, height), Drawing(width, height)
    for each in (drawing, decoration):
        each.initialFontName = regular  # else the renderer starts in unembedded Helvetica
        each.initialFontSize = size
    largest = max(abs(row.value) for row in rows) or 1.0
    top = height - 2
    for row, lines, row_height in zip(rows, labels, heights, strict=True):
        middle = top - row_height / 2
        first = middle + (len(lines) - 1) * line_height / 2 - size * 0.35
        for i, text in enumerate(lines):
            _text(drawing, label_width, first - i * line_height, text, regular, size,
                  right=True)
        length = max(plot_width * abs(row.value) / largest, 1.5)
        drawing.add(Rect(plot_left, middle - bar_height / 2, length, bar_height,
                         fillColor=colour, strokeColor=None))
        _text(drawing, plot_left + length + size * 0.5, middle - size * 0.35, row.value_text,
              bold, size)
        top -= row_height + row_gap
    decoration.add(Line(plot_left, 0, plot_left, height, strokeColor=Color(*AXIS),
                        strokeWidth=0.6))
    return drawing, decoration
