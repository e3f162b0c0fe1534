"""Currency: the same figure in another currency ("€142.38 billion" vs "1423.8亿美元").

Amounts are read and paired by :mod:`pressctl.qa.amounts` (CLDR currency
names and symbols per locale); this check only compares their currencies.
A symbol that CLDR gives to more than one currency ("$", "¥", bare 元)
agrees with any of them.  A currency dropped is an error; one added is
ambiguous, since Chinese repeats 元 where English leaves it understood.
"""

from __future__ import annotations

from pressctl.qa.amounts import Amount, pairs
from pressctl.qa.base import Finding, Pair

CHECK = "currency"


def codes(amount: Amount) -> str:
    return "/".join(sorted(amount.currencies)) or amount.currency or "none"


def check(pair: Pair) -> list[Finding]:
    findings = []
    for source, target in pairs(pair):
        where = f"{source.text} vs {target.text}"
        if source.currencies and target.currencies:
            if not source.currencies & target.currencies:
                findings.append(Finding(CHECK, f"{where}: currency {codes(source)} ≠ "
                                               f"{codes(target)}", target.text))
        elif source.currencies:
            findings.append(Finding(CHECK, f"{where}: currency {codes(source)} dropped",
                                    target.text))
        elif target.currencies:
            findings.append(Finding(CHECK, f"{where}: currency {codes(target)} not in the "
                                           "source", target.text, ambiguous=True))
    return findings
