"""What a renderer needs for one document: the localised release and the kit's wording.

Renderers never translate or format numbers themselves; everything that
depends on the language (labels, dates, figures, the end mark) is decided here
with the kit's wording and Babel/CLDR, so the PDF and the DOCX always say
the same thing.  The wording is pressctl's reviewed default for the language
(``pressctl/locale/``, package data), overridden entry by entry by the
project's ``locales/<lang>/LC_MESSAGES/pressctl.po``: a new project never has
to translate the kit's strings by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pressctl.catalogs import catalog
from pressctl.catalogs.wording import (
    KIT_MESSAGES,
    LEGEND_DOUBTFUL,
    LEGEND_DRAFT,
    MONEY_BY_NAME,
    OPTIONAL_MESSAGES,
    default_wording,
    vet,
)
from pressctl.core import fields
from pressctl.core.errors import PressctlError
from pressctl.core.fonts import FontSet
from pressctl.core.lang import EAST_ASIAN_DEFAULT, cldr_locale, counts_in_myriads, is_unspaced
from pressctl.core.script import figure_gap, has_cjk_letters, is_cjk
from pressctl.source.release import Block, BlockKind, Fact, ListKind, Release

if TYPE_CHECKING:
    from pressctl.kit.web import Web


class Wording:
    """gettext for the kit's own strings.

    A reviewed entry of the project's catalog wins; an empty or fuzzy one falls
    back to pressctl's shipped default for the language (see :meth:`load`), and
    a string neither has falls back to English.  ``path`` is the project's
    catalog, named (with the entry's line) when its translation asks for a
    placeholder the kit does not fill.
    """

    def __init__(self, po: polib.POFile | None, default: Mapping[str, str] | None = None,
                 path: Path | None = None) -> None:
        self._messages = {**(default or {}), **catalog.reviewed(po)}
        self._lines = {e.msgid: e.linenum for e in po or [] if e.msgid in self._messages}
        self._path = path
        self._vet(po)

    def _vet(self, po: polib.POFile | None) -> None:
        """A kit translation that asks for more than the msgid's ``{name}`` fields is a PO
        error at its msgstr line, never evaluated, even under ``--draft`` (one check, shared
        with ``qa``: :func:`pressctl.catalogs.wording.vet`)."""
        vet(po, self._path)

    def missing(self) -> list[str]:
        return [msgid for msgid, _ in KIT_MESSAGES
                if msgid not in self._messages and msgid not in OPTIONAL_MESSAGES]

    def has(self, msgid: str) -> bool:
        return msgid in self._messages

    @classmethod
    def load(cls, project: Path, locale: str) -> Wording:
        """The wording for ``locale``: the project's catalog at ``project`` over the default."""
        return cls(catalog.load_or_none(project), default_wording(locale), project)

    def __call__(self, msgid: str, **values: object) -> str:
        text = self._messages.get(msgid, msgid)
        if not values:
            return text
        try:
            return fields.fill(text, values)
        except (KeyError, ValueError) as exc:
            raise PressctlError(
                f"the translation of {msgid!r}, {text!r}, cannot be filled in: "
                f"{type(exc).__name__} {exc}", path=self._path, line=self._lines.get(msgid),
                hint=f"use only the placeholders the kit fills: "
                     f"{', '.join('{' + name + '}' for name in values)}") from None


@dataclass(frozen=True)
class FactRow:
    label: str
    value_text: str
    period_text: str
    value: float
    unit: str  # the source unit, the key a chart groups by
    unit_text: str  # localised unit, for captions


#: pressctl's own symbols (not the user's text, not kit wording) — the list bullets by
#: nesting depth, a round bullet then an en dash — with what the glyph gate calls each
#: and what stands in for it in a font that lacks it, best first (``glyphs.kit_bullets``
#: picks): WenQuanYi Zen Hei has no "•", but the full-width katakana middle dot "・"
#: reads as a bullet beside Chinese and Latin alike; "·" is smaller, "-" is in every font.
SYMBOLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "•": ("pressctl's list bullet", ("・", "·", "-")),
    "–": ("pressctl's second-level list bullet", ("-",)),
}
_FIRST, _SECOND = SYMBOLS
#: The bullets by nesting depth, as :data:`SYMBOLS` lists them.
BULLETS = (_FIRST, _SECOND)


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
    #: the regular and bold font, resolved by make_kit (renderers never look fonts up);
    #: None only in a kit made by hand for a check that draws nothing
    fonts: FontSet | None = None
    #: the list bullets the kit's font can draw (``glyphs.kit_bullets``), by depth
    bullets: tuple[str, str] = BULLETS
    #: the release's embargo while it holds at the build's ``--now``; None once lifted
    embargo: dt.datetime | None = None
    #: the web page's and e-mail's links (other languages, downloads, base URL)
    web: Web | None = None

    @property
    def faces(self) -> FontSet:
        """The fonts to draw with (make_kit resolved them)."""
        if self.fonts is None:
            raise TypeError("a kit without fonts draws nothing: make it with make_kit")
        return self.fonts

    @property
    def cjk(self) -> bool:
        """Chinese or Japanese typesetting: full-width marks, no spaces (not Korean)."""
        return is_unspaced(self.lang)

    @property
    def date_text(self) -> str:
        from babel.dates import format_date

        return format_date(self.release.date, "long", locale=self.locale)

    @property
    def embargo_text(self) -> str:
        """The lift moment in the kit's language with its offset ("March 17, 2025 9:00 AM
        GMT+08:00"): the zone the office wrote, never converted, so it reads as sent."""
        from babel.dates import format_date, format_time, get_timezone_gmt

        if self.embargo is None:
            return ""
        moment = self.embargo
        return " ".join((format_date(moment, "long", locale=self.locale),
                         format_time(moment, "short", tzinfo=moment.tzinfo, locale=self.locale),
                         get_timezone_gmt(moment, "long", locale=self.locale)))

    @property
    def periods(self) -> bool:
        """Whether the fact table has a Period column: not when no figure has a period
        (a recall notice's units and refund), which left an empty column under its head."""
        return any(row.period_text for row in self.facts)

    @property
    def fact_header(self) -> tuple[str, ...]:
        """The fact table's column heads in the kit's wording (see :attr:`periods`)."""
        heads = ("Figure", "Value", "Period") if self.periods else ("Figure", "Value")
        return tuple(self.t(head) for head in heads)

    @property
    def release_label(self) -> str:
        """Above the title: "For immediate release", or "Embargoed until …" while it holds."""
        if self.embargo is None:
            return self.t("For immediate release")
        return self.t("Embargoed until {time}", time=self.embargo_text)

    @property
    def subject(self) -> str:
        """The document's subject (PDF and DOCX metadata): its type, and the embargo while
        it holds, so a file found in a mail folder still says it may not be published."""
        if self.embargo is None:
            return self.t("Press release")
        return f"{self.t('Press release')} – {self.release_label}"

    @property
    def legend(self) -> str:
        """A draft kit's legend, as inline Markdown: each kind of highlight its body shows,
        explained in words highlighted the same way; "" when the body shows no draft."""
        from pressctl.source.inline import DOUBTFUL, DRAFT, draft_marked, draft_marks, escape

        if not self.draft:
            return ""
        found: set[str] = set()
        for block in self.release.blocks:
            found |= draft_marks(block.text)
            found |= {mark for row in block.rows for cell in row for mark in draft_marks(cell)}
        parts = [draft_marked(escape(self.t(msgid)), mark)
                 for mark, msgid in ((DRAFT, LEGEND_DRAFT), (DOUBTFUL, LEGEND_DOUBTFUL))
                 if mark in found]
        return " ".join(parts)  # a plain space: every font has it

    def missing_wording(self) -> list[str]:
        """Kit messages this kit prints that its language has not translated; the
        embargo's label only while the release is under one."""
        missing = self.t.missing()
        return missing if self.embargo is not None else [
            m for m in missing if m != "Embargoed until {time}"]

    @property
    def east_asian_tag(self) -> str:
        """The language of the kit's East Asian characters (DOCX ``w:eastAsia``): its own
        when it is Chinese or Japanese, else :data:`EAST_ASIAN_DEFAULT`."""
        return self.tag if self.cjk else EAST_ASIAN_DEFAULT

    @property
    def date_line(self) -> str:
        """"Munich, 17 March 2025" / "慕尼黑，2025年3月17日": the dateline before the date, with
        the language's comma; both formats print this one line."""
        if not self.release.dateline:
            return self.date_text
        return f"{self.release.dateline}{'，' if self.cjk else ', '}{self.date_text}"

    @property
    def end_mark(self) -> str:
        return self.t("###")

    def page_label(self, page: int, pages: int) -> str:
        return self.t("Page {page} of {pages}", page=page, pages=pages)


