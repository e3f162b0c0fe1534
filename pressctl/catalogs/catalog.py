"""Gettext catalogs: extract segments into a template and merge like msgmerge.

Translators keep working in the PO files with the tools they know (Poedit,
Weblate, Lokalize); pressctl only ever adds, marks fuzzy or obsoletes entries,
so a reviewed translation is never lost to an update.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pressctl.catalogs import posyntax
from pressctl.core.atomic import write_text
from pressctl.core.errors import PressctlError
from pressctl.core.textfile import read_utf8
from pressctl.core.verbatim import nothing_to_translate

if TYPE_CHECKING:  # a build with nothing to do reads no catalog: keep its imports light
    from pressctl.source.segment import Segment

#: How alike an old source sentence must be to carry its translation over as fuzzy.
MERGE_SIMILARITY = 70.0
KIT_DOMAIN = "pressctl"


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated


@dataclass(frozen=True)
class MergeReport:
    path: Path
    added: int
    fuzzy: int
    obsolete: int
    kept: int
    written: bool


#: The header naming the language of the msgids, as Poedit writes and shows it.
SOURCE_LANGUAGE = "X-Source-Language"


def template(segments: Iterable[Segment], source: str, *, project: str,
             date: dt.date | None = None, source_lang: str | None = None) -> polib.POFile:
    """A POT holding one entry per distinct segment, in reading order.

    ``source_lang`` (the release's language) is recorded in the
    ``X-Source-Language`` header: a project holds English and Chinese
    originals, so the msgids of ``locales/en/…`` may be Chinese, and a PO
    editor, the translation memory and QA read the direction from there.
    """
    pot = polib.POFile(wrapwidth=78)
    pot.metadata = {
        "Project-Id-Version": project,
        "POT-Creation-Date": f"{(date or dt.date(1970, 1, 1)).isoformat()} 00:00+0000",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": "pressctl",
    }
    if source_lang:
        pot.metadata[SOURCE_LANGUAGE] = source_lang
    seen: dict[str, polib.POEntry] = {}
    for seg in segments:
        occurrence = (source, str(seg.line) if seg.line else "")
        entry = seen.get(seg.text)
        if entry is None:
            entry = polib.POEntry(msgid=seg.text, msgstr="", comment=seg.role,
                                  occurrences=[occurrence])
            if "{" in seg.text and "}" in seg.text and source.endswith(".py"):
                entry.flags.append("python-brace-format")
            seen[seg.text] = entry
            pot.append(entry)
        else:
            if occurrence not in entry.occurrences:
                entry.occurrences.append(occurrence)
            if seg.role not in entry.comment.split(", "):
                entry.comment += f", {seg.role}"
    return pot


#: Hashes of PO texts that passed the strict syntax check in this process.
_WELL_FORMED: set[bytes] = set()


def load(path: Path) -> polib.POFile:
    """Parse a PO file; a malformed one is reported with its line, never half-read.

    Every catalog pressctl reads comes through here (release catalogs, the kit
    wording, the translation memory), so the strict check runs once per read:
    polib alone would read ``msgstr "投资`` (closing quote missing) as "投".
    """
    text = read_utf8(path, what="catalog")
    hint = "fix it in a PO editor (Poedit) or check it with 'msgfmt --check'"
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    if digest not in _WELL_FORMED:  # a build reads each catalog once per file it renders
        try:
            posyntax.check(text)
        except posyntax.PoSyntaxError as exc:
            raise PressctlError(f"malformed PO file: {exc.message}", path=path, line=exc.line,
                                hint=hint) from None
        _WELL_FORMED.add(digest)
    try:
        return polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError) as exc:
        message = str(exc)
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
        raise PressctlError(f"malformed PO file: {message}", path=path, line=line,
                            hint=hint) from None


def source_language(po: polib.POFile, default: str) -> str:
    """The language of a catalog's msgids: its ``X-Source-Language`` header, else ``default``."""
    return (po.metadata.get(SOURCE_LANGUAGE) or "").strip() or default


def load_or_none(path: Path) -> polib.POFile | None:
    return load(path) if path.exists() else None


def save(po: polib.POFile, path: Path) -> None:
    write_text(path, po.__unicode__())


def is_reviewed(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) and not entry.obsolete and "fuzzy" not in entry.flags


def reviewed(po: polib.POFile | None) -> dict[str, str]:
    """Source → translation for reviewed entries: the only text a release may publish."""
    if po is None:
        return {}
    return {e.msgid: e.msgstr for e in po if is_reviewed(e)}


def counts(po: polib.POFile | None, msgids: Iterable[str] | None = None) -> Counts:
    """Status counts; with ``msgids``, only for those segments (a missing catalog counts all)."""
    entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
    wanted = list(dict.fromkeys(msgids)) if msgids is not None else list(entries)
    translated = fuzzy = untranslated = 0
    for msgid in wanted:
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr:
            untranslated += 1
        elif "fuzzy" in entry.flags:
            fuzzy += 1
        else:
            translated += 1
    obsolete = sum(1 for e in po if e.obsolete) if po is not None else 0
    return Counts(translated, fuzzy, untranslated, obsolete)


def merge(old: polib.POFile | None, pot: polib.POFile, *, lang: str) -> polib.POFile:
    """Merge a template into an existing catalog with msgmerge's rules.

    Exact source matches keep their translation and status; a changed source
    sentence inherits the closest old translation as fuzzy, recording the old
    source as ``#| msgid``; sources no longer in the template become obsolete.
    A segment with nothing to translate enters as its own reviewed translation.
    """
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(old.metadata) if old is not None else {
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
    }
    po.metadata.update({k: v for k, v in pot.metadata.items()})
    po.metadata["Language"] = lang
    po.header = old.header if old is not None else ""
    previous = {e.msgid: e for e in old} if old is not None else {}
    wanted = {e.msgid for e in pot}
    spare = {m: e for m, e in previous.items() if m not in wanted and e.msgstr}
    for new in pot:
        entry = polib.POEntry(msgid=new.msgid, msgstr="", comment=new.comment,
                              occurrences=list(new.occurrences), flags=list(new.flags))
        match = previous.get(new.msgid)
        if match is not None:
            entry.msgstr = match.msgstr
            entry.tcomment = match.tcomment
            # Format flags are the extractor's to set (they follow the source), the rest the
            # translator's: a flag the source no longer earns must not stay.
            kept = [f for f in match.flags if not f.endswith("-format")]
            entry.flags = list(dict.fromkeys([*new.flags, *kept]))
            entry.previous_msgid = match.previous_msgid if "fuzzy" in match.flags else None
        elif spare:
            from rapidfuzz import fuzz, process

            best = process.extractOne(new.msgid, list(spare), scorer=fuzz.ratio,
                                      score_cutoff=MERGE_SIMILARITY)
            if best is not None:
                old_entry = spare[best[0]]
                entry.msgstr = old_entry.msgstr
                entry.tcomment = old_entry.tcomment
                entry.flags.append("fuzzy")
                entry.previous_msgid = old_entry.msgid
        _copy_if_literal(entry)
        po.append(entry)
    for msgid, old_entry in previous.items():
        if msgid not in wanted and old_entry.msgstr:
            gone = polib.POEntry(msgid=msgid, msgstr=old_entry.msgstr,
                                 tcomment=old_entry.tcomment, flags=list(old_entry.flags),
                                 obsolete=True)
            po.append(gone)
    return po


def _copy_if_literal(entry: polib.POEntry) -> None:
    """A segment with nothing to translate (an address, a figure) is its own reviewed translation.

    Only an empty or fuzzy entry is filled: a translator's reviewed wording
    (a phone number written the local way) stays as it is.
    """
    if (not entry.msgstr or "fuzzy" in entry.flags) and nothing_to_translate(entry.msgid):
        entry.msgstr = entry.msgid
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None


def update(path: Path, pot: polib.POFile, *, lang: str) -> MergeReport:
    """Merge ``pot`` into the catalog at ``path`` and write it only if it changed."""
    old = load_or_none(path)
    new = merge(old, pot, lang=lang)
    before = {e.msgid: e for e in old} if old is not None else {}
    added = sum(1 for e in new if not e.obsolete and e.msgid not in before
                and not e.previous_msgid)
    fuzzy = sum(1 for e in new if not e.obsolete and e.previous_msgid
                and e.msgid not in before)
    obsolete = sum(1 for e in new if e.obsolete and not before[e.msgid].obsolete)
    kept = sum(1 for e in new if not e.obsolete and e.msgid in before)
    text = new.__unicode__()
    changed = old is None or text != old.__unicode__()
    if changed:
        write_text(path, text)
    return MergeReport(path, added, fuzzy, obsolete, kept, changed)
