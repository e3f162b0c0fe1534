"""Strict PO syntax: is a catalog well formed, the way GNU ``msgfmt --check`` reads it?

Why this module exists: polib and Babel are lenient readers.  Both read
``msgstr "投资`` (closing quote missing) as "投" and keep a bad escape such as
``\\q`` as two characters; Babel also swallows ``"投资" junk``.  A press kit
built from such a file is published truncated, with exit 0.  GNU msgfmt
refuses all of these, but it is not installed everywhere pressctl runs (and a
library should not shell out to read a file), so pressctl checks the syntax
itself before polib reads anything: this is gettext's lexer and grammar
(``po-lex.c``, ``po-gram.y``) and the parts of ``--check`` that matter to a
catalog pressctl publishes from:

- strings: closing quotes, gettext's escapes only (``\\n \\t \\b \\r \\f \\v
  \\a \\\\ \\"``, octal, ``\\x`` hex), no text after a string but another string;
- structure: known keywords only, ``[msgctxt] msgid msgstr`` or ``msgid
  msgid_plural msgstr[0] msgstr[1] …`` with consecutive indices, previous
  (``#|``) and obsolete (``#~``) entries lexed the same way, no duplicate
  message definitions;
- header: a ``charset`` other than UTF-8 (pressctl reads catalogs as UTF-8),
  a ``Plural-Forms`` line that does not parse, plural entries without one or
  with another number of forms than ``nplurals``;
- format (non-fuzzy translations only, as msgfmt): ``msgid`` and ``msgstr``
  both begin and end with a newline or neither does; a ``python-brace-format``
  translation must be a valid :meth:`str.format` string (the kit formats it;
  which names it uses is QA's ``placeholders`` check, since the kit passes
  more values than a msgid shows, e.g. ``{name}``); ``python-format`` is
  checked by Babel's own checker.

Everything else (c-format and other languages' format flags, header field
warnings) is left to msgfmt and QA.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

OCTAL = re.compile(r"[0-7]{1,3}")
HEX_DIGIT = re.compile(r"[0-9A-Fa-f]")
HEX = re.compile(r"[0-9A-Fa-f]+")
CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)")

__all__ = ["PoSyntaxError", "check"]

KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})
#: The escapes gettext's lexer accepts besides octal and ``\x`` hex (po-lex.c, control_sequence).
ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
           "\\": "\\", '"': '"'}
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INDEX = re.compile(r"\s*\[\s*(\d+)\s*\]")
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
PLURAL_EXPRESSION = re.compile(r"^[n0-9\s()?:<>=!&|%+\-*/]+$")


class PoSyntaxError(ValueError):
    """A catalog that is not well-formed PO; ``line`` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass(frozen=True)
class _Token:
    kind: str  # "keyword", "string" or "comment" (with the flags of a "#," line)
    value: str
    line: int
    index: int | None = None  # msgstr[N]
    previous: bool = False  # on a "#|" line
    obsolete: bool = False  # on a "#~" line
    flags: tuple[str, ...] = ()


@dataclass
class _Entry:
    line: int  # of its msgid
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstr: list[tuple[int, str]]  # (line, text) for msgstr or each msgstr[N]
    obsolete: bool
    flags: tuple[str, ...] = field(default_factory=tuple)


def check(text: str) -> None:
    """Raise :class:`PoSyntaxError` at the first problem ``msgfmt --check`` would report."""
    entries = _parse(list(_tokens(text)))
    _check_duplicates(entries)
    _check_header(entries)
    for entry in entries:
        _check_format(entry)


def _tokens(text: str) -> Iterator[_Token]:
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        pos, previous, obsolete = 0, False, False
        if line.startswith("#"):
            if line.startswith("#,"):
                flags = tuple(f.strip() for f in line[2:].split(",") if f.strip())
                yield _Token("comment", "", number, flags=flags)
                continue
            if line.startswith("#~"):
                obsolete, pos = True, 2
                if line.startswith("#~|"):
                    previous, pos = True, 3
            elif line.startswith("#|"):
                previous, pos = True, 2
            else:  # translator, extracted, reference comments
                yield _Token("comment", "", number)
                continue
        yield from _line_tokens(line, pos, number, previous=previous, obsolete=obsolete)