def format_amount(value: float, locale: str) -> str:
    """142380000000 → "142.38 billion" (en) or "1423.8亿" (zh), exactly, via CLDR.

    Chinese counts in 万 from ten thousand (14.74万辆); English writes figures
    below a million in full (147,400 vehicles, not "147.4 thousand").
    """
    from babel.numbers import format_compact_decimal, format_decimal

    if counts_in_myriads(locale):  # 万 and 亿 are CLDR's short forms
        if abs(value) < 10_000:
            return format_decimal(value, locale=locale)
        text = format_compact_decimal(value, format_type="short", locale=locale,
                                      fraction_digits=6)
        if not has_cjk_letters(text):
            # CLDR gives zh_Hant_HK "142.38B"; the Hong Kong Chinese press writes
            # 1423.8億, which is the script's own form (zh_Hant).
            parsed = cldr_locale(locale)
            if parsed is not None and parsed.script:
                text = format_compact_decimal(value, format_type="short", fraction_digits=6,
                                              locale=f"{parsed.language}_{parsed.script}")
        return text
    if abs(value) < 1_000_000:
        return format_decimal(value, locale=locale)
    return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=6)


def figure_with_period(row: FactRow, cjk: bool) -> str:
    """A key figure and its period, as the bilingual editions set them in one cell:
    "12,800 units (2025)", "1.28萬台（2025年）"; no brackets when the fact has no period."""
    if not row.period_text:
        return row.value_text
    return f"{row.value_text}（{row.period_text}）" if cjk else \
        f"{row.value_text} ({row.period_text})"


