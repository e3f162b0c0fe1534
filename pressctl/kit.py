"""What a renderer needs for one document: the localised release and the kit's wording.

Renderers never translate or format numbers themselves; everything that
depends on the language (labels, dates, figures, the end mark) is decided here
with the kit catalog (``locales/<lang>/LC_MESSAGES/pressctl.po``) and
Babel/CLDR, so the PDF and the DOCX always say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polib
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_currency_name,
    get_currency_symbol,
)

from pressctl.lang import counts_in_myriads, is_unspaced
from pressctl.release import Block, BlockKind, Fact, Release
from pressctl.script import is_cjk
from pressctl.segment import FORMATTED_UNITS, Segment

#: The kit's own wording, as msgids of the ``pressctl`` catalog.  Braces are
#: python-brace-format placeholders that translators keep.
KIT_MESSAGES: tuple[tuple[str, str], ...] = (
    ("For immediate release", "release label above the title"),
    ("Press release", "document type, in metadata and header"),
    ("Key figures", "fact sheet heading and bookmark"),
    ("Figure", "fact table column"),
    ("Value", "fact table column"),
    ("Period", "fact table column"),
    ("Media contact", "contact block heading"),
    ("About {organisation}", "boilerplate heading"),
    ("Page {page} of {pages}", "page footer"),
    ("DRAFT", "watermark on draft builds"),
    ("Draft – not for publication", "header mark on draft builds"),
    ("about {value}", "approximate figure, e.g. about 460"),
    ("over {value}", "lower bound, e.g. over 3 million"),
    ("{symbol}{amount}", "money; symbol is €, name is euros; use {name} to spell it out"),
    ("{amount} {unit}", "a figure with its unit, e.g. 460 suppliers"),
    ("Key figures in {unit}", "chart caption"),
    ("###", "end mark of the release"),
)


def kit_segments() -> list[Segment]:
    return [Segment(msgid, role, 0) for msgid, role in KIT_MESSAGES]


class Wording:
    """gettext for the kit's own strings; an untranslated string falls back to English."""

    def __init__(self, catalog: polib.POFile | None) -> None:
        self._messages = {
            e.msgid: e.msgstr for e in catalog or []
            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
        }

    def missing(self) -> list[str]:
        return [msgid for msgid, _ in KIT_MESSAGES if msgid not in self._messages]

    def __call__(self, msgid: str, **values: object) -> str:
        text = self._messages.get(msgid, msgid)
        return text.format(**values) if values else text


@dataclass(frozen=True)
class FactRow:
    label: str
    value_text: str
    period_text: str
    value: float
    unit: str  # the source unit, the key a chart groups by
    unit_text: str  # localised unit, for captions


@dataclass(frozen=True)
class Kit:
    release: Release
    lang: str
    tag: str
    locale: str
    t: Wording
    facts: tuple[FactRow, ...]
    draft: bool = False
    colour: str = "#1C69D4"
    page_size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (20.0, 20.0, 22.0, 20.0)
    fonts: dict[str, str] = field(default_factory=dict)

    @property
    def cjk(self) -> bool:
        """Chinese or Japanese typesetting: full-width marks, no spaces (not Korean)."""
        return is_unspaced(self.lang)

    @property
    def date_text(self) -> str:
        return format_date(self.release.date, "long", locale=self.locale)

    @property
    def end_mark(self) -> str:
        return self.t("###")

    def page_label(self, page: int, pages: int) -> str:
        return self.t("Page {page} of {pages}", page=page, pages=pages)


def format_amount(value: float, locale: str) -> str:
    """142380000000 → "142.38 billion" (en) or "1423.8亿" (zh), exactly, via CLDR."""
    if abs(value) < 10_000:
        return format_decimal(value, locale=locale)
    if counts_in_myriads(locale):  # 万 and 亿 are CLDR's short forms
        return format_compact_decimal(value, format_type="short", locale=locale,
                                      fraction_digits=6)
    return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=6)


def fact_row(fact: Fact, localised: Fact, t: Wording, locale: str) -> FactRow:
    """Format one key figure; ``fact`` carries the source unit, ``localised`` the text."""
    amount = format_amount(fact.value, locale)
    if fact.unit == "%":
        value = f"{amount}%"
        unit_text = "%"
    elif fact.unit in FORMATTED_UNITS:
        symbol = get_currency_symbol(fact.unit, locale)
        name = get_currency_name(fact.unit, locale=locale)
        value = t("{symbol}{amount}", symbol=symbol, amount=amount, name=name)
        unit_text = t("{symbol}{amount}", symbol=symbol, amount="", name=name).strip()
    else:
        value = t("{amount} {unit}", amount=amount, unit=localised.unit)
        unit_text = localised.unit
    if fact.qualifier:
        value = t(f"{fact.qualifier} {{value}}", value=value)
    period = fact.period
    if period.isdigit():
        period = format_skeleton("y", dt.date(int(period), 1, 1), locale=locale)
    elif localised.period:
        period = localised.period
    return FactRow(localised.label, value, period, fact.value, fact.unit, unit_text)


def quoted_text(block: Block) -> str:
    """The words inside the first quotation of a quote paragraph, for the pull-quote."""
    text = block.text
    for opener, closer in (("“", "”"), ("「", "」"), ('"', '"'), ("‘", "’")):
        start = text.find(opener)
        end = text.find(closer, start + 1) if start >= 0 else -1
        if start >= 0 and end > start:
            inner = text[start + 1:end].strip()
            if inner and inner[-1] in ",，、":
                inner = inner[:-1] + ("。" if is_cjk(inner[-2]) else ".")
            return inner
    return text


def printed_texts(kit: Kit) -> list[str]:
    """Every string the kit prints on its pages, in either format or edition.

    The glyph check proves the font has each of their characters and the PDF
    font subset is cut to them, so both read this one list: a string printed
    but missing here would pass the check and come out as an empty box.
    """
    release = kit.release
    texts = [release.title, release.subtitle or "", release.dateline or "",
             release.organisation, kit.date_text, *release.contact, *release.boilerplate,
             language_name(kit)]  # the bilingual edition's column heads
    for block in release.blocks:
        texts += [block.text, block.speaker or ""]
        if block.kind is BlockKind.QUOTE:
            texts.append(quoted_text(block))  # the pull-quote may end with its own stop
    for row in kit.facts:
        texts += [row.label, row.value_text, row.period_text, row.unit_text]
    texts += [kit.t(msgid) for msgid, _ in KIT_MESSAGES]
    return texts


def split_speaker(speaker: str) -> tuple[str, str]:
    """"Gao Xiang, President …" → the name, set in bold, and the rest of the title."""
    cuts = [i for i in (speaker.find(","), speaker.find("，")) if i > 0]
    if not cuts:
        return speaker, ""
    cut = min(cuts)
    return speaker[:cut], speaker[cut:]


def language_name(kit: Kit) -> str:
    """"English", "中文": the language in its own words (CLDR), as the bilingual edition
    heads its columns; the kit's tag where CLDR does not know the locale."""
    try:
        return Locale.parse(kit.locale).get_language_name(kit.locale) or kit.tag
    except (ValueError, TypeError):
        return kit.tag
