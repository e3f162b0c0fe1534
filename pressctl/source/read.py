"""Read a seed document (YAML front matter + Markdown body) into a Release.

The front matter's rules are in :mod:`pressctl.source.front_matter`; this module
reads the file, refuses what cannot be printed, and parses the body with
markdown-it-py; a blockquote whose last paragraph starts with a dash
("— Name, Title") is a quotation with its speaker, which the kit shows as a
pull-quote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from pressctl.core.charnames import UNPRINTABLE, describe
from pressctl.core.errors import PressctlError
from pressctl.core.links import HINT as LINK_HINT
from pressctl.core.links import describe as describe_link
from pressctl.core.textfile import read_utf8
from pressctl.source.front_matter import (
    REQUIRED,
    _check_front_matter_text,
    _date,
    _embargo,
    _facts,
    _front_matter,
    _lines,
    _refuse_unknown_fields,
    _string,
)
from pressctl.source.inline import HARD_BREAK, refused_links
from pressctl.source.release import Block, BlockKind, ListKind, Release

#: Longest first: "——" (the Chinese double dash, GB/T 15834) must not leave one "—" behind.
ATTRIBUTION_DASHES = ("——", "――", "—", "--", "-", "–")
#: The longest slug (seed file name without ``.md``), in bytes: the kits are named
#: ``<slug>.zh-Hant-TW.docx`` and written through a temporary name beside them, and a file
#: system allows 255 bytes a name.
MAX_SLUG_BYTES = 150


def parser() -> MarkdownIt:
    """The block parser of seeds, also used by ``pressctl translate FILE.md``."""
    # text_join would merge character references into the text already decoded;
    # without it they stay separate tokens, and inline_source keeps them as typed.
    md = MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable("text_join")
    # markdown-it leaves a file:, javascript: or vbscript: picture as plain text, which the
    # inline reader then printed as its alt text, the picture dropped without a word: take
    # every picture as a picture, so it is checked (and refused) as one, like the inline
    # reader's links (pressctl.source.inline).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def read_text(path: Path) -> str:
    """The seed's text: a regular file inside its project (symlinks resolved), size-limited."""
    from pressctl.core.settings import project_folder

    return read_utf8(path, what="seed", root=project_folder(path))


_HARD_BREAK_END = re.compile(r"(?: {2,}|(?<!\\)(?:\\\\)*\\)$")


def inline_source(token: Token) -> str:
    """The inline Markdown of a block as typed, on one line: soft breaks become
    spaces, a hard break is kept as a backslash ending the line.

    The markup stays in the text (README, "Marked-up text"): segments carry it
    into the catalog and :mod:`pressctl.source.inline` reads it where text is drawn.
    Inline HTML (``<b>``) and character references (``&amp;``) are printed as
    typed, as pressctl has no HTML layer; a backslash escape (``\\*``) gives the
    character it protects.
    """
    lines = token.content.split("\n")
    out = ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index == len(lines) - 1 or not stripped:
            out += stripped
        elif _HARD_BREAK_END.search(line):
            if not line.endswith(" "):
                stripped = stripped[:-1].rstrip()  # the backslash that makes the break
            out += stripped + HARD_BREAK
        else:
            out += stripped + " "
    return out.strip()


def _refuse_unprintable(text: str, path: Path) -> None:
    """Stop at the first control character: it cannot be printed, DOCX's XML cannot
    store it, and dropping it silently would change the text without a word."""
    match = UNPRINTABLE.search(text)
    if match is None:
        return
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    raise PressctlError(
        f"control character {describe(match.group())} in the text "
        f"(column {start - line_start + 1})",
        path=path, line=text.count("\n", 0, start) + 1,
        hint="delete it (it was probably pasted in with the text): it cannot be printed, "
             "and DOCX cannot store it")



def _attribution(text: str) -> str | None:
    for dash in ATTRIBUTION_DASHES:
        if text.startswith(dash):
            return text[len(dash):].strip() or None
    return None