#: How ``[tool.pressctl.currency.<lang>] display`` may write money.
CURRENCY_DISPLAYS = ("symbol", "code", "name")


def fact_row(fact: Fact, localised: Fact, t: Wording, locale: str,
             currency: Mapping[str, str] | None = None) -> FactRow:
    """Format one key figure; ``fact`` carries the source unit, ``localised`` the text.

    Money is written as ``currency`` (the language's ``[tool.pressctl.currency.<lang>]``)
    says: a label of the project's own for that currency (``CNY = "RMB"``: "RMB 1.85
    billion", as Chinese-market press style writes it in English), else ``display`` —
    the ISO code ("CNY 1.85 billion"), the name ("1.85 billion Chinese yuan"), or by
    default CLDR's symbol ("CN¥1.85 billion"; the Chinese kit's wording writes the name).
    """
    from babel.dates import format_skeleton
    from babel.numbers import get_currency_name, get_currency_symbol

    from pressctl.source.segment import formatted_unit

    amount = format_amount(fact.value, locale)
    money = fact.unit != "%" and formatted_unit(fact.unit)
    currency = currency or {}
    display = currency.get("display", "symbol")
    label = currency.get(fact.unit) or (fact.unit if display == "code" else None)
    if fact.unit == "%":
        value = f"{amount}%"
        unit_text = "%"
    elif money and label:  # "RMB 1.85 billion", but "NT$1,990": a symbol is not spaced
        value = f"{label}{' ' if label[-1].isalpha() else ''}{amount}"
        unit_text = label
    elif money and display == "name" and not t.has(MONEY_BY_NAME):
        name = get_currency_name(fact.unit, count=fact.value, locale=locale)  # "Chinese yuan"
        value = f"{amount} {name}"
        unit_text = name
    elif money and t.has(MONEY_BY_NAME):
        name = get_currency_name(fact.unit, locale=locale)
        value = t(MONEY_BY_NAME, amount=amount, name=name)
        unit_text = name
    elif money:
        symbol = get_currency_symbol(fact.unit, locale)
        # name too: a catalog from before MONEY_BY_NAME may still write {name} here
        name = get_currency_name(fact.unit, locale=locale)
        value = t("{symbol}{amount}", symbol=symbol, amount=amount, name=name)
        unit_text = t("{symbol}{amount}", symbol=symbol, amount="", name=name).strip()
    else:
        value = t("{amount} {unit}", amount=amount, unit=localised.unit)
        gap = figure_gap(localised.unit)
        if gap is not None:
            # 2,800 kWh in the Taiwan kit as in the English one; 2,800吨 closed, and so
            # "300人" where 人 stands in untranslated in an English draft
            for written in (f"{amount} {localised.unit}", f"{amount}{localised.unit}"):
                value = value.replace(written, f"{amount}{gap}{localised.unit}")
        unit_text = localised.unit
    if fact.qualifier:
        value = t(f"{fact.qualifier} {{value}}", value=value)
    period = fact.period
    if period.isdigit():
        period = format_skeleton("y", dt.date(int(period), 1, 1), locale=locale)
    elif localised.period:
        period = localised.period
    return FactRow(localised.label, value, period, fact.value, fact.unit, unit_text)


