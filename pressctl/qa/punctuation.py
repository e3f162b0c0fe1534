"""Punctuation: the marks of the target language, the sentence's end kept, pairs balanced.

Three checks, each with its own severity:

``punctuation``
    Chinese and Japanese use full-width marks (，。：；！？（）“”) next to
    their own characters; a half-width comma between two hanzi is a typo
    that a reader sees at once.  Taiwan and Hong Kong quote with 「」 and
    『』, so “” and ‘’ in their catalogs are findings too.  Inside numbers (1,423.8; 2.0), in Latin
    words (BMW's) and in placeholders, ASCII marks are right.  Other
    languages must not carry full-width marks.
``punctuation-final``
    A sentence that ends with a full stop, question or exclamation mark,
    colon or ellipsis ends with the same kind of mark in translation, in
    the target's width; a title without one gets none.  Closing quotes and
    brackets are looked through: ``…devices.”`` ends with a full stop.
``punctuation-balance``
    Brackets and quotation marks open and close.  Segments are sentences, so
    a quotation may open in one and close in the next: an entry is fine when
    it leaves open (or closes) the same marks as its source, or when the
    whole paragraph — the consecutive entries from one source line — does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pressctl.core.lang import is_unspaced, language
from pressctl.core.script import FULL_WIDTH, has_cjk_letters, is_cjk
from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import protected
from pressctl.source.inline import markup_spans
from pressctl.source.segment import ABBREVIATIONS, CLOSERS

WIDTH = "punctuation"
FINAL = "punctuation-final"
BALANCE = "punctuation-balance"

#: Half-width marks a Chinese or Japanese text must not use, with what to write instead.
FULL_FORM = {**FULL_WIDTH, '"': "“”", "'": "‘’"}
#: Full-width marks out of place in a language written with Latin letters.
CJK_MARKS = "，。！？：；（）、【】《》「」『』"
#: Sentence-final marks by kind, in any width.
FINAL_KIND = {".": "full stop", "。": "full stop", "．": "full stop", "!": "exclamation mark",
              "！": "exclamation mark", "?": "question mark", "？": "question mark",
              ":": "colon", "：": "colon", ";": "semicolon", "；": "semicolon",
              "…": "ellipsis"}
OPENERS = {"(": "bracket", "（": "bracket", "[": "square bracket", "【": "square bracket",
           "〔": "square bracket", "《": "title mark", "〈": "title mark",
           "“": "double quote", "「": "double quote", "‘": "single quote", "『": "single quote"}
CLOSING = {")": "bracket", "）": "bracket", "]": "square bracket", "】": "square bracket",
           "〕": "square bracket", "》": "title mark", "〉": "title mark",
           "”": "double quote", "」": "double quote", "’": "single quote",
           "』": "single quote"}
TRAILING = CLOSERS + ")]）】》」』"


def _neutral(text: str, flags: tuple[str, ...], fill: str, names: tuple[str, ...] = ()) -> str:
    """``text`` with code, markup and kept Latin names (which keep their own punctuation:
    "Example Energy, Inc.") filled with ``fill``."""
    chars = list(text)
    for start, end in protected(text, flags, names):
        chars[start:end] = fill * (end - start)
    for start, end in markup_spans(text):  # a link's (url), **, `code`
        chars[start:end] = fill * (end - start)
    return "".join(chars)


def _snippet(text: str, index: int) -> str:
    return text[max(0, index - 6):index + 7].strip()


def _neighbour(text: str, index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(text) and text[index].isspace():
        index += step
    return text[index] if 0 <= index < len(text) else None


def width(pair: Pair) -> list[Finding]:
    """Half-width marks in Chinese or Japanese, full-width marks elsewhere."""
    text = _neutral(pair.target, pair.flags, " ", pair.names)
    findings = []
    if is_unspaced(pair.target_lang):
        if not has_cjk_letters(pair.target):
            return []
        return _regional_quotes(pair, text) + _half_width(pair, text)
    for index, char in enumerate(text):
        if char in CJK_MARKS:
            prev, nxt = _neighbour(text, index, -1), _neighbour(text, index, 1)
            if (prev and has_cjk_letters(prev)) or (nxt and has_cjk_letters(nxt)):
                continue  # a Chinese name quoted in the text keeps its marks
            findings.append(Finding(WIDTH, f"full-width “{char}” in {pair.target_lang} text",
                                    _snippet(pair.target, index)))
    return findings


def _regional_quotes(pair: Pair, text: str) -> list[Finding]:
    """“” and ‘’ where the region quotes with 「」 and 『』 (Taiwan, Hong Kong)."""
    style = language(pair.target_lang).quotes
    if style == "“”‘’":
        return []
    wanted = dict(zip("“”‘’", style, strict=True))
    return [Finding(WIDTH, f"{char} in {pair.target_lang} text: this region quotes with "
                           f"{style[:2]} and {style[2:]} (use {wanted[char]})",
                    _snippet(pair.target, index))
            for index, char in enumerate(text) if char in wanted]


def _half_width(pair: Pair, text: str) -> list[Finding]:
    """Half-width marks next to Chinese or Japanese characters."""
    quotes = language(pair.target_lang).quotes
    findings = []
    for index, char in enumerate(text):
        if char not in FULL_FORM:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char in ".,:" and before.isdigit() and after.isdigit():
            continue  # 1,423.8 and 2.0 and 10:30
        if char == "'" and before.isalpha() and not is_cjk(before):
            continue  # BMW's
        prev, nxt = _neighbour(text, index, -1), _neighbour(text, index, 1)
        at_end = nxt is None and char in ".,;:!?"
        if char in "\"'" or at_end or (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)):
            full = {'"': quotes[:2], "'": quotes[2:]}.get(char, FULL_FORM[char])
            findings.append(Finding(WIDTH, f"half-width “{char}” in Chinese text; use "
                                           f"“{full}”",
                                    _snippet(pair.target, index)))
    return findings


def final_mark(text: str, flags: tuple[str, ...] = ()) -> str | None:
    """The kind of mark ``text`` ends with, looking through closing quotes and brackets."""
    body = _neutral(text, flags, "x").rstrip()
    while body and body[-1] in TRAILING:
        body = body[:-1].rstrip()
    if body.endswith(("...", "…", "……")):
        return "ellipsis"
    return FINAL_KIND.get(body[-1:]) if body else None


def _abbreviated(text: str) -> bool:
    """Whether a final full stop belongs to an abbreviation ("… Co.")."""
    body = text.rstrip().rstrip(TRAILING).rstrip()
    if not body.endswith("."):
        return False
    word = body[:-1].split()[-1] if body[:-1].split() else ""
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def final(pair: Pair) -> list[Finding]:
    """The sentence ends with the same kind of mark as its source."""
    source = final_mark(pair.source, pair.flags)
    target = final_mark(pair.target, pair.flags)
    if source == target or (source == "full stop" and target is None
                            and _abbreviated(pair.source)):
        return []
    if source is None and target == "full stop" and _abbreviated(pair.target):
        return []  # 晨光家電股份有限公司 = "Chenguang Appliances Co., Ltd."
    tail = pair.target.rstrip()[-12:]
    if target is None:
        message = f"the source ends with a {source}; the translation does not"
    elif source is None:
        message = f"the translation ends with a {target}; the source has none"
    else:
        message = f"the source ends with a {source}; the translation with a {target}"
    return [Finding(FINAL, message, tail)]


def unmatched(text: str, flags: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """Marks left unpaired, in order: (``open`` or ``close``, kind, mark)."""
    text = _neutral(text, flags, " ")
    stack: list[tuple[str, str]] = []
    lone: list[tuple[str, str, str]] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char == '"':
            if stack and stack[-1][1] == '"':
                stack.pop()
            else:
                stack.append(("double quote", '"'))
        elif char == "'":
            if stack and stack[-1][1] == "'" and not after.isalnum():
                stack.pop()
            elif not before.isalnum() and after.isalnum():
                stack.append(("single quote", "'"))
            # otherwise an apostrophe: BMW's, '90s
        elif char in OPENERS:
            stack.append((OPENERS[char], char))
        elif char in CLOSING:
            kind = CLOSING[char]
            if stack and stack[-1][0] == kind:
                stack.pop()
            elif char == "’" and before.isalpha():
                continue  # BMW’s: an apostrophe, not a closing quote
            else:
                lone.append(("close", kind, char))
    lone.extend(("open", kind, char) for kind, char in stack)
    return lone


def _signature(marks: list[tuple[str, str, str]]) -> Counter[tuple[str, str]]:
    return Counter((direction, kind) for direction, kind, _ in marks)


def _describe(pair: Pair) -> list[Finding]:
    source = unmatched(pair.source, pair.flags)
    target = unmatched(pair.target, pair.flags)
    extra = _signature(target) - _signature(source)
    lacking = _signature(source) - _signature(target)
    findings = []
    for direction, kind, char in target:
        if extra[(direction, kind)] > 0:
            extra[(direction, kind)] -= 1
            what = "is never closed" if direction == "open" else "closes nothing"
            findings.append(Finding(BALANCE, f"{kind} {char} {what}", char))
    for direction, kind, char in source:
        if lacking[(direction, kind)] > 0:
            lacking[(direction, kind)] -= 1
            where = "the next" if direction == "open" else "the previous"
            findings.append(Finding(BALANCE, f"the source's {kind} {char}, which pairs with "
                                             f"{where} segment, is missing", char))
    return findings


def balance(pairs: Sequence[Pair]) -> list[list[Finding]]:
    """Findings for each pair of one paragraph (consecutive entries from one source line)."""
    results: list[list[Finding]] = [[] for _ in pairs]
    wrong = [i for i, pair in enumerate(pairs)
             if _signature(unmatched(pair.source, pair.flags))
             != _signature(unmatched(pair.target, pair.flags))]
    if not wrong:
        return results
    flags = pairs[0].flags
    joined_source = " ".join(p.source for p in pairs)
    joined_target = " ".join(p.target for p in pairs)
    if len(pairs) > 1 and (_signature(unmatched(joined_source, flags))
                           == _signature(unmatched(joined_target, flags))):
        return results  # the quotation moved between sentences but the paragraph is whole
    for i in wrong:
        results[i] = _describe(pairs[i])
    return results
