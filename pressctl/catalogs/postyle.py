"""Write a merged catalog in the file's own style: only the entries that changed are changed.

A translator's catalog has been through Poedit, Weblate, msgcat or msgattrib:
its wrapping, line endings (CRLF on Windows), byte-order mark, header order
and editor headers (``X-Generator``, ``X-Poedit-*``, Weblate's
``X-Weblate-*``) are theirs.  Re-rendering the whole file with polib after
one sentence changed turns a four-line review into eighty, as GNU
``msgmerge`` never does; so this module keeps every entry whose content is
unchanged byte for byte, edits only the header lines whose values changed,
and renders only new or changed entries, in the width the file is wrapped at.

Entries are the blank-line-separated blocks of the PO grammar (every PO
writer separates them so); each block is parsed on its own to know which
entry it holds.
"""

from __future__ import annotations

import re

import polib

#: polib's width when a file gives no sign of its own (GNU gettext wraps at 79 columns).
DEFAULT_WIDTH = 78
_BLANK = re.compile(r"\n[ \t]*\n")
_EMPTY_HEADER = 'msgid ""\nmsgstr ""\n\n'
_HEADER_LINE = re.compile(r'^"(?P<key>[^":\\]+):[ \t]*(?P<value>.*?)(?:\\n)?"$')

EntryKey = tuple[bool, str | None, str]


def _key(entry: polib.POEntry) -> EntryKey:
    return (bool(entry.obsolete), entry.msgctxt, entry.msgid)


def _blocks(text: str) -> list[str]:
    return [block for block in _BLANK.split(text.strip("\n")) if block.strip()]


def _is_header(block: str) -> bool:
    try:
        return bool(polib.pofile(block + "\n", wrapwidth=0).metadata)
    except (OSError, ValueError):
        return False


def _parse(block: str) -> polib.POEntry | None:
    """The one entry a block holds.  An empty header goes first, or polib would read the
    block's translator comments (``# …`` on its first line) as the file's header comment."""
    try:
        po = polib.pofile(_EMPTY_HEADER + block + "\n", wrapwidth=0)
    except (OSError, ValueError):
        return None
    entries = list(po)  # obsolete entries included
    return entries[0] if len(entries) == 1 else None


def wrap_width(text: str) -> int:
    """The width the file is wrapped at: polib's default (GNU's 79 columns, less the quote)
    when a string is broken over lines at spaces, else 0 (never) when an entry line runs
    past 80 columns unwrapped, as Poedit and Weblate can write them.  Chinese has no spaces
    to wrap at, so a long Chinese line says nothing about the file's wrapping."""
    lines = text.splitlines()
    wrapped = any(line.startswith('"') and line.rstrip().endswith(' "')
                  for line in lines if not line.endswith('\\n"'))
    if wrapped:
        return DEFAULT_WIDTH
    longest = max((len(line) for line in lines if line.startswith(("msgid ", "msgctxt "))),
                  default=0)
    return 0 if longest > 80 else DEFAULT_WIDTH


def render(old_text: str, new: polib.POFile) -> str:
    """``new`` written as ``old_text`` would have it: unchanged entries verbatim.

    ``old_text`` is the file as read (byte-order mark and CRLF included); the
    result keeps both.
    """
    bom = "\ufeff" if old_text.startswith("\ufeff") else ""
    body = old_text.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in body else "\n"
    body = body.replace("\r\n", "\n")
    width = wrap_width(body)
    old_blocks: dict[EntryKey, tuple[str, polib.POEntry]] = {}
    header_block: str | None = None
    for number, block in enumerate(_blocks(body)):
        if number == 0 and _is_header(block):
            header_block = block
            continue
        entry = _parse(block)
        if entry is not None:
            old_blocks.setdefault(_key(entry), (block, entry))
    old_po = polib.pofile(body, wrapwidth=0)
    out = [_header(header_block, old_po, new, width)]
    for entry in new:  # obsolete entries included, last
        found = old_blocks.get(_key(entry))
        if found is not None and _same(found[1], entry):
            out.append(found[0])
        else:
            out.append(entry.__unicode__(wrapwidth=width).rstrip("\n"))
    text = "\n\n".join(out) + "\n"
    return bom + text.replace("\n", newline)


def _same(old: polib.POEntry, new: polib.POEntry) -> bool:
    return bool(old.__unicode__(wrapwidth=0) == new.__unicode__(wrapwidth=0))


def _header(block: str | None, old: polib.POFile, new: polib.POFile, width: int) -> str:
    """The old header block with only the changed ``Key: value`` lines edited."""
    if block is None or old.header != new.header:
        return _fresh_header(new, width)
    if old.metadata == new.metadata:
        return block
    lines = block.split("\n")
    seen: set[str] = set()
    last = None
    for number, line in enumerate(lines):
        match = _HEADER_LINE.match(line.strip())
        if not match:
            continue
        key = match.group("key")
        last = number
        seen.add(key)
        if key in new.metadata and new.metadata[key] != old.metadata.get(key):
            lines[number] = f'"{key}: {polib.escape(new.metadata[key])}\\n"'
    if set(old.metadata) - seen or last is None:  # a value wrapped over lines: not ours to edit
        return _fresh_header(new, width)
    added = [f'"{key}: {polib.escape(value)}\\n"' for key, value in new.metadata.items()
             if key not in seen]
    lines[last + 1:last + 1] = added
    return "\n".join(lines)


def _fresh_header(new: polib.POFile, width: int) -> str:
    copy = polib.POFile(wrapwidth=width)
    copy.header = new.header
    copy.metadata = new.metadata
    return copy.__unicode__().rstrip("\n")
