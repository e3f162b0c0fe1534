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
from dataclasses import dataclass

from pressctl.catalogs.glossary import Glossary
from pressctl.core.lang import is_unspaced
from pressctl.core.verbatim import EMAIL, URL
from pressctl.source.inline import markup_spans
from pressctl.translate.punctuation import tidy

__all__ = ["EMAIL", "URL", "Protected", "Slot", "protect", "restore"]

@dataclass(frozen=True)
class Slot:
    source: str  # the text the placeholder hides
    target: str  # what goes back in
    glossary: bool = False


@dataclass(frozen=True)
class Protected:
    text: str  # the sentence with {0}, {1}… in place of protected spans
    slots: tuple[Slot, ...]

    @property
    def needs_machine(self) -> bool:
        """Whether anything but placeholders, numbers and punctuation is left to translate."""
        return any(c.isalpha() for c in _SLOT.sub("", self.text))


_LATIN = "A-Za-z0-9"
_CODE = re.compile(r"`[^`]+`|\{[^{}\s]*\}|%(?:\d+\$)?[sd]")
_NUMBER = re.compile(rf"(?<![{_LATIN}.,])\d+(?:[.,]\d+)*(?![{_LATIN}])")
#: CamelCase or letters mixed with digits: HiCar, MyBMW, iPhone, iX3, 5G (not 17th).
_PRODUCT = re.compile(rf"(?<![{_LATIN}])(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*"
                      rf"|(?!\d+(?:st|nd|rd|th)(?![{_LATIN}]))"
                      rf"(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+)(?![{_LATIN}])")
#: Inside Chinese text, a run of Latin words is a name or a term kept as written.
_LATIN_RUN = re.compile(rf"(?<![{_LATIN}])[A-Za-z][A-Za-z0-9]*(?:[ .&+'-][A-Za-z0-9]+)*"
                        rf"(?![{_LATIN}])")
_SLOT = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")


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
        take(start, end, Slot(text[start:end], text[start:end]))
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


def restore(text: str, protected: Protected, target_lang: str) -> tuple[str, list[str]]:
    """Put target terms and kept text back; report placeholders the model lost."""
    seen: set[int] = set()

    def put(m: re.Match[str]) -> str:
        index = int(m.group(1))
        if index >= len(protected.slots):
            return m.group()
        seen.add(index)
        return protected.slots[index].target

    out = _SLOT.sub(put, tidy(text, target_lang))  # tidy first: URLs keep their ":"
    warnings = []
    for index, slot in enumerate(protected.slots):
        if index not in seen:
            what = (f"glossary term {slot.source!r} ({slot.target})" if slot.glossary
                    else repr(slot.source))
            warnings.append(f"{what} is missing from the machine translation")
    return out, warnings
