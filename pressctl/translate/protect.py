"""Placeholder protection: where a glossary term, a URL, a figure or markup is kept from the model.

Before the model sees a sentence, inline markup, URLs, e-mail addresses,
code, ``{placeholders}``, glossary terms (longest first), numbers and product
names (HiCar, iX3; any Latin word inside Chinese) are replaced by numbered
placeholders ``{0}``, ``{1}``…  Software-localisation corpora, on which Argos
models are trained, are full of ``{0}``-style placeholders, so models copy
them through; :func:`restore` then puts back the glossary's target term or
the original text.  This is a module of its own because it is the one place
that decides what a model may touch, and the one that must notice when the
model mangled what it was given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pressctl.catalogs.glossary import Glossary
from pressctl.core.lang import is_unspaced
from pressctl.core.verbatim import EMAIL, URL
from pressctl.source.inline import inventory, markup_spans, stray
from pressctl.translate.punctuation import tidy

__all__ = ["EMAIL", "URL", "Protected", "Restored", "Slot", "protect", "restore"]

@dataclass(frozen=True)
class Slot:
    source: str  # the text the placeholder hides
    target: str  # what goes back in
    glossary: bool = False
    markup: bool = False  # an emphasis marker, a link's "[" or "](url)", a code span

    def describe(self) -> str:
        """How a warning names the slot: the glossary term with its target, else the text."""
        return (f"glossary term {self.source!r} ({self.target})" if self.glossary
                else f"markup {self.source!r}" if self.markup else repr(self.source))


@dataclass(frozen=True)
class Protected:
    text: str  # the sentence with {0}, {1}… in place of protected spans
    slots: tuple[Slot, ...]

    @property
    def needs_machine(self) -> bool:
        """Whether anything but placeholders, numbers and punctuation is left to translate."""
        return any(c.isalpha() for c in OWN_SLOT.sub("", self.text))

    @property
    def source(self) -> str:
        """The sentence as it was before protection."""
        return OWN_SLOT.sub(lambda m: self.slots[int(m.group(1))].source, self.text)


@dataclass(frozen=True)
class Restored:
    """A machine output with the protected text put back, or the reason it cannot be.

    ``failure`` is set when the output cannot be restored exactly — a
    placeholder the model invented or repeated, markup dropped or out of order
    — and ``text`` is then "": such a draft must never reach a catalog.
    ``repairs`` says what was mended exactly (a placeholder written ``｛０｝``
    or ``{ 0 }``); ``warnings`` what makes the draft doubtful (a term or
    figure the model dropped, which a person must put back).
    """

    text: str
    repairs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    failure: str = ""


_LATIN = "A-Za-z0-9"
_CODE = re.compile(r"`[^`]+`|\{[^{}\s]*\}|｛[^｛｝\s]*｝|%(?:\d+\$)?[sd]")
_NUMBER = re.compile(rf"(?<![{_LATIN}.,])\d+(?:[.,]\d+)*(?![{_LATIN}])")
#: CamelCase or letters mixed with digits: HiCar, MyBMW, iPhone, iX3, 5G (not 17th).
_PRODUCT = re.compile(rf"(?<![{_LATIN}])(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*"
                      rf"|(?!\d+(?:st|nd|rd|th)(?![{_LATIN}]))"
                      rf"(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+)(?![{_LATIN}])")
#: Inside Chinese text, a run of Latin words is a name or a term kept as written.
_LATIN_RUN = re.compile(rf"(?<![{_LATIN}])[A-Za-z][A-Za-z0-9]*(?:[ .&+'-][A-Za-z0-9]+)*"
                        rf"(?![{_LATIN}])")
#: A placeholder as the model may write it back: ｛０｝, { 0 } (``\d`` takes full-width digits).
_SLOT = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")
#: A placeholder as :func:`protect` writes it.
OWN_SLOT = re.compile(r"\{([0-9]+)\}")


def protect(text: str, source_lang: str, target_lang: str, glossary: Glossary) -> Protected:
    """Replace what the model must not translate by numbered placeholders.

    Earlier kinds win where spans overlap: inline markup (so a link keeps its URL
    and a bold span its markers), URLs and code, then glossary terms
    (longest first), then numbers and product names.
    """
    spans: list[tuple[int, int, Slot]] = []

    def take(start: int, end: int, slot: Slot) -> None:
        if start < end and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, slot))

    for start, end in markup_spans(text):  # code, link destinations, ** * [ markers
        take(start, end, Slot(text[start:end], text[start:end], markup=True))
    for m in [*URL.finditer(text), *EMAIL.finditer(text)]:
        take(m.start(), m.end(), Slot(m.group(), m.group()))
    for m in _CODE.finditer(text):
        take(m.start(), m.end(), Slot(m.group(), m.group()))
    for g in glossary.find(text, source_lang, target_lang):
        take(g.start, g.end, Slot(text[g.start:g.end], g.term.target, glossary=True))
    names = _LATIN_RUN if is_unspaced(source_lang) else _PRODUCT
    for pattern in (_NUMBER, names):
        for m in pattern.finditer(text):
            take(m.start(), m.end(), Slot(m.group(), m.group()))
    spans.sort(key=lambda s: s[0])
    out: list[str] = []
    last = 0
    for index, (start, end, _) in enumerate(spans):
        out.append(text[last:start])
        out.append(f"{{{index}}}")
        last = end
    out.append(text[last:])
    return Protected("".join(out), tuple(slot for _, _, slot in spans))


def restore(text: str, protected: Protected, target_lang: str) -> Restored:
    """Put target terms and kept text back, exactly, or say why that is impossible.

    Each placeholder must come back once.  One the model wrote with
    full-width digits or braces or with spaces is restored (and the repair
    noted); one it invented (``{7}`` of a sentence with three) or wrote twice
    is never restored blindly — which of two ``{0}`` is the name? — so the
    output is refused.  Markup must come back whole and well formed: a dropped
    marker, or a link whose ``[`` follows its ``](url)``, refuses the output.
    A dropped term or figure only makes the draft doubtful: the words around it
    are still a translation, and the warning tells the reviewer what to put back.
    """
    slots = protected.slots
    tidied = tidy(text, target_lang)  # tidy first: URLs keep their ":"
    found = [(m, int(m.group(1))) for m in _SLOT.finditer(tidied)]
    invented = sorted({m.group() for m, index in found if index >= len(slots)})
    if invented:
        return Restored("", failure=f"the model invented placeholder {', '.join(invented)}, "
                                    "which stands for nothing in the source")
    counts = Counter(index for _, index in found)
    repeated = sorted(index for index, n in counts.items() if n > 1)
    if repeated:
        return Restored("", failure="the model repeated "
                        + ", ".join(f"{{{i}}} ({slots[i].describe()})" for i in repeated))
    lost = [slot for index, slot in enumerate(slots) if index not in counts]
    if any(slot.markup for slot in lost):
        return Restored("", failure="the model dropped "
                        + ", ".join(slot.describe() for slot in lost if slot.markup))
    repairs = sorted({f"placeholder {m.group()} restored as {{{index}}}" for m, index in found
                      if m.group() != f"{{{index}}}"})
    out = _SLOT.sub(lambda m: slots[int(m.group(1))].target, tidied)
    if any(slot.markup for slot in slots):
        source = protected.source
        if inventory(out) != inventory(source) or stray(out) > stray(source):
            return Restored("", failure="the model moved markup out of order (a link's "
                                        "brackets or an emphasis pair no longer match)")
    warnings = tuple(f"{slot.describe()} is missing from the machine translation"
                     for slot in lost)
    return Restored(out, tuple(repairs), warnings)


#: Where a refused sentence is cut for a second try: its markup placeholders and
#: its clause punctuation (a comma between figures is inside a placeholder).
_CUT = re.compile(r"\{[0-9]+\}|\s*[,;:，；：、]\s*")


def _sides(protected: Protected) -> dict[int, str]:
    """"open" or "close" for each markup placeholder: ``[`` opens, ``](url)`` closes,
    an emphasis marker opens and closes in turn; a code span is neither ("")."""
    sides: dict[int, str] = {}
    seen: dict[str, int] = {}
    for m in OWN_SLOT.finditer(protected.text):
        index = int(m.group(1))
        marker = protected.slots[index].source
        if not protected.slots[index].markup:
            continue
        if marker == "[":
            sides[index] = "open"
        elif marker.startswith("]"):
            sides[index] = "close"
        elif marker.strip("*_"):
            sides[index] = ""
        else:
            seen[marker] = seen.get(marker, 0) + 1
            sides[index] = "open" if seen[marker] % 2 else "close"
    return sides


def pieces(protected: Protected, *, spaced: bool = False) -> list[tuple[str, bool]]:
    """The protected sentence cut into (text, translate?) pieces that join back to it.

    A sentence whose output cannot be restored exactly is tried again in
    smaller pieces: the text between markup markers (so a link's words are
    translated apart from its brackets, which then stand where they stood)
    and its clauses.  Markers, clause punctuation and the white space around
    pieces are kept as they are (``translate?`` false); each translated piece
    holds only letters, numbers and its own name or term placeholders.
    ``spaced``: the target puts spaces between words where the source (Chinese)
    has none, so a marker gets a space on its outer side (`` **`` … ``** ``).
    """
    out: list[tuple[str, bool]] = []
    last = 0
    sides = _sides(protected)

    def text(chunk: str) -> None:
        core = chunk.strip()
        if not core:
            if chunk:
                out.append((chunk, False))
            return
        lead = chunk[:len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()):]
        if lead:
            out.append((lead, False))
        out.append((core, any(c.isalpha() for c in OWN_SLOT.sub("", core))))
        if trail:
            out.append((trail, False))

    for m in _CUT.finditer(protected.text):
        if m.group().startswith("{") and not protected.slots[int(m.group()[1:-1])].markup:
            continue
        text(protected.text[last:m.start()])
        side = sides.get(int(m.group()[1:-1]), "-") if m.group().startswith("{") else "-"
        if spaced and side != "-":
            out.append((" " * (side != "close") + m.group() + " " * (side != "open"), False))
        else:
            out.append((m.group(), False))
        last = m.end()
    text(protected.text[last:])
    return out