def _body(tokens: list[Token], offset: int, path: Path,
          lines: list[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    table: _Table | None = None
    depth = 0  # blockquote nesting
    quote: list[tuple[str, int]] = []
    lists: list[_List] = []  # the lists open around the current token, outermost first
    list_count = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            start = int(token.attrGet("start") or 1) if ordered else 1
            list_count += 1  # each list (a nested one too) numbers from its own start
            lists.append(_List(ListKind.ORDERED if ordered else ListKind.BULLET, start - 1,
                               list_count))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            lists[-1].number += 1
            lists[-1].fresh = True
        elif token.type == "table_open":
            table = _Table(offset + _first_line(token))
        elif token.type == "tr_open":
            assert table is not None
            table.rows.append([])
            if table.rows[1:]:
                _refuse_long_row(lines, token, len(table.rows[0]), offset, path)
        elif token.type in ("th_open", "td_open") and table is not None:
            style = str(token.attrGet("style") or "")
            if len(table.rows) == 1:
                table.align.append(style.removeprefix("text-align:"))
        elif token.type == "table_close" and table is not None:
            blocks.append(Block(BlockKind.TABLE, "", table.line,
                                rows=tuple(tuple(row) for row in table.rows),
                                align=tuple(table.align)))
            table = None
        elif token.type == "inline" and table is not None:
            _refuse_inline_picture(token, table.line, path)
            _refuse_inline_comment(token, table.line, path)
            table.rows[-1].append(inline_source(token))
        elif token.type == "hr":
            blocks.append(Block(BlockKind.RULE, "", offset + _first_line(token)))
        elif token.type in REFUSED_BLOCKS:
            _refuse_block(token, offset, path)
        elif token.type == "blockquote_open":
            depth += 1
            quote = [] if depth == 1 else quote
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                blocks.extend(_quote_blocks(quote, path))
        elif token.type == "inline":
            opener = tokens[index - 1]
            line = offset + (opener.map[0] + 1 if opener.map else 0)
            text = inline_source(token)
            if not text:
                continue
            picture = _lone_image(token)
            if picture is None or lists or depth:
                _refuse_inline_picture(token, line, path)
            _refuse_inline_comment(token, line, path)
            if opener.type == "heading_open":
                blocks.append(Block(BlockKind.HEADING, text, line, level=int(opener.tag[1])))
            elif picture is not None and not lists and not depth:
                from pressctl.source.figures import resolve_image

                src = str(picture.attrGet("src") or "")
                title = str(picture.attrGet("title") or "").strip() or None
                caption = " ".join(picture.content.split())
                if not caption:  # PDF/UA: a Figure needs its /Alt; a reader needs the words
                    raise PressctlError(
                        f"figure {src!r} has no alt text", path=path, line=line,
                        hint="write what the picture shows between the brackets, "
                             "![The plant in Leipzig](images/plant.jpg): it is printed as "
                             "the caption and read aloud as the picture's alt text")
                blocks.append(Block(BlockKind.FIGURE, caption, line,
                                    credit=title, image=resolve_image(path, src, line)))
            elif lists:
                current = lists[-1]
                # one level of nesting is printed; deeper items print at the second level
                blocks.append(Block(BlockKind.ITEM, text, line, list_kind=current.kind,
                                    depth=min(len(lists) - 1, 1),
                                    number=current.number if current.fresh else 0,
                                    list_id=current.list_id))
                current.fresh = False
            elif depth:
                quote.append((text, line))
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, text, line))
    return tuple(blocks)


#: Blocks a kit cannot print faithfully: refused with their line rather than dropped.
REFUSED_BLOCKS = ("html_block", "fence", "code_block")


def _first_line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _check_comment(token: Token, line: int, path: Path) -> None:
    """A comment block is skipped whole, to the end of the line its ``-->`` is on
    (CommonMark): an unclosed ``<!--`` would skip the rest of the release and text
    after ``-->`` would vanish, both without a word.  Refuse them at their line."""
    content = token.content
    pos = 0
    while (start := content.find("<!--", pos)) >= 0:
        end = content.find("-->", start + 4)
        again = content.find("<!--", start + 4, end if end >= 0 else len(content))
        if end < 0 or again >= 0:
            later = (f" before the next one opens on line {line + content.count(chr(10), 0, again)}"
                     if again >= 0 else "")
            raise PressctlError(
                f"HTML comment '<!--' is not closed{later}: the text after it would be left "
                "out", path=path, line=line + content.count("\n", 0, start),
                hint="end the comment with '-->'")
        pos = end + 3
    rest = _COMMENT.sub("", content).strip()
    if rest:
        raise PressctlError(
            f"text {rest[:40]!r} beside an HTML comment would not be printed",
            path=path, line=line + content.rstrip("\n").count("\n"),
            hint="put the comment on lines of its own, with the text on the next line")


