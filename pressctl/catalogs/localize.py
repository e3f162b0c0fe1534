"""Put reviewed translations into a Release, segment by segment.

Only reviewed catalog entries are published.  A segment without one is a
missing translation: the build stops and names it, unless this is a draft, in
which case the source sentence stands in and is recorded in ``untranslated``.

A draft kit shows the reviewer the machine's work in layout: where ``drafts``
holds an unreviewed draft of a segment of the body (paragraphs, headings, list
items, table cells), the draft stands in, marked as :data:`~pressctl.source.inline.DRAFT`
for the renderers to highlight; a draft that looks degenerate is not shown as a
translation: its source stands in, marked :data:`~pressctl.source.inline.DOUBTFUL`.
Either is still untranslated.  Other fields (title, contact, captions …) are drawn
as plain text, which cannot carry the mark, so their source stands in as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from pressctl.core.lang import is_unspaced
from pressctl.source.inline import DOUBTFUL, DRAFT, draft_marked
from pressctl.source.release import BlockKind, Fact, Release
from pressctl.source.segment import formatted_unit, join_sentences, split_sentences

#: Blocks translated as one segment rather than sentence by sentence.
WHOLE = (BlockKind.HEADING, BlockKind.ITEM, BlockKind.FIGURE)


#: Blocks whose text the renderers draw through the inline reader, so it can be marked.
MARKABLE = (BlockKind.HEADING, BlockKind.ITEM, BlockKind.PARAGRAPH, BlockKind.QUOTE,
            BlockKind.TABLE)


def localise(release: Release, translations: dict[str, str], lang: str,
             drafts: Mapping[str, tuple[str, bool]] | None = None) -> Release:
    """A copy of ``release`` in ``lang``; source strings lacking a translation stay as they are.

    ``drafts`` (a draft kit): source → (unreviewed draft, whether it looks degenerate),
    shown marked in the body as the module says."""
    missing: list[str] = []
    drafts = drafts or {}

    def one(text: str) -> str:
        found = translations.get(text)
        if found is None:
            missing.append(text)
            return text
        return found

    def shown(text: str) -> str:
        """``one``, or in the body of a draft kit its marked draft."""
        if text in translations or text not in drafts:
            return one(text)
        missing.append(text)
        draft, doubtful = drafts[text]
        return draft_marked(text, DOUBTFUL) if doubtful else draft_marked(draft, DRAFT)

    def stands_in(text: str) -> bool:
        """Whether ``text`` is printed in the source language (spaced by its rules)."""
        return text not in translations and (text not in drafts or drafts[text][1])

    def running(text: str, markable: bool = True) -> str:
        """The sentences of a paragraph, each translated or standing in its own language.

        A source sentence standing in (a draft) keeps its language's spacing: an
        English stand-in in a Chinese paragraph is followed by a space
        ("devices. Through …"), not glued to the next sentence by Chinese rules.
        """
        out = ""
        left_stands_in = False
        for sentence in split_sentences(text):
            source = stands_in(sentence) if markable else sentence not in translations
            if out:
                if left_stands_in and source:  # two source sentences: the source's rules
                    out += join_sentences(["", ""], release.lang)
                elif left_stands_in and not is_unspaced(release.lang):
                    out += " "  # after an English stand-in, before a Chinese sentence
                else:
                    out += join_sentences(["", ""], lang)
            out += shown(sentence) if markable else one(sentence)
            left_stands_in = source
        return out

    def optional(text: str | None, fn: Callable[[str], str] = one) -> str | None:
        return fn(text) if text else text

    def whole(block_kind: BlockKind) -> Callable[[str], str]:
        return shown if block_kind in MARKABLE else one

    blocks = tuple(
        dataclasses.replace(b, text=(whole(b.kind)(b.text) if b.text else b.text)
                            if b.kind in WHOLE
                            else running(b.text, b.kind in MARKABLE),
                            speaker=optional(b.speaker), credit=optional(b.credit),
                            rows=tuple(tuple(whole(b.kind)(c) if c else c for c in row)
                                       for row in b.rows))
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
        boilerplate=tuple(running(line, markable=False) for line in release.boilerplate),
        contact=tuple(one(line) for line in release.contact),
    )
    return localised.replace(untranslated=tuple(dict.fromkeys(missing)))
