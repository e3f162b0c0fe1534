"""Trend direction: "an increase of 17.1%" must not become 下降17.1%.

:mod:`pressctl.qa.amounts` finds the direction word governing each figure
(increase/rise/grow/up ↔ 增长/增加/上升/提高/上涨; decrease/fall/decline/
drop/down ↔ 下降/减少/下滑/降低) in its clause.  Opposite directions are an
error when both words sit right by their figures ("up 17.1%", 增长17.1%);
when either word is further away, or one side states no direction where the
other does, it may be a rephrasing and is reported as ambiguous (a warning).
A direction word that leads to a level (增至6艘, "rose to 6") against none
("brings the fleet to 6") is no finding: both sides state where it ends; nor is
a direction one side repeats for a figure where the other states it once for the
sentence ("fall by 92%, or about 12,000 tonnes" = 减少92%，即减少约1.2万吨).
"""

from __future__ import annotations

from pressctl.qa.amounts import quantities
from pressctl.qa.base import Finding, Pair

CHECK = "trend"


def check(pair: Pair) -> list[Finding]:
    findings = []
    paired = list(quantities(pair))
    # "Emissions fall by 92%, or about 12,000 tonnes" = 减少92%，即减少约1.2万吨: a direction
    # the sentence states for another figure is not one the translation invented or lost
    stated = ({s.direction for s, _, _ in paired}, {t.direction for _, t, _ in paired})
    for source, target, where in paired:
        if source.direction and target.direction:
            if source.direction != target.direction:
                findings.append(Finding(
                    CHECK, f"{where}: direction “{source.direction_text}” ({source.direction}) ≠"
                           f" “{target.direction_text}” ({target.direction})", target.text,
                    ambiguous=not (source.direction_close and target.direction_close)))
        elif source.direction_level or target.direction_level:
            continue  # "brings the fleet to 6" = 增至6艘: a level both sides reach
        elif source.direction and source.direction_close and source.direction not in stated[1]:
            findings.append(Finding(CHECK, f"{where}: direction “{source.direction_text}” "
                                           f"({source.direction}) dropped", target.text,
                                    ambiguous=True))
        elif target.direction and target.direction_close and target.direction not in stated[0]:
            findings.append(Finding(CHECK, f"{where}: direction “{target.direction_text}” "
                                           f"({target.direction}) not in the source",
                                    target.text, ambiguous=True))
    # A direction word governs every figure of its clause ("rose 12.4% to RMB 85.6 billion"):
    # once it is an error at the figure beside it, its echoes further away add nothing.
    certain = {f.message.split(": ", 1)[1] for f in findings if not f.ambiguous}
    return [f for f in findings if not f.ambiguous or f.message.split(": ", 1)[1] not in certain]
