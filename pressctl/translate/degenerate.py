"""Signs that a machine draft is degenerate: what a reviewer should look at first.

Argos models (OPUS-MT Transformers run by CTranslate2) fail in known ways,
documented in argos-translate's issues for en↔zh: repetition loops
("阴性阴性阴性…", #422), hallucinated fillers such as "(掌声)" (#444), the
source returned untranslated (#363), numbers reformatted (#499), output in
the wrong language.  A draft showing one of these still enters the catalog
as fuzzy — a person may mend it faster than write it — but its comment says
why it is doubtful, ``translate`` warns, ``catalog stats`` counts it and QA
reports it.  The same function serves all of them, so they agree.
"""

from __future__ import annotations

import re

from pressctl.core.lang import is_unspaced
from pressctl.core.script import has_cjk_letters, is_cjk_letter
from pressctl.core.verbatim import nothing_to_translate

#: The same stretch of two or more characters three times in a row ("阴性阴性阴性"),
#: a word of two or more letters three times in a row ("the the the"), or one
#: letter or ideograph four times ("现现现现").
_LOOP = re.compile(r"(\S{2,}?)\1{2,}|\b(\w{2,})(?:\W+\2\b){2,}|([^\W\d_])\3{3,}")
#: A parenthesised aside: (掌声), （笑声）, (Applause).
_ASIDE = re.compile(r"(?<!\])[(（][^()（）]{1,20}[)）]")  # not a link's (url)
#: A figure as written: 1,000.5 / 3.5 / 2024.
_FIGURE = re.compile(r"(?<![A-Za-z0-9_.,])\d+(?:[.,]\d+)*(?![A-Za-z0-9_])")
#: Characters of the target per character of the source (white space aside), as
#: measured on the reviewed catalogs of the project and the tests (83 en→zh
#: entries: 0.13–0.74, median 0.35; 11 zh→en: 1.9–3.8, median 2.5), with a wide
#: margin: a draft outside this range has lost or invented text.
RATIO = {(False, True): (0.08, 1.2), (True, False): (0.8, 10.0), (False, False): (0.3, 3.0),
         (True, True): (0.4, 2.5)}
UNTRANSLATED = "the model returned the source text untranslated"
#: Sources shorter than this vary too much in length to judge the ratio.
RATIO_MIN_LENGTH = 16


def _letters(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def doubts(source: str, target: str, source_lang: str, target_lang: str) -> list[str]:
    """Why the draft ``target`` of ``source`` looks degenerate ([] when it does not)."""
    found: list[str] = []
    loop = next((m for m in _LOOP.finditer(target) if m.group() not in source), None)
    if loop is not None:
        found.append(f"repeats itself: {loop.group()[:40]!r}")
    words = not nothing_to_translate(source) and any(c.isalpha() for c in source)
    if words and " ".join(target.split()) == " ".join(source.split()):
        found.append(UNTRANSLATED)
    elif words:
        cjk_target = is_unspaced(target_lang)
        if cjk_target and not has_cjk_letters(target):
            found.append("no Chinese characters: the draft is not in the target language")
        elif not cjk_target and has_cjk_letters(target):
            kept = "".join(c for c in target if is_cjk_letter(c))
            found.append(f"Chinese characters in a draft that should have none: {kept[:20]}")
    if _letters(source) >= RATIO_MIN_LENGTH and target:
        low, high = RATIO[(is_unspaced(source_lang), is_unspaced(target_lang))]
        ratio = _letters(target) / _letters(source)
        if not low <= ratio <= high:
            found.append(f"length {ratio:.2f} × the source's, outside the usual "
                         f"{low}–{high} for this language pair")
    asides = _ASIDE.findall(target)
    if len(asides) > len(_ASIDE.findall(source)):
        found.append(f"a parenthetical the source does not have: {asides[-1]}")
    figures = set(_FIGURE.findall(source))
    changed = sorted({f"{was} → {now}" for now in set(_FIGURE.findall(target)) - figures
                      for was in figures if _reformatted(was, now)})
    if changed:
        found.append(f"a figure changed form: {', '.join(changed)}")
    return found


def _reformatted(was: str, now: str) -> bool:
    """The same digits with other separators at the same places: 1,000 → 1.000, 3.5 → 3,5.

    A decimal point that moved (142.38 billion → 1423.8亿) is a change of unit, which
    the ``numbers`` check judges.
    """
    return (was != now and len(was) == len(now)
            and all(a == b or a in ".," and b in ".," for a, b in zip(was, now, strict=True)))
