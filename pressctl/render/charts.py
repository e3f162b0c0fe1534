"""Which key figures make a chart, and what a chart says to a screen reader.

Both formats draw a chart per unit shared by two or more figures (a lone
figure compares nothing) and give it the same alternative text, so this is
the home both ``render/pdf/chart.py`` and ``render/docx/chart.py`` call: a
format never imports the other.
"""

from __future__ import annotations

from pressctl.kit import FactRow, Kit


def groups(facts: tuple[FactRow, ...]) -> list[list[FactRow]]:
    """Figures grouped by source unit, in first-seen order; a lone figure is no chart."""
    by_unit: dict[str, list[FactRow]] = {}
    for row in facts:
        by_unit.setdefault(row.unit, []).append(row)
    return [rows for rows in by_unit.values() if len(rows) > 1]


def describe(rows: list[FactRow], kit: Kit) -> str:
    """The chart's alternative text: its caption and every bar's figure, in the kit's words.

    A screen reader cannot see the bars, so the text states what they show —
    "Bar chart, Key figures in €: Total revenue (2024): €142.38 billion; …" — with
    the figures exactly as the fact table prints them.  The DOCX picture's
    ``descr`` and the tagged PDF's ``/Alt`` both say this, from this one function.
    """
    caption = kit.t("Key figures in {unit}", unit=rows[0].unit_text)
    bars = [kit.t("{label} ({period}): {value}", label=row.label, period=row.period_text,
                  value=row.value_text) if row.period_text
            else kit.t("{label}: {value}", label=row.label, value=row.value_text)
            for row in rows]
    return kit.t("Bar chart, {caption}: {bars}", caption=caption,
                 bars=("；" if kit.cjk else "; ").join(bars))