def _line_tokens(line: str, pos: int, number: int, *, previous: bool,
                 obsolete: bool) -> Iterator[_Token]:
    after_string = False
    while True:
        while pos < len(line) and line[pos] in " \t\f\v":
            pos += 1
        if pos >= len(line):
            return
        char = line[pos]
        if char == "#":  # a comment to the end of the line, as in gettext's lexer
            yield _Token("comment", "", number)
            return
        if char == '"':
            value, pos = _string(line, pos, number)
            yield _Token("string", value, number, previous=previous, obsolete=obsolete)
            after_string = True
            continue
        word = IDENTIFIER.match(line, pos)
        if word is None or (after_string and word.group(0) not in KEYWORDS):
            found = word.group(0) if word else line[pos:].split()[0]
            where = "after a string" if after_string else "where a keyword or a string belongs"
            raise PoSyntaxError(f"unexpected text {found!r} {where}", number)
        if word.group(0) not in KEYWORDS:
            raise PoSyntaxError(f"unknown keyword {word.group(0)!r} (PO knows "
                                f"{', '.join(sorted(KEYWORDS))})", number)
        pos = word.end()
        index = None
        bracket = INDEX.match(line, pos)
        if word.group(0) == "msgstr" and bracket is not None:
            index, pos = int(bracket.group(1)), bracket.end()
        elif line[pos:].lstrip().startswith("["):
            raise PoSyntaxError(f"malformed index after {word.group(0)!r}", number)
        yield _Token("keyword", word.group(0), number, index=index, previous=previous,
                     obsolete=obsolete)


def _string(line: str, start: int, number: int) -> tuple[str, int]:
    """The decoded string starting at the quote ``line[start]``, and the position after it."""
    out: list[str] = []
    pos = start + 1
    while pos < len(line):
        char = line[pos]
        if char == '"':
            return "".join(out), pos + 1
        if char != "\\":
            out.append(char)
            pos += 1
            continue
        escape = line[pos + 1:pos + 2]
        if escape in ESCAPES:
            out.append(ESCAPES[escape])
            pos += 2
        elif escape and escape in "01234567":
            digits = OCTAL.match(line[pos + 1:])
            assert digits is not None
            out.append(chr(int(digits.group(0), 8)))
            pos += 1 + len(digits.group(0))
        elif escape == "x" and HEX_DIGIT.match(line[pos + 2:pos + 3]):
            digits = HEX.match(line[pos + 2:])
            assert digits is not None
            out.append(chr(int(digits.group(0), 16) & 0xFF))
            pos += 2 + len(digits.group(0))
        else:
            shown = f"'\\{escape}'" if escape else "'\\' at the end of the line"
            raise PoSyntaxError(f"invalid escape sequence {shown} in a string (column "
                                f"{pos + 1}); write \\\\ for a backslash", number)
    raise PoSyntaxError("end of line within a string: the closing quote '\"' is missing", number)


def _strings(tokens: list[_Token], i: int, keyword: _Token) -> tuple[str, int]:
    """The strings after ``keyword`` (at least one), joined, and the index after them."""
    parts = []
    while i < len(tokens) and tokens[i].kind == "string":
        parts.append(tokens[i].value)
        i += 1
    if not parts:
        raise PoSyntaxError(f"{keyword.value!r} has no string after it", keyword.line)
    return "".join(parts), i


def _parse(tokens: list[_Token]) -> list[_Entry]:
    entries: list[_Entry] = []
    flags: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "comment":
            flags.extend(token.flags)
            i += 1
            continue
        if token.kind == "string":
            raise PoSyntaxError("a string with no keyword before it", token.line)
        if token.previous:  # "#| msgid …": the source before a change, only lexed
            if token.value == "msgstr":
                raise PoSyntaxError("'msgstr' cannot be a previous ('#|') field", token.line)
            _, i = _strings(tokens, i + 1, token)
            if _keyword(tokens, i) is None and not (i < len(tokens) and tokens[i].previous):
                raise PoSyntaxError("a previous ('#|') field with no entry after it", token.line)
            continue
        entry, i = _entry(tokens, i)
        entry.flags = tuple(flags)
        flags = []
        entries.append(entry)
    return entries


def _keyword(tokens: list[_Token], i: int) -> _Token | None:
    """The keyword at ``tokens[i]``; a comment there, inside an entry, is an error."""
    if i < len(tokens) and tokens[i].kind == "comment":
        following = _keyword(tokens, i + 1) if i + 1 < len(tokens) else None
        if following is not None and following.value != "msgctxt" and following.value != "msgid":
            raise PoSyntaxError(f"a comment inside an entry (before its {following.value!r}); "
                                "comments go before 'msgctxt' or 'msgid'", tokens[i].line)
        return None
    if i < len(tokens) and tokens[i].kind == "keyword" and not tokens[i].previous:
        return tokens[i]
    return None


