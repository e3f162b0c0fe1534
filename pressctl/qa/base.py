"""What every check sees and returns: one translated entry, and what is wrong with it.

Checks are plain functions of a :class:`Pair` so they can be tested on two
strings without a catalog, and know nothing of files, lines or severities:
the runner in :mod:`pressctl.qa` adds those.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A glossary entry: where ``source`` occurs in the source, ``target`` must be used."""

    source: str
    target: str


@dataclass(frozen=True)
class Pair:
    """A source segment and its translation, with what the checks need to judge it."""

    source: str
    target: str
    source_lang: str = "en"
    target_lang: str = "zh"
    source_locale: str = "en"
    target_locale: str = "zh_Hans_CN"
    flags: tuple[str, ...] = ()
    #: The extracted (developer) comment: it documents extra placeholders a
    #: translator may use, e.g. ``{name}`` for a currency spelt out.
    comment: str = ""
    terms: tuple[Term, ...] = ()
    #: Names the release keeps in Latin letters whatever the language: its
    #: organisation, speakers and contacts (:mod:`pressctl.qa.names`).
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One problem found by a check; ``text`` is the offending text, quoted to the user."""

    check: str
    message: str
    text: str
    #: The words allow another reading (近 is "about" or "nearly"; a direction word
    #: far from its figure): reported at most as a warning, whatever the check's level.
    ambiguous: bool = False