def item_marker(block: Block, bullets: tuple[str, str]) -> str:
    """What stands before a list item: a bullet or its number ("3."), none for a further
    paragraph of the same item.  Chinese keeps "1." too: in a hanging list of Arabic
    numerals it is what Chinese releases and GB/T 1.1 style documents print (顿号 1、
    belongs to numbers running in the text).  ``bullets``: the kit's (``Kit.bullets``),
    which fall back to a glyph its font has."""
    if block.kind is not BlockKind.ITEM or (block.number == 0
                                            and block.list_kind is ListKind.ORDERED):
        return ""
    if block.list_kind is ListKind.ORDERED:
        return f"{block.number}."
    return bullets[min(block.depth, 1)] if block.number else ""


def _quotation(text: str) -> tuple[int, int]:
    """Where the words of the first quotation in ``text`` are (all of it when none)."""
    for opener, closer in (("“", "”"), ("「", "」"), ('"', '"'), ("‘", "’")):
        start = text.find(opener)
        end = text.find(closer, start + 1) if start >= 0 else -1
        if start >= 0 and end > start:
            return start + 1, end
    return 0, len(text)


def quoted_text(block: Block) -> str:
    """The words inside the first quotation of a quote paragraph, for the pull-quote."""
    from pressctl.source.inline import plain

    text = plain(block.text)
    start, end = _quotation(text)
    if (start, end) == (0, len(text)):
        return text
    inner = text[start:end].strip()
    if inner and inner[-1] in ",，、":
        inner = inner[:-1] + ("。" if is_cjk(inner[-2]) else ".")
    return inner


def pull_quote_marked(kit: Kit, block: Block) -> str | None:
    """The pull-quote as inline Markdown highlighted as the draft it repeats, in a draft kit
    whose quotation is an unreviewed draft (or the source standing in for a doubtful one:
    that mark wins); None when its words are reviewed, and the renderers print
    :func:`pull_quote` as they always have."""
    from pressctl.source.inline import DOUBTFUL, DRAFT, draft_marked, escape, spans

    found = spans(block.text)
    marks = [s.mark for s in found for _ in (" " if s.br else s.text)]
    start, end = _quotation("".join(" " if s.br else s.text for s in found))
    inside = set(marks[start:end]) - {None}
    if not inside:
        return None
    return draft_marked(escape(pull_quote(kit, block)), DOUBTFUL if DOUBTFUL in inside else DRAFT)


def pull_quote(kit: Kit, block: Block) -> str:
    """The pull-quote in the kit language's double quotes (「…」 in Taiwan and Hong Kong).

    A quotation standing in untranslated in a draft keeps its own language's
    quotes: English in a Taiwan kit is “In China, …”, not 「In China, …」.
    """
    from pressctl.core.lang import is_unspaced, language
    from pressctl.core.script import has_cjk_letters

    text = quoted_text(block)
    own_script = has_cjk_letters(text) == is_unspaced(kit.lang)
    marks = language(kit.lang if own_script else "zh" if has_cjk_letters(text) else "en").quotes
    return f"{marks[0]}{text}{marks[1]}"


#: The dot between the parts of a running head or foot ("新闻稿 · Press release").
SEPARATOR = "·"


def attribution_dash(cjk: bool) -> str:
    """What stands before a quote's speaker: the Chinese double dash (——, GB/T 15834),
    or an em dash and a space."""
    return "——" if cjk else "— "


def printed_texts(kit: Kit) -> list[str]:
    """Every string the kit prints on its pages, in either format or edition.

    The glyph check proves the font has each of their characters and the PDF
    font subset is cut to them, so both read this one list: a string printed
    but missing here would pass the check and come out as an empty box.
    """
    from pressctl.source.inline import plain

    release = kit.release
    texts = [release.title, release.subtitle or "", release.dateline or "",
             release.organisation, kit.date_text, *release.contact, *release.boilerplate,
             language_name(kit)]  # the bilingual edition's column heads
    for block in release.blocks:
        texts += [plain(block.text), plain(block.speaker or ""), item_marker(block, kit.bullets),
                  block.credit or "",
                  *(plain(cell) for row in block.rows for cell in row)]
        if block.kind is BlockKind.QUOTE:
            # the pull-quote may end with its own stop, inside the regional marks (「」)
            texts += [quoted_text(block), pull_quote(kit, block)[0] + pull_quote(kit, block)[-1]]
    for row in kit.facts:
        texts += [row.label, row.value_text, row.period_text, row.unit_text]
    texts += [kit.t(msgid) for msgid, _ in KIT_MESSAGES]
    texts.append(kit.release_label)
    # what the renderers print of their own: the speaker's dash, the running heads' dot
    texts += [attribution_dash(kit.cjk), SEPARATOR]
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
    parsed = cldr_locale(kit.locale)
    return (parsed.get_language_name(kit.locale) if parsed is not None else None) or kit.tag
