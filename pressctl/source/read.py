"""Read a seed document (YAML front matter + Markdown body) into a Release.

The body is parsed with markdown-it-py; a blockquote whose last paragraph
starts with a dash ("— Name, Title") is a quotation with its speaker, which
the kit shows as a pull-quote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from pressctl.core.charnames import UNPRINTABLE, describe
from pressctl.core.errors import PressctlError
from pressctl.core.links import HINT as LINK_HINT
from pressctl.core.links import describe as describe_link
from pressctl.core.textfile import read_utf8
from pressctl.source.inline import HARD_BREAK, refused_links
from pressctl.source.release import Block, BlockKind, Fact, ListKind, Release

#: Longest first: "——" (the Chinese double dash, GB/T 15834) must not leave one "—" behind.
ATTRIBUTION_DASHES = ("——", "――", "—", "--", "-", "–")
REQUIRED = ("title", "date", "lang", "organisation")
#: Every front matter field a seed may have (README: The source document).
FIELDS = (*REQUIRED, "subtitle", "dateline", "contact", "boilerplate", "keywords", "facts",
          "embargo")
FACT_FIELDS = ("label", "value", "unit", "period", "qualifier")
QUALIFIERS = ("about", "over")
#: Key figures must be below this: CLDR's number formatting (and a reader) stops making
#: sense long before, and ``.nan``/``.inf`` would break the charts.
LARGEST_FACT = 1e18
#: The longest slug (seed file name without ``.md``), in bytes: the kits are named
#: ``<slug>.zh-Hant-TW.docx`` and written through a temporary name beside them, and a file
#: system allows 255 bytes a name.
MAX_SLUG_BYTES = 150
#: YAML errors found past the construct that caused them (an unclosed bracket or quote).
OPENED_ELSEWHERE = ("while parsing a flow", "while scanning a quoted", "while scanning a block")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, with dates left as text and duplicate keys refused.

    PyYAML builds ``date: 2025-02-30`` into a ``datetime.date`` while it
    parses, so an impossible date escaped as a bare ValueError (a traceback);
    read as text, :func:`_date` checks it and says what is wrong with it.
    A key given twice (``value: 100`` then ``value: 999``) would silently keep
    the last value, a figure nobody reviewed: it is an error naming both lines.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class says what is wrong
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice (first on line {first + 2})",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parser() -> MarkdownIt:
    """The block parser of seeds, also used by ``pressctl translate FILE.md``."""
    # text_join would merge character references into the text already decoded;
    # without it they stay separate tokens, and inline_source keeps them as typed.
    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable("text_join")


def read_text(path: Path) -> str:
    """The seed's text: a regular file inside its project (symlinks resolved), size-limited."""
    from pressctl.core.config import project_folder

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


def _front_matter(tokens: list[Token], path: Path) -> tuple[dict[str, Any], int]:
    if not tokens or tokens[0].type != "front_matter":
        raise PressctlError("no front matter header", path=path, line=1,
                            hint="start the file with a '---' YAML header (see README)")
    token = tokens[0]
    try:
        data = yaml.load(token.content, Loader=_FrontMatterLoader) or {}  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and context.startswith(OPENED_ELSEWHERE) \
                and start.line + 2 != line:
            # An unclosed [ or " is noticed lines later; the line to fix is where it opens.
            problem = f"{problem} on line {line}, {context} that starts here"
            line = start.line + 2
        raise PressctlError(f"broken front matter: {problem}", path=path, line=line) from None
    if not isinstance(data, dict):
        raise PressctlError("front matter must be a mapping of fields", path=path, line=2)
    end = token.map[1] if token.map else 0
    return data, end