def _refuse_block(token: Token, offset: int, path: Path) -> None:
    """An HTML comment is an editor's note and is skipped (but never the text beside it);
    other HTML, and code blocks (often a paragraph indented by accident), would be
    dropped or printed as raw markup: refuse them where they start."""
    line = offset + _first_line(token)
    if token.type == "html_block":
        if token.content.lstrip().startswith("<!--"):
            _check_comment(token, line, path)
            return
        raise PressctlError(
            f"HTML block {token.content.strip().splitlines()[0][:40]!r} cannot be printed",
            path=path, line=line,
            hint="write it in Markdown, or make it a comment (<!-- … -->) to keep it as a "
                 "note that is not printed")
    raise PressctlError(
        "code block cannot be printed in a press release", path=path, line=line,
        hint="un-indent the paragraph (four spaces make a code block), or use `code` "
             "inside a sentence")


def _refuse_inline_picture(token: Token, line: int, path: Path) -> None:
    """A picture inside a sentence (or a list item, quote or cell) would print as its alt
    text only and the picture would be dropped without a word: refuse it at its line."""
    found = next((c for c in token.children or [] if c.type == "image"), None)
    if found is not None:
        raise PressctlError(
            f"picture {str(found.attrGet('src') or '')!r} inside the text would not be "
            "printed", path=path, line=line,
            hint="put the picture alone in its own paragraph (a blank line before and "
                 "after): it is then printed as a figure with its caption")


def _refuse_inline_comment(token: Token, line: int, path: Path) -> None:
    """A comment inside a paragraph is inline HTML, which pressctl prints as typed: an
    editor's note (``<!-- not approved yet -->``) would be published.  Refuse it."""
    found = next((c for c in token.children or [] if c.type == "html_inline"
                  and c.content.startswith("<!--")), None)
    if found is not None:
        raise PressctlError(
            f"HTML comment {found.content[:40]!r} inside the text would be printed",
            path=path, line=line + token.content.count("\n", 0, max(
                token.content.find(found.content), 0)),
            hint="put the comment on lines of its own (a blank line before and after): "
                 "it is then an editor's note that is not printed")


def _lone_image(token: Token) -> Token | None:
    """The image of a paragraph that holds nothing else (a figure), if it is one."""
    children = [c for c in token.children or []
                if not (c.type in ("softbreak", "hardbreak") or (c.type == "text"
                                                                and not c.content.strip()))]
    return children[0] if len(children) == 1 and children[0].type == "image" else None


@dataclass
class _Table:
    """A table being read: where it starts, its rows of cells, its column alignment."""

    line: int
    rows: list[list[str]] = field(default_factory=list)
    align: list[str] = field(default_factory=list)


def _refuse_long_row(lines: list[str], token: Token, columns: int, offset: int,
                     path: Path) -> None:
    """markdown-it drops the cells past the header's count without a word: refuse
    the row, as its figures would be lost."""
    from markdown_it.rules_block.table import escapedSplit

    if not token.map:
        return
    row = lines[token.map[0]].strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells = len(escapedSplit(row))
    if cells > columns:
        raise PressctlError(
            f"table row has {cells} cells but the header has {columns}",
            path=path, line=offset + token.map[0] + 1,
            hint="add the missing column to the header row (and its delimiter row), or "
                 "remove the extra cell; a | inside a cell is written \\|")


@dataclass
class _List:
    """A list being read: its kind, the number of its current item, the release's
    count of top-level lists, and whether the current item's first paragraph is next."""

    kind: ListKind
    number: int
    list_id: int
    fresh: bool = False


def _quote_blocks(paragraphs: list[tuple[str, int]], path: Path) -> list[Block]:
    if not paragraphs:
        return []
    speaker = _attribution(paragraphs[-1][0]) if len(paragraphs) > 1 else None
    if speaker is None:
        line = paragraphs[0][1]
        raise PressctlError("quotation without a speaker", path=path, line=line,
                            hint="end the blockquote with a line '> — Name, Title'")
    body = paragraphs[:-1]
    return [Block(BlockKind.QUOTE, text, line, speaker=speaker) for text, line in body]


