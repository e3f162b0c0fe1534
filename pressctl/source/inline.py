"""Inline Markdown of the body text: the one reader of ``**strong**``, ``*emphasis*``,
`` `code` ``, ``[text](url)``, ``<https://…>`` and hard breaks.

Segments keep their inline markup as Markdown, the way it was typed (README,
"Marked-up text"): translators read and move ``**…**`` and ``[…](…)`` in
Poedit or Weblate as they would in any Markdown file, the catalog needs no
second syntax, and the translation is parsed exactly like the source.  Every
stage that needs more than the characters asks this module: the renderers
for styled :class:`Span` s, QA for the :func:`inventory` of spans and URLs a
translation must keep, machine translation for what to :func:`protect`, the
glyph check and bookmarks for the :func:`plain` text.

A draft kit marks the machine drafts a reviewer has not passed
(:func:`draft_marked`): the localiser wraps each one in a pair of C0 control
characters, which a seed or catalog can never hold (both readers refuse them),
so the mark rides inside the text like the Markdown around it and comes out of
:func:`spans` as ``Span.mark``; :func:`plain` drops it.

Markdown-it-py parses; link validation is switched off so that a
``javascript:`` link is seen (and refused by the one link policy,
:mod:`pressctl.core.links`, through :func:`refused_links`) rather than left as
text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from pressctl.core import links as link_policy
from pressctl.core.script import is_cjk

#: Characters that may open or close inline markup; text without them is plain.
MARKERS = frozenset("*_`[]<\\&\x0e\x0f\x11")
#: A hard line break as it is stored: a backslash ending the line (CommonMark).
HARD_BREAK = "\\\n"
#: A draft's marks (:func:`draft_marked`): SO opens a machine draft shown for review,
#: DC1 a doubtful one standing in as its source text; SI closes either.
DRAFT, DOUBTFUL = "draft", "doubtful"
_OPEN = {"\x0e": DRAFT, "\x11": DOUBTFUL}
_CLOSE = "\x0f"
_MARK_CHARS = re.compile("[\x0e\x0f\x11]")


@dataclass(frozen=True)
class Span:
    """A stretch of text with one styling; ``br`` is a hard line break (no text);
    ``mark`` is :data:`DRAFT` or :data:`DOUBTFUL` in a draft kit's unreviewed text."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    href: str | None = None
    br: bool = False
    mark: str | None = None


def draft_marked(text: str, mark: str) -> str:
    """``text`` marked as a draft kit's unreviewed text: ``mark`` is :data:`DRAFT` (a machine
    draft shown for review) or :data:`DOUBTFUL` (the source standing in for a draft that
    looks degenerate)."""
    if not text:
        return text
    opener = next(char for char, name in _OPEN.items() if name == mark)
    return f"{opener}{text}{_CLOSE}"


def draft_marks(text: str) -> set[str]:
    """The draft marks ``text`` holds (:data:`DRAFT`, :data:`DOUBTFUL`)."""
    return {_OPEN[char] for char in _OPEN if char in text}


def unmarked(text: str) -> str:
    """``text`` without a draft's marks: the characters the kit prints."""
    return _MARK_CHARS.sub("", text)