def _entry(tokens: list[_Token], i: int) -> tuple[_Entry, int]:
    """One message from ``tokens[i]`` (a keyword), and the index after it."""
    first = tokens[i]
    msgctxt = None
    if first.value == "msgctxt":
        msgctxt, i = _strings(tokens, i + 1, first)
    msgid_token = _keyword(tokens, i)
    if msgid_token is None or msgid_token.value != "msgid":
        where = tokens[i].line if i < len(tokens) else first.line
        found = f"{msgid_token.value!r}" if msgid_token else "the end of the entry"
        raise PoSyntaxError(f"{found} where 'msgid' belongs", where)
    obsolete = msgid_token.obsolete  # obsolete entries are lexed and parsed like the others
    msgid, i = _strings(tokens, i + 1, msgid_token)
    plural = None
    following = _keyword(tokens, i)
    if following is not None and following.value == "msgid_plural":
        plural, i = _strings(tokens, i + 1, following)
    msgstr: list[tuple[int, str]] = []
    while (token := _keyword(tokens, i)) is not None and token.value == "msgstr":
        if plural is None and token.index is not None:
            raise PoSyntaxError("'msgstr[N]' without 'msgid_plural'", token.line)
        if plural is not None and token.index is None:
            raise PoSyntaxError("plural entry: write 'msgstr[0]', 'msgstr[1]' …, not 'msgstr'",
                                token.line)
        if plural is None and msgstr:
            raise PoSyntaxError("a second 'msgstr' in one entry", token.line)
        if plural is not None and token.index != len(msgstr):
            raise PoSyntaxError(f"plural form has index {token.index}, expected {len(msgstr)}",
                                token.line)
        text, i = _strings(tokens, i + 1, token)
        msgstr.append((token.line, text))
    if not msgstr:
        raise PoSyntaxError("entry has no 'msgstr'", msgid_token.line)
    return _Entry(msgid_token.line, msgctxt, msgid, plural, msgstr, obsolete), i


def _check_duplicates(entries: list[_Entry]) -> None:
    first: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            raise PoSyntaxError(f"duplicate message definition (first defined on line "
                                f"{first[key]})", entry.line)
        first[key] = entry.line


def _check_header(entries: list[_Entry]) -> None:
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    fields: dict[str, str] = {}
    for line in (header.msgstr[0][1] if header else "").split("\n"):
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    where = header.msgstr[0][0] if header else 1
    charset = CHARSET.search(fields.get("content-type", ""))
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "charset"):
        raise PoSyntaxError(f"header declares charset {charset.group(1)}; pressctl reads "
                            "catalogs as UTF-8 (convert it with msgconv --to-code=UTF-8)", where)
    nplurals = None
    if "plural-forms" in fields:
        forms = PLURAL_FORMS.match(fields["plural-forms"])
        if forms is None or not PLURAL_EXPRESSION.match(forms.group(2)):
            raise PoSyntaxError(f"header Plural-Forms {fields['plural-forms']!r} is not "
                                "'nplurals=N; plural=EXPRESSION;'", where)
        nplurals = int(forms.group(1))
    for entry in entries:
        if entry.msgid_plural is None or entry.obsolete:
            continue
        if nplurals is None:
            raise PoSyntaxError("plural entry, but the header has no "
                                "'Plural-Forms: nplurals=N; plural=EXPRESSION;'", entry.line)
        if len(entry.msgstr) != nplurals:
            raise PoSyntaxError(f"{len(entry.msgstr)} plural forms, but the header says "
                                f"nplurals={nplurals}", entry.msgstr[-1][0])


def _check_format(entry: _Entry) -> None:
    """msgfmt's format checks, for translations that will be used (not fuzzy, not obsolete)."""
    if entry.obsolete or "fuzzy" in entry.flags or entry.msgid == "":
        return
    for number, (line, text) in enumerate(entry.msgstr):
        if not text:
            continue
        source = entry.msgid if number == 0 or entry.msgid_plural is None else entry.msgid_plural
        for edge, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(source, "\n") != test(text, "\n"):
                raise PoSyntaxError(f"msgid and msgstr do not both {edge} with a newline ('\\n')",
                                    line)
        if "python-brace-format" in entry.flags:
            _check_brace_format(text, line)
    if "python-format" in entry.flags:
        _check_python_format(entry)


def _check_brace_format(text: str, line: int) -> None:
    """A python-brace-format translation may hold named fields only (``{page}``): pressctl
    fills them without evaluating anything (:mod:`pressctl.core.fields`), so attribute or
    index access, conversions and format specifications are errors here, at the line."""
    from pressctl.core.fields import problem

    found = problem(text)
    if found is not None:
        raise PoSyntaxError(f"msgstr is not a valid Python brace format string "
                            f"(python-brace-format): {found}", line)


def _check_python_format(entry: _Entry) -> None:
    from babel.messages.catalog import Message, TranslationError
    from babel.messages.checkers import python_format

    ids = entry.msgid if entry.msgid_plural is None else (entry.msgid, entry.msgid_plural)
    strings = [text for _, text in entry.msgstr]
    message = Message(ids, strings[0] if entry.msgid_plural is None else tuple(strings),
                      flags=["python-format"])
    try:
        python_format(None, message)
    except TranslationError as exc:
        raise PoSyntaxError(f"python-format: {exc}", entry.msgstr[0][0]) from None
