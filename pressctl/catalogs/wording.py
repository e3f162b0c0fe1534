"""The kit's own wording as a catalog: its English msgids and pressctl's shipped translations.

The labels every kit prints ("Key figures", "Page {page} of {pages}") are a
source text like a seed: ``catalog update`` writes them to the ``pressctl``
domain, ``translate`` and ``qa`` read them.  They live here, below the kit,
so that the catalog and QA stages never import the kit that renders them;
:class:`pressctl.kit.Wording` is gettext over these messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from babel.core import get_global

from pressctl.catalogs import catalog
from pressctl.core import fields
from pressctl.core.errors import PressctlError
from pressctl.core.lang import base_lang, cldr_locale
from pressctl.core.names import SHIPPED_WORDING

if TYPE_CHECKING:  # the Markdown reader is imported where used:
    from pressctl.source.segment import (
        Segment,  # a build with nothing to do needs default_path only
    )

#: Money with the currency's name (1423.8亿欧元): optional, a language that writes
#: money this way translates it and the kit prefers it to ``{symbol}{amount}``.
#: It is its own message because gettext (``msgfmt --check``) rightly refuses a
#: translation that uses a field, ``{name}``, its msgid does not have.
MONEY_BY_NAME = "{amount} {name}"
#: The legend of a draft kit that shows unreviewed machine drafts, each part
#: highlighted as the text it explains.
LEGEND_DRAFT = "Machine translation, not yet reviewed"
LEGEND_DOUBTFUL = "Source text: its machine translation looks faulty"
#: Messages a language may leave untranslated without the kit being incomplete (the
#: legend is printed on drafts only: a language without it prints it in English).
OPTIONAL_MESSAGES = frozenset({MONEY_BY_NAME, LEGEND_DRAFT, LEGEND_DOUBTFUL})
#: The language pressctl's own wording is written in: an English kit prints it as
#: is, whatever the release's source language; other kits translate it.
KIT_SOURCE_LANG = "en"
#: pressctl's reviewed wording per language (package data, :mod:`pressctl.core.names`).
DEFAULTS_DIR = SHIPPED_WORDING

#: The kit's own wording, as msgids of the ``pressctl`` catalog.  Braces are
#: python-brace-format placeholders that translators keep.
KIT_MESSAGES: tuple[tuple[str, str], ...] = (
    ("For immediate release", "release label above the title"),
    ("Embargoed until {time}", "release label above the title of a release under embargo, "
                               "and the e-mail subject's prefix; {time} is the date and time "
                               "the embargo lifts, with its UTC offset"),
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
    (LEGEND_DRAFT, "legend at the top of a draft kit, highlighted in yellow like the unreviewed "
                   "machine translations it explains"),
    (LEGEND_DOUBTFUL, "legend at the top of a draft kit, highlighted in grey like the source "
                      "text that stands in where a machine translation looks degenerate"),
    ("about {value}", "approximate figure, e.g. about 460"),
    ("over {value}", "lower bound, e.g. over 3 million"),
    ("{symbol}{amount}", "money with the currency symbol, e.g. €142.38 billion"),
    (MONEY_BY_NAME, "money with the currency spelt out, e.g. 142.38 billion euros; translate it "
                    "only if your language writes money this way: the kit then uses it instead "
                    "of {symbol}{amount}"),
    ("{amount} {unit}", "a figure with its unit, e.g. 460 suppliers"),
    ("Key figures in {unit}", "chart caption"),
    ("Bar chart, {caption}: {bars}",
     "a chart's alternative text for screen readers (not printed): {caption} is the chart "
     "caption, {bars} its bars"),
    ("{label} ({period}): {value}", "one bar in a chart's alternative text, e.g. "
                                    "Total revenue (2024): €142.38 billion"),
    ("{label}: {value}", "one bar without a period in a chart's alternative text"),
    ("###", "end mark of the release"),
    ("Downloads", "heading of the web page's links to the kit's PDF and DOCX"),
    ("Languages", "label of the web page's list of the release's other languages"),
    ("Press releases", "title of the newsroom's index page and feeds"),
)


def is_kit_source(lang: str) -> bool:
    """Whether a kit in ``lang`` prints pressctl's wording untranslated (English)."""
    return base_lang(lang) == KIT_SOURCE_LANG


def kit_segments() -> list[Segment]:
    from pressctl.source.segment import Segment

    return [Segment(msgid, role, 0) for msgid, role in KIT_MESSAGES]


def default_path(locale: str) -> Path | None:
    """The shipped default wording for a CLDR locale, or None when pressctl has none.

    Defaults are kept per language *and script* (``zh_Hans``), so Traditional
    Chinese (``zh_Hant_TW``) never gets the Simplified wording; a locale without
    a script gets CLDR's likely one (``zh_CN`` → ``zh_Hans``).
    """
    parsed = cldr_locale(locale)
    if parsed is None:
        return None
    script = parsed.script
    if script is None:
        likely: Mapping[str, str] = get_global("likely_subtags")
        full = likely.get(str(parsed)) or likely.get(parsed.language) or ""
        parts = full.split("_")
        script = parts[1] if len(parts) > 2 else None
    if script is None:
        return None
    path = DEFAULTS_DIR / f"{parsed.language}_{script}" / "LC_MESSAGES" / "pressctl.po"
    return path if path.is_file() else None


def default_wording(locale: str) -> dict[str, str]:
    """msgid → the shipped default's reviewed wording for ``locale`` (empty without one)."""
    path = default_path(locale)
    return catalog.reviewed(catalog.load(path)) if path is not None else {}


def covered_by_default(locale: str) -> frozenset[str]:
    """Kit messages a project may leave empty in ``locale``: the default has them, or optional."""
    return frozenset(default_wording(locale)) | OPTIONAL_MESSAGES


def vet(po: polib.POFile | None, path: Path | None) -> None:
    """Refuse, when the kit's catalog is read (by ``build``, ``--draft`` included, and by
    ``qa``), a reviewed translation that is more than text with the msgid's own ``{name}``
    fields (:mod:`pressctl.core.fields`): ``{page.__class__}``, ``{0[0]}``, ``{page!r}``,
    ``{page:{pages}}`` or a name the kit does not fill is exit 2 at the msgstr's line,
    never evaluated — whether or not the entry is flagged python-brace-format."""
    kit = {msgid for msgid, _ in KIT_MESSAGES}
    for entry in po or []:
        if entry.msgid not in kit or entry.obsolete or not catalog.is_reviewed(entry):
            continue
        wanted = fields.names(entry.msgid)
        problem = fields.problem(entry.msgstr)
        if problem is None:
            unknown = sorted(fields.names(entry.msgstr) - wanted)
            if unknown:
                problem = f"{{{unknown[0]}}} is not a placeholder the kit fills"
        if problem is None:
            continue
        line = entry.linenum
        if path is not None:
            from pressctl.core.textfile import read_utf8

            line = catalog.msgstr_line(entry, read_utf8(path, what="catalog").split("\n"))
        raise PressctlError(
            f"the translation of {entry.msgid!r}, {entry.msgstr!r}, cannot be filled "
            f"in: {problem}", path=path, line=line,
            hint="use only the placeholders the kit fills: "
                 + (", ".join("{" + name + "}" for name in sorted(wanted)) or "none"))
