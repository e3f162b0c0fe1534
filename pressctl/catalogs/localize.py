"""Put reviewed translations into a Release, segment by segment.

Only reviewed catalog entries are published.  A segment without one is a
missing translation: the build stops and names it, unless this is a draft, in
which case the source sentence stands in and is recorded in ``untranslated``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from pressctl.core.lang import is_unspaced
from pressctl.source.release import BlockKind, Fact, Release
from pressctl.source.segment import formatted_unit, join_sentences, split_sentences

#: Blocks translated as one segment rather than sentence by sentence.
WHOLE = (BlockKind.HEADING, BlockKind.ITEM, BlockKind.FIGURE)


def localise(release: Release, translations: dict[str, str], lang: str) -> Release:
    """A copy of ``release`` in ``lang``; source strings lacking a translation stay as they are."""
    missing: list[str] = []

    def one(text: str) -> str:
        found = translations.get(text)
        if found is None:
            missing.append(text)
            return text
        return found

    def running(text: str) -> str:
        """The sentences of a paragraph, each translated or standing in its own language.

        A source sentence standing in (a draft) keeps its language's spacing: an
        English stand-in in a Chinese paragraph is followed by a space
        ("devices. Through …"), not glued to the next sentence by Chinese rules.
        """
        out = ""
        left_stands_in = False
        for sentence in split_sentences(text):
            stands_in = sentence not in translations
            if out:
                if left_stands_in and stands_in:  # two source sentences: the source's rules
                    out += join_sentences(["", ""], release.lang)
                elif left_stands_in and not is_unspaced(release.lang):
                    out += " "  # after an English stand-in, before a Chinese sentence
                else:
                    out += join_sentences(["", ""], lang)
            out += one(sentence)
            left_stands_in = stands_in
        return out

    def optional(text: str | None, fn: Callable[[str], str] = one) -> str | None:
        return fn(text) if text else text

    blocks = tuple(
        dataclasses.replace(b, text=(one(b.text) if b.text else b.text) if b.kind in WHOLE
                            else running(b.text),
                            speaker=optional(b.speaker), credit=optional(b.credit),
                            rows=tuple(tuple(one(c) if c else c for c in row) for row in b.rows))
        for b in release.blocks
    )
    facts = tuple(
        Fact(one(f.label), f.value, f.unit if formatted_unit(f.unit) else one(f.unit),
             f.period if (not f.period or f.period.isdigit()) else one(f.period),
             f.qualifier, f.line)
        for f in release.facts
    )
    localised = release.replace(
        lang=lang,
        title=one(release.title),
        subtitle=optional(release.subtitle),
        dateline=optional(release.dateline),
        organisation=one(release.organisation),
        blocks=blocks,
        facts=facts,
        boilerplate=tuple(running(line) for line in release.boilerplate),
        contact=tuple(one(line) for line in release.contact),
    )
    return localised.replace(untranslated=tuple(dict.fromkeys(missing)))
