"""Glossary: where a glossary term occurs in the source, its approved translation must be used.

Official names (宝马集团大中华区, 齐普策) are what readers and editors check
first, so a missing one is an error.  Terms are found in the source
longest first and without overlap, so "BMW Digital Key" (BMW数字钥匙) does
not also demand 宝马 for its "BMW".  Case matters as in the translation
engine (:mod:`pressctl.glossary`): a name is matched as written ("HUAWEI
Mate" is not "Huawei"), a lower-case term in any case ("Smart cockpit" at the
start of a heading).  A plural "s" is allowed, and typographic and straight
apostrophes and hyphens are alike.  The
target must contain the approved wording as written (spaces aside in Chinese,
where "BMW 数字钥匙" and "BMW数字钥匙" read the same).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pressctl.lang import is_unspaced
from pressctl.qa.base import Finding, Pair, Term

CHECK = "glossary"
APOSTROPHES = "'’"
HYPHENS = "-‐‑–"


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str]:
    parts = []
    for char in term:
        if char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]")
        elif char in HYPHENS:
            parts.append(f"[{HYPHENS}]")
        elif char.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    # Latin ends must not match inside a longer word ("BMW" in "MyBMW"); Chinese has no
    # word boundaries, so a term ending in a hanzi matches anywhere.
    latin = "A-Za-z0-9"
    head = rf"(?<![{latin}])" if re.match(f"[{latin}]", term) else ""
    tail = (rf"(?:e?s)?(?![{latin}])" if re.search("[A-Za-z]$", term)
            else rf"(?![{latin}])" if re.search("[0-9]$", term) else "")
    lower = term == term.lower() and term != term.upper()
    return re.compile(head + body + tail, re.IGNORECASE if lower else 0)


def occurrences(source: str, terms: tuple[Term, ...]) -> list[tuple[Term, str]]:
    """Glossary terms found in ``source``, longest first, each span used once."""
    taken = [False] * len(source)
    found: list[tuple[Term, str]] = []
    for term in sorted(terms, key=lambda t: len(t.source), reverse=True):
        if not term.source.strip():
            continue
        for match in _pattern(term.source).finditer(source):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
            found.append((term, match.group()))
    return found


def _squeeze(text: str, cjk: bool) -> str:
    return re.sub(r"\s+", "", text) if cjk else " ".join(text.split())


def check(pair: Pair) -> list[Finding]:
    cjk = is_unspaced(pair.target_lang)
    target = _squeeze(pair.target, cjk)
    findings = []
    reported: set[str] = set()
    for term, seen in occurrences(pair.source, pair.terms):
        wanted = _squeeze(term.target, cjk)
        lower = wanted == wanted.lower()  # "local cooperation" may open a sentence
        if term.target in reported or wanted in (target.lower() if lower else target):
            continue
        reported.add(term.target)
        findings.append(Finding(CHECK, f"glossary term “{seen}” is not translated as "
                                       f"“{term.target}”", seen))
    return findings