class _CJKState(StateInline):  # type: ignore[misc]
    """CommonMark's emphasis rules, friendly to Chinese (as markdown-cjk-friendly).

    CommonMark does not let ``**`` close after punctuation when a letter
    follows, so ``**高达95%**的锂`` is not bold: Chinese has no spaces to put
    there.  Beside a CJK character a delimiter run therefore counts as flanking
    on the side that is not white space, as it would next to a Latin letter.
    """

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802, N803
        """A draft's mark (:func:`draft_marked`) counts as a space beside a delimiter: it
        stands where a sentence starts or ends, so ``**Done.**`` stays bold inside one."""
        src = self.src
        if not _MARK_CHARS.search(src):
            return self._scan(start, canSplitWord)
        self.src = _MARK_CHARS.sub(" ", src)
        try:
            return self._scan(start, canSplitWord)
        finally:
            self.src = src

    def _scan(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N803
        found = super().scanDelims(start, canSplitWord)
        before = self.src[start - 1] if start > 0 else " "
        end = start + found.length
        after = self.src[end] if end < self.posMax else " "
        if not (is_cjk(before) or is_cjk(after)):
            return found
        can_open = found.can_open or (not after.isspace() and after != " ")
        can_close = found.can_close or (not before.isspace() and before != " ")
        return Scanned(can_open, can_close, found.length)


class _CJKInline(ParserInline):  # type: ignore[misc]
    def parse(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        state = _CJKState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return list(state.tokens)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").disable("text_join")
    md.inline.__class__ = _CJKInline
    # unsafe schemes are refused by the reader (unsafe_links), not left as text
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=4096)
def _children(text: str) -> tuple[Token, ...]:
    tokens = _parser().parseInline(text)
    return tuple(tokens[0].children or []) if tokens else ()


def has_markup(text: str) -> bool:
    """Whether ``text`` may hold inline markup at all (a fast test before parsing)."""
    return any(char in MARKERS for char in text) or "\n" in text


def spans(text: str) -> list[Span]:
    """``text`` as styled spans; inline HTML and character references stay as typed."""
    if not has_markup(text):
        return [Span(text)] if text else []
    out: list[Span] = []
    strong = emphasis = 0
    href: str | None = None
    mark: str | None = None
    for child in _children(text):
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            href = None
        elif kind == "hardbreak":
            out.append(Span("", br=True))
        else:
            pieces, mark = _marked_pieces(_text_of(child), mark)
            out += [Span(piece, strong > 0, emphasis > 0, kind == "code_inline", href,
                         mark=marked) for piece, marked in pieces]
    return _merged(out)


def _marked_pieces(text: str, mark: str | None) -> tuple[list[tuple[str, str | None]],
                                                          str | None]:
    """``text`` cut at a draft's marks: each piece with the mark it is under, and the
    mark in force at its end (``mark``: the one in force at its start)."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for found in _MARK_CHARS.finditer(text):
        if found.start() > position:
            out.append((text[position:found.start()], mark))
        mark = _OPEN.get(found.group())
        position = found.end()
    if position < len(text):
        out.append((text[position:], mark))
    return out, mark


def _text_of(child: Token) -> str:
    if child.type == "softbreak":
        return " "
    if child.type == "text_special" and child.info == "entity":
        return child.markup  # &amp; is printed as typed
    if child.type == "image":
        return "".join(_text_of(c) for c in child.children or [])
    if child.type in ("text", "text_special", "code_inline", "html_inline"):
        return child.content
    return ""


def _merged(items: list[Span]) -> list[Span]:
    out: list[Span] = []
    for item in items:
        if out and not item.br and not out[-1].br and \
                (item.strong, item.emphasis, item.code, item.href, item.mark) == \
                (out[-1].strong, out[-1].emphasis, out[-1].code, out[-1].href, out[-1].mark):
            out[-1] = Span(out[-1].text + item.text, item.strong, item.emphasis, item.code,
                           item.href, mark=item.mark)
        else:
            out.append(item)
    return out


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Markdown for ``text`` printed exactly as it is: every ASCII punctuation mark
    backslash-escaped (CommonMark), so nothing in it reads as markup."""
    return _PUNCTUATION.sub(r"\\\1", text)


def plain(text: str) -> str:
    """The printed characters of ``text``, markup removed (hard breaks as spaces)."""
    if not has_markup(text):
        return text
    return "".join(" " if s.br else s.text for s in spans(text))


def links(text: str) -> list[str]:
    """The URL of every link in ``text``, in order."""
    if not has_markup(text):
        return []
    return [str(c.attrs.get("href", "")) for c in _children(text) if c.type == "link_open"]


def refused_links(text: str) -> list[tuple[str, str]]:
    """Each link of ``text`` a kit may not carry (:mod:`pressctl.core.links`: its address,
    and its words when they show another address), with why."""
    found = []
    for url, words in _links_with_words(text):
        reason = link_policy.problem(url) or link_policy.text_problem(words, url)
        if reason is not None:
            found.append((url, reason))
    return found


def _links_with_words(text: str) -> list[tuple[str, str]]:
    """Each link of ``text``: its URL and the words a reader sees."""
    if not has_markup(text):
        return []
    out: list[tuple[str, str]] = []
    words: list[str] | None = None
    for child in _children(text):
        if child.type == "link_open":
            out.append((str(child.attrs.get("href", "")), ""))
            words = []
        elif child.type == "link_close" and words is not None:
            out[-1] = (out[-1][0], "".join(words))
            words = None
        elif words is not None:
            words.append(_text_of(child))
    return out


def unsafe_links(text: str) -> list[str]:
    """The URLs of :func:`refused_links`."""
    return [url for url, _ in refused_links(text)]


def inventory(text: str) -> Counter[str]:
    """What a translation must keep, as a reader sees it: each strong and emphasis
    span, each code span with its exact text, each link with its URL, each hard break."""
    items: Counter[str] = Counter()
    if not has_markup(text):
        return items
    for child in _children(text):
        if child.type == "strong_open":
            items["**strong**"] += 1
        elif child.type == "em_open":
            items["*emphasis*"] += 1
        elif child.type == "code_inline":
            items[f"`{child.content}`"] += 1
        elif child.type == "link_open":
            items[f"link {child.attrs.get('href', '')}"] += 1
        elif child.type == "hardbreak":
            items["hard break"] += 1
    return items


def stray(text: str) -> int:
    """Markup characters left as text: an unclosed ``**`` or ``[`` (a sentence cut
    inside a span).  Escaped characters (``\\*``) are not stray."""
    if not any(char in "*`[" for char in text):
        return 0
    return sum(child.content.count(mark) for child in _children(text)
               if child.type == "text" for mark in ("*", "`", "["))


#: Spans machine translation must not touch: code spans and link destinations.
_PROTECTED = re.compile(r"`[^`\n]+`"  # a code span
                        r"|\]\([^)\s]+(?:\s+\"[^\"]*\")?\)"  # ](url "title")
                        r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>")  # <https://…>


#: Emphasis markers and a link's opening bracket (not when escaped).
_MARKER = re.compile(r"(?<!\\)(?:\*\*|\*|__|\[)")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has code spans, link destinations (``](url)``), autolinks and
    emphasis markers: machine translation keeps them as they are, and the model
    translates the words between them."""
    if not has_markup(text) or not inventory(text):
        return []
    found = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    for m in _MARKER.finditer(text):
        if all(m.end() <= start or m.start() >= end for start, end in found):
            found.append((m.start(), m.end()))
    return sorted(found)