def _refuse_link_definitions(env: dict[str, object], text: str, path: Path) -> None:
    """A link reference definition (``[r]: https://…`` on its own line, used as
    ``[text][r]``) is refused at its line.  Markdown-it takes the definition out of the
    text, but a segment is read (and translated) on its own, without it: the kit
    printed ``[text][r]`` and the definition, and its address, vanished unchecked."""
    references = env.get("references")
    if not isinstance(references, dict) or not references:
        return
    found = min(references.values(), key=lambda value: value.get("map", [0])[0])
    line = found["map"][0] + 1 if found.get("map") else None
    typed = text.splitlines()[line - 1].strip() if line else found.get("href", "")
    raise PressctlError(
        f"a link reference definition ({typed[:60]!r}) is not supported", path=path, line=line,
        hint="write the link where it is used: [text](https://…)")


def _refuse_unsafe_links(blocks: tuple[Block, ...], path: Path) -> None:
    """A link a kit may not carry (:mod:`pressctl.core.links`: a ``file:`` or ``smb:``
    URL, a UNC or relative path, ``javascript:``) is refused where it was typed."""
    for block in blocks:
        for text in (block.text, block.speaker or "", block.credit or "",
                     *(c for row in block.rows for c in row)):
            refused = refused_links(text)
            if refused:
                url, reason = refused[0]
                raise PressctlError(describe_link(url, reason), path=path,
                                    line=block.line or None, hint=LINK_HINT)


def _refuse_hidden_in_name(path: Path) -> None:
    """Every kit, catalog and folder is named after the seed: a control or invisible
    character in its name (a right-to-left override turns ``evil<U+202E>fdp.exe`` into
    "evilexe.pdf" on screen) would be published in every file name."""
    found = next((char for char in path.stem if UNPRINTABLE.match(char) or char in "\n\r\t"
                  or unicodedata.category(char) in ("Cf", "Zl", "Zp")), None)
    if found is not None:
        raise PressctlError(f"the seed's name has the invisible character {describe(found)}; "
                            "every kit's file name is made from it", path=path,
                            hint="rename the seed with letters, digits and hyphens only")


def read(path: Path, *, default_lang: str | None = None) -> Release:
    """Parse one seed document; errors name the file and line.

    ``lang`` is the release's source language; with ``default_lang`` (the
    project's ``source_lang``) a seed may leave it out.
    """
    if len(path.stem.encode("utf-8")) > MAX_SLUG_BYTES:
        raise PressctlError(f"the seed's name is {len(path.stem.encode('utf-8'))} bytes long; "
                            f"the kits' file names need it to be at most {MAX_SLUG_BYTES}",
                            path=path, hint="rename the seed to a shorter slug")
    _refuse_hidden_in_name(path)
    text = read_text(path)
    if not text.strip():
        raise PressctlError("the document is empty", path=path,
                            hint="run 'pressctl new <slug>' for a template")
    _refuse_unprintable(text, path)
    env: dict[str, object] = {}
    tokens = parser().parse(text, env)
    data, _ = _front_matter(tokens, path)
    _refuse_link_definitions(env, text, path)
    _refuse_unknown_fields(tokens[0].content, data, path)
    _check_front_matter_text(tokens[0].content, path)
    if default_lang and not data.get("lang"):
        data["lang"] = default_lang
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise PressctlError(f"front matter lacks {', '.join(missing)}", path=path, line=1)
    blocks = _body(tokens[1:], 0, path, text.splitlines())
    if not blocks:
        raise PressctlError("the document has no body text", path=path)
    _refuse_unsafe_links(blocks, path)
    title = _string(data, "title", path) or ""
    keywords = data.get("keywords") or []
    return Release(
        slug=path.stem,
        path=path,
        lang=str(data["lang"]),
        title=title,
        subtitle=_string(data, "subtitle", path),
        date=_date(data["date"], path, text),
        organisation=_string(data, "organisation", path) or "",
        dateline=_string(data, "dateline", path),
        contact=_lines(data, "contact", path),
        boilerplate=_lines(data, "boilerplate", path),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
        facts=_facts(data, path, text),
        blocks=blocks,
        embargo=_embargo(data, path, text),
    )

