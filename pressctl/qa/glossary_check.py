"""Glossary: where a glossary term occurs in the source, its approved translation must be used.

Official names (宝马集团大中华区, 齐普策) are what readers and editors check
first, so a missing one is an error.  Terms are found in the source
longest first and without overlap, so "BMW Digital Key" (BMW数字钥匙) does
not also demand 宝马 for its "BMW".  Case matters as in the translation
engine: terms are found by the engine's own matcher
(:func:`pressctl.catalogs.glossary.find_terms`), so QA demands a term exactly where
translation protected it — a name as written ("HUAWEI Mate" is not
"Huawei", "BMWs" is not "BMW"), a lower-case term in any case and in the
plural ("Smart cockpits").  The
target must contain the approved wording as written (spaces aside in Chinese,
where "BMW 数字钥匙" and "BMW数字钥匙" read the same).
"""

from __future__ import annotations

import re

from pressctl.catalogs.glossary import find_terms
from pressctl.core.lang import is_unspaced
from pressctl.qa.base import Finding, Pair, Term

SPACES = re.compile(r"\s+")

CHECK = "glossary"


def occurrences(source: str, terms: tuple[Term, ...]) -> list[tuple[Term, str]]:
    """Glossary terms found in ``source``, as the translation engine finds them."""
    return [(term, source[start:end]) for start, end, term in find_terms(source, terms)]


def _squeeze(text: str, cjk: bool) -> str:
    return SPACES.sub("", text) if cjk else " ".join(text.split())


def _headline(term: str) -> str:
    """The term in headline case, each word capitalised ("Harmony ecosystem" → "Harmony
    Ecosystem"); letters already capital stay so ("HarmonyOS", "BMW")."""
    return " ".join(word[:1].upper() + word[1:] for word in term.split(" "))


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
        if not cjk and _headline(wanted) in target:  # a title: "the Harmony Ecosystem"
            continue
        reported.add(term.target)
        findings.append(Finding(CHECK, f"glossary term “{seen}” is not translated as "
                                       f"“{term.target}”", seen))
    return findings
