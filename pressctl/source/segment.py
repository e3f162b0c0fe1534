"""Split a Release into sentence-level segments, the unit of translation.

Catalog entries, translation memory and machine translation all work on the
same segments, so the splitting rules live here and nowhere else.  English
sentences end with . ! ? followed by a space and a capital or opening quote;
Chinese ones end with 。！？ (no spaces between sentences).  Closing quotes
and brackets stay with the sentence they close.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from pressctl.core.lang import is_unspaced
from pressctl.core.script import is_cjk
from pressctl.source.inline import HARD_BREAK, stray
from pressctl.source.release import BlockKind, Release

CLOSERS = "”’\"')）】」』》"
#: Closing inline markup after a full stop (``**Done.**``) stays with its sentence.
MARK_CLOSERS = "*`"
OPENERS = "“‘\"'(（【「『《"
CJK_ENDS = "。！？"
LATIN_ENDS = ".!?"
#: Abbreviations after which a full stop does not end a sentence.
#: After a quotation closes with 。” a short clause with one of these verbs
#: ("……。”高翔表示。") still belongs to the quoted sentence.
SPEECH_VERBS = ("表示", "说", "指出", "称", "强调", "认为", "透露", "介绍", "坦言", "补充")
ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Inc", "Ltd", "Co", "Corp", "No", "vs",
    "etc", "e.g", "i.e", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "U.S", "U.K",
})
#: Units the kit formats itself (CLDR currency and percent); not translated.
FORMATTED_UNITS = frozenset({"%", "EUR", "USD", "CNY", "GBP", "JPY"})


def formatted_unit(unit: str) -> bool:
    """Whether the kit formats ``unit`` itself: a percentage, or any currency CLDR knows by
    its ISO 4217 code (TWD, HKD, KRW …), written with the language's symbol or name."""
    if unit in FORMATTED_UNITS:
        return True
    return len(unit) == 3 and unit.isascii() and unit.isupper() and unit in _currencies()


@functools.cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # 0.2 s: only for a fact with such a unit

    return frozenset(list_currencies())


def _ends_latin(text: str, index: int) -> bool:
    """Whether the Latin stop at ``index`` ends a sentence."""
    if text[index] == ".":
        start = index
        while start > 0 and (text[start - 1].isascii() and (text[start - 1].isalnum()
                                                            or text[start - 1] == ".")):
            start -= 1
        word = text[start:index]
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
        if index + 1 < len(text) and text[index + 1].isdigit():
            return False
    rest = text[index + 1:]
    rest = rest.lstrip(CLOSERS + MARK_CLOSERS)
    if not rest:
        return True
    if not rest[0].isspace():
        return False
    following = rest.lstrip()
    return bool(following) and (following[0].isupper() or following[0] in OPENERS
                                or following[0].isdigit() or is_cjk(following[0]))


def _attribution_follows(text: str, end: int) -> bool:
    """Whether a quotation closing at ``end`` is followed by its "… said" clause."""
    rest = text[end:]
    stop = min((rest.find(c) for c in CJK_ENDS if c in rest), default=-1)
    clause = rest[:stop] if stop >= 0 else rest
    return (0 < len(clause) <= 40 and not any(c in OPENERS for c in clause)
            and any(verb in clause for verb in SPEECH_VERBS))


def _normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, except a hard line break (kept)."""
    return HARD_BREAK.join(" ".join(part.split()) for part in text.split(HARD_BREAK))


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, for English, Chinese or a mix of both.

    A cut inside inline markup (``**Two sentences. In bold.**``) is undone:
    every segment holds whole spans, so a translator can move them.
    """
    text = _normalise(text)
    pieces = _split(text)
    if len(pieces) < 2 or not stray(text) < sum(stray(piece) for piece in pieces):
        return pieces
    return _rejoin_spans(text, pieces)


def _rejoin_spans(text: str, pieces: list[str]) -> list[str]:
    """Join neighbouring sentences where a span opened in one closes in the next."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for piece in pieces:
        start = text.index(piece, position)
        position = start + len(piece)
        bounds.append((start, position))
    out: list[tuple[int, int]] = [bounds[0]]
    for start, end in bounds[1:]:
        first, last = out[-1]
        current = text[first:last]
        if stray(current) and stray(text[first:end]) < stray(current) + stray(text[start:end]):
            out[-1] = (first, end)
        else:
            out.append((start, end))
    return [text[first:last] for first, last in out]


def _split(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        end = None
        if char in CJK_ENDS or (char in LATIN_ENDS and _ends_latin(text, index)):
            end = index + 1
        if end is not None:
            while end < len(text) and (text[end] in CLOSERS or text[end] in CJK_ENDS
                                       or text[end] in MARK_CLOSERS):
                end += 1
            if text[end - 1] in CLOSERS and _attribution_follows(text, end):
                index = end
                continue
            piece = text[start:end].strip()
            if piece:
                sentences.append(piece)
            start = index = end
            continue
        index += 1
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def join_sentences(sentences: list[str], lang: str) -> str:
    """Rejoin translated sentences: Chinese without spaces, others with one."""
    if is_unspaced(lang):
        return "".join(sentences)
    return " ".join(sentences)


@dataclass(frozen=True)
class Segment:
    text: str
    role: str  # for translators: title, heading, body, quote, speaker, fact label…
    line: int


def segments(release: Release) -> Iterator[Segment]:
    """Every translatable string of a release, in reading order."""
    yield Segment(release.title, "title", 0)
    if release.subtitle:
        yield Segment(release.subtitle, "subtitle", 0)
    if release.dateline:
        yield Segment(release.dateline, "dateline", 0)
    yield Segment(release.organisation, "organisation", 0)
    for block in release.blocks:
        if block.kind is BlockKind.HEADING:
            yield Segment(block.text, "heading", block.line)
            continue
        if block.kind is BlockKind.RULE:
            continue
        if block.kind is BlockKind.FIGURE:
            if block.text:
                yield Segment(block.text, "caption", block.line)
            if block.credit:
                yield Segment(block.credit, "credit", block.line)
            continue
        if block.kind is BlockKind.TABLE:  # each cell a segment, on its row's line
            for number, row in enumerate(block.rows):
                row_line = block.line + number + (1 if number else 0)  # past the delimiter
                for cell in row:
                    if cell:
                        yield Segment(cell, "table header" if number == 0 else "table cell",
                                      row_line)
            continue
        if block.kind is BlockKind.ITEM:  # an item is one segment, as a heading is
            yield Segment(block.text, "list item", block.line)
            continue
        role = "quote" if block.kind is BlockKind.QUOTE else "body"
        for sentence in split_sentences(block.text):
            yield Segment(sentence, role, block.line)
        if block.speaker:
            yield Segment(block.speaker, "speaker", block.line)
    for fact in release.facts:
        yield Segment(fact.label, "fact label", fact.line)
        if not formatted_unit(fact.unit):
            yield Segment(fact.unit, "fact unit", fact.line)
        if fact.period and not fact.period.isdigit():
            yield Segment(fact.period, "fact period", fact.line)
    for line in release.boilerplate:
        for sentence in split_sentences(line):
            yield Segment(sentence, "boilerplate", 0)
    for line in release.contact:
        yield Segment(line, "contact", 0)
