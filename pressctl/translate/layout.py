"""The layout of a plain document for ``pressctl translate``: blocks kept, text translated.

``translate`` also works on a text or Markdown file that is not a seed: it
must write every line back where it was, with its markers and code, and
translate only the prose.  This module cuts a document into such blocks and
writes them back; :func:`detect_lang` guesses the document's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from pressctl.core.script import is_cjk_letter


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters make up a fair share of the letters, else ``en``."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum(1 for c in letters if is_cjk_letter(c))
    return "zh" if letters and cjk / len(letters) >= 0.3 else "en"


@dataclass
class Block:
    """A line (or joined paragraph) of a document: ``prefix`` is kept, ``text`` translated."""

    prefix: str
    text: str
    verbatim: bool = False
    open: bool = False  # a Markdown paragraph that continuation lines join
    same_line: bool = False  # continues the line of the block before (a table cell)


def layout(text: str, *, markdown: bool) -> list[Block]:
    """Split a document into blocks to translate, keeping its lines and markup.

    Plain text keeps every line as it is (so output lines match input lines).
    Markdown is read by the seeds' own parser (markdown-it block tokens with
    their line ranges): each paragraph, heading, list item and quoted
    paragraph is one block with its marker prefix (``## ``, ``- ``, ``> 1. ``)
    and its lines joined, inline markup kept for translation; everything else
    — front matter, code, HTML, rules, reference definitions, blank lines — is
    kept line for line as it is.  A table's cells are translated one by one and
    each row written again as ``| a | b |`` (the delimiter row as it was).
    """
    if not markdown:
        blocks: list[Block] = []
        for line in text.splitlines():
            stripped = line.lstrip()
            if not stripped:
                blocks.append(Block(line, "", verbatim=True))
            else:
                blocks.append(Block(line[:len(line) - len(stripped)], stripped.rstrip()))
        return blocks
    return _markdown_layout(text)


def _markdown_layout(text: str) -> list[Block]:
    from pressctl.source.read import inline_source, parser

    lines = text.splitlines()
    # first line → (end line, inline source, its first line as typed)
    starts: dict[int, tuple[int, str, str]] = {}
    tokens = parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0:
            continue
        opener = tokens[index - 1]
        if opener.type not in ("paragraph_open", "heading_open") or not opener.map:
            continue
        source = inline_source(token)
        if source:
            starts[opener.map[0]] = (opener.map[1], source, token.content.split("\n")[0].strip())
    rows: dict[int, list[str]] = {}  # a table row's line → its cells' inline sources
    for index, token in enumerate(tokens):
        if token.type == "tr_open" and token.map:
            cells: list[str] = []
            for inner in tokens[index + 1:]:
                if inner.type == "tr_close":
                    break
                if inner.type == "inline":
                    cells.append(inline_source(inner))
            rows[token.map[0]] = cells
    out: list[Block] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        if number in rows:  # each cell translated, the row written again as | a | b |
            indent = line[:len(line) - len(line.lstrip())]
            for column, cell in enumerate(rows[number]):
                glue = f"{indent}| " if column == 0 else " | "
                out.append(Block(glue, cell, verbatim=not cell, same_line=column > 0))
            out.append(Block(" |", "", verbatim=True, same_line=True))
            number += 1
            continue
        if number not in starts:
            out.append(Block(line, "", verbatim=True))
            number += 1
            continue
        end, source, first = starts[number]
        # the prefix is what stands before the text on its first line: ## , - , > 1.
        at = line.find(first)
        prefix = line[:at] if at >= 0 else line[:len(line) - len(line.lstrip())]
        out.append(Block(prefix, source))
        number = max(end, number + 1)
    return out


def render(blocks: list[Block], translated: dict[str, str], *, trailing_newline: bool) -> str:
    lines: list[str] = []
    for b in blocks:
        text = b.prefix if b.verbatim else b.prefix + translated.get(b.text, b.text)
        if b.same_line and lines:
            lines[-1] += text
        else:
            lines.append(text)
    return "\n".join(lines) + ("\n" if trailing_newline and lines else "")