def _check_front_matter_text(header: str, path: Path) -> None:
    """Every text of the header, as YAML decoded it (``"\\a"`` is a bell character), is
    held to the body's rules at its own line: no control character, no link a kit may
    not carry."""
    stack = [yaml.compose(header, Loader=_FrontMatterLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            line = node.start_mark.line + 2  # the header starts after the '---' line
            control = UNPRINTABLE.search(node.value)
            if control is not None:
                raise PressctlError(
                    f"control character {describe(control.group())} in the front matter "
                    f"(in {node.value[:40]!r})", path=path, line=line,
                    hint="delete it (a YAML escape such as \\a or \\x07 writes one): it "
                         "cannot be printed, and DOCX cannot store it")
            refused = refused_links(node.value)
            if refused:
                url, reason = refused[0]
                raise PressctlError(describe_link(url, reason) + " (in the front matter)",
                                    path=path, line=line, hint=LINK_HINT)


def _string(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise PressctlError(f"front matter field {key!r} must be text", path=path)
    return " ".join(value.split())


def _lines(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise PressctlError(f"front matter field {key!r} must be text or a list of lines", path=path)


def _facts(data: dict[str, Any], path: Path, text: str) -> tuple[Fact, ...]:
    raw = data.get("facts") or []
    if not isinstance(raw, list):
        raise PressctlError("front matter field 'facts' must be a list", path=path)
    facts = []
    for index, item in enumerate(raw, 1):
        line = _line_of(text, f"label: {item.get('label')}") if isinstance(item, dict) else 0
        if not isinstance(item, dict) or not {"label", "value", "unit"} <= item.keys():
            raise PressctlError(f"fact {index} needs label, value and unit", path=path,
                                line=line or None)
        value = item["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise PressctlError(f"fact {index} value must be a number, not {value!r}",
                                path=path, line=line or None)
        if not (math.isfinite(value) and abs(value) < LARGEST_FACT):
            raise PressctlError(
                f"fact {index} value {value!r} cannot be printed as a key figure",
                path=path, line=line or None,
                hint=f"a key figure is a finite number smaller than {LARGEST_FACT:,.0f}")
        qualifier = item.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise PressctlError(f"fact {index} qualifier must be one of {QUALIFIERS}",
                                path=path, line=line or None)
        facts.append(Fact(label=str(item["label"]).strip(), value=float(value),
                          unit=str(item["unit"]).strip(),
                          period=str(item.get("period", "") or ""), qualifier=qualifier,
                          line=line))
    return tuple(facts)


def _refuse_unknown_fields(header: str, data: dict[str, Any], path: Path) -> None:
    """A misspelt field (``subtitel:``) would be dropped without a word: refuse it, with
    its line and the field meant.  The header is composed again only to find the line."""
    from pressctl.core.config import suggest

    facts = data.get("facts")
    unknown = [key for key in data if key not in FIELDS] or [
        key for fact in (facts if isinstance(facts, list) else [])
        if isinstance(fact, dict) for key in fact if key not in FACT_FIELDS]
    if not unknown:
        return
    key = unknown[0]
    valid = FIELDS if key in data else FACT_FIELDS
    line = None
    for node in _mapping_nodes(yaml.compose(header)):
        for name, _value in node.value:
            if name.value == str(key) and line is None:
                line = name.start_mark.line + 2  # the header starts after the '---' line
    raise PressctlError(
        f"unknown {'fact ' if valid is FACT_FIELDS else ''}field {key!r} in the front matter"
        + suggest(str(key), valid), path=path, line=line,
        hint=f"fields: {', '.join(valid)}")


def _mapping_nodes(node: yaml.Node | None) -> list[yaml.MappingNode]:
    """The header's mapping and those of its facts, top-level first."""
    if not isinstance(node, yaml.MappingNode):
        return []
    found = [node]
    for _name, value in node.value:
        if isinstance(value, yaml.SequenceNode):
            found += [item for item in value.value if isinstance(item, yaml.MappingNode)]
    return found


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 0


def _date(value: Any, path: Path, text: str) -> dt.date:
    """The release date: ``YYYY-MM-DD`` (a time after it is ignored), checked to exist."""
    found = re.search(r"^date\s*:", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    written = str(value).strip()
    iso = ISO_DATE.match(written)
    try:
        if iso:
            return dt.date(*(int(part) for part in iso.groups()))
        return dt.datetime.fromisoformat(written).date()
    except ValueError as exc:
        if iso is None:
            raise PressctlError(f"date {written!r} is not an ISO date (YYYY-MM-DD)", path=path,
                                line=line) from None
        year, month, _ = (int(part) for part in iso.groups())
        reason = str(exc)
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            reason += f": {calendar.month_name[month]} {year} has {days} days"
        raise PressctlError(f"date {written} does not exist ({reason})", path=path,
                            line=line) from None


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
            path=path, line=line,
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


def read(path: Path, *, default_lang: str | None = None) -> Release:
    """Parse one seed document; errors name the file and line.

    ``lang`` is the release's source language; with ``default_lang`` (the
    project's ``source_lang``) a seed may leave it out.
    """
    if len(path.stem.encode("utf-8")) > MAX_SLUG_BYTES:
        raise PressctlError(f"the seed's name is {len(path.stem.encode('utf-8'))} bytes long; "
                            f"the kits' file names need it to be at most {MAX_SLUG_BYTES}",
                            path=path, hint="rename the seed to a shorter slug")
    text = read_text(path)
    if not text.strip():
        raise PressctlError("the document is empty", path=path,
                            hint="run 'pressctl new <slug>' for a template")
    _refuse_unprintable(text, path)
    tokens = parser().parse(text)
    data, _ = _front_matter(tokens, path)
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


def _embargo(data: dict[str, Any], path: Path, text: str) -> dt.datetime | None:
    """``embargo:`` with its time zone, checked at its line (:mod:`pressctl.source.embargo`)."""
    from pressctl.source import embargo

    if data.get("embargo") in (None, ""):
        return None
    found = re.search(r"^embargo\s*:", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return embargo.parse(data["embargo"], path, line)
