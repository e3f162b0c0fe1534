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
from pressctl.core.charnames import UNPRINTABLE, describe
from pressctl.core.errors import PressctlError
from pressctl.core.lang import canonical
from pressctl.core.names import KIT_DOMAIN  # noqa: F401  (catalog.KIT_DOMAIN, as ever)
from pressctl.core.textfile import read_utf8
from pressctl.core.verbatim import nothing_to_translate

if TYPE_CHECKING:  # a build with nothing to do reads no catalog: keep its imports light
    from pressctl.source.segment import Segment

#: How alike an old source sentence must be to carry its translation over as fuzzy.
MERGE_SIMILARITY = 70.0


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int = 0
    doubtful: int = 0  # fuzzy machine drafts whose comment says why they look degenerate
    refused: int = 0  # empty entries whose comment says why the machine's output was refused

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
    from pressctl.core.settings import project_folder

    text = read_utf8(path, what="catalog", root=project_folder(path))
    hint = "fix it in a PO editor (Poedit) or check it with 'msgfmt --check'"
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    if digest not in _WELL_FORMED:  # a build reads each catalog once per file it renders
        try:
            posyntax.check(text)
        except posyntax.PoSyntaxError as exc:
            raise PressctlError(f"malformed PO file: {exc.message}", path=path, line=exc.line,
                                hint=hint) from None
        _WELL_FORMED.add(digest)
    _refuse_control(text, path)
    try:
        po = polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError) as exc:
        message = str(exc)
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
        raise PressctlError(f"malformed PO file: {message}", path=path, line=line,
                            hint=hint) from None
    _refuse_unsafe_text(po, text, path)
    return po


#: Characters a translation cannot hold: unprintable ones (DOCX cannot store them), and
#: those Python and polib count as line breaks (a vertical tab, U+2028), which would put
#: every later line number one off.
_CONTROL = re.compile(f"{UNPRINTABLE.pattern[:-1]}\x0b\x0c\u2028\u2029]")


def _refuse_control(text: str, path: Path) -> None:
    found = _CONTROL.search(text)
    if found is not None:
        line_start = text.rfind("\n", 0, found.start()) + 1
        raise PressctlError(
            f"control character {describe(found.group())} in the catalog (column "
            f"{found.start() - line_start + 1})", path=path,
            line=text.count("\n", 0, found.start()) + 1,
            hint="delete it, or write it as an escape if it is meant (it cannot be printed)")


def _refuse_unsafe_text(po: polib.POFile, text: str, path: Path) -> None:
    """Hold every translation to the seed's rules, as ``build --draft`` publishes
    translations QA has not seen: no control character, even one written as an escape
    (``\\f``, ``\\x07``), and no link outside the policy (:mod:`pressctl.core.links`);
    refused at the msgstr line."""
    from pressctl.core.links import HINT
    from pressctl.core.links import describe as describe_link
    from pressctl.source.inline import refused_links

    lines: list[str] | None = None
    for entry in po:
        if entry.obsolete:
            continue
        for msgstr in (entry.msgstr, *entry.msgstr_plural.values()):
            if not msgstr:
                continue
            control = _CONTROL.search(msgstr)
            refused = refused_links(msgstr)
            if not (refused or control):
                continue
            lines = lines if lines is not None else text.split("\n")
            line = msgstr_line(entry, lines)
            if control is not None:
                raise PressctlError(
                    f"control character {describe(control.group())} in the translation of "
                    f"{entry.msgid[:40]!r} (written as an escape)", path=path, line=line,
                    hint="delete it: it cannot be printed, and DOCX cannot store it")
            url, reason = refused[0]
            raise PressctlError(describe_link(url, reason) + f" (the translation of "
                                f"{entry.msgid[:40]!r})", path=path, line=line, hint=HINT)


def msgstr_line(entry: polib.POEntry, lines: list[str]) -> int:
    """The line of ``entry``'s (first) msgstr in the catalog's ``lines``: where a translator
    fixes a translation (polib's ``linenum`` is where the entry's comments start)."""
    return next((n for n in range(entry.linenum, len(lines) + 1)
                 if lines[n - 1].lstrip().startswith("msgstr")), entry.linenum)


def source_language(po: polib.POFile, default: str) -> str:
    """The language of a catalog's msgids: its ``X-Source-Language`` header, else ``default``."""
    return (po.metadata.get(SOURCE_LANGUAGE) or "").strip() or default


def load_or_none(path: Path) -> polib.POFile | None:
    return load(path) if path.exists() or path.is_symlink() else None


def save(po: polib.POFile, path: Path) -> None:
    write_text(path, po.__unicode__())


def is_reviewed(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) and not entry.obsolete and "fuzzy" not in entry.flags


def reviewed(po: polib.POFile | None) -> dict[str, str]:
    """Source → translation for reviewed entries: the only text a release may publish."""
    if po is None:
        return {}
    return {e.msgid: e.msgstr for e in po if is_reviewed(e)}


def drafts(po: polib.POFile | None) -> dict[str, polib.POEntry]:
    """Source → entry for the unreviewed drafts (fuzzy, with a msgstr): what a draft kit
    shows, marked, where no reviewed translation exists."""
    if po is None:
        return {}
    return {e.msgid: e for e in po if e.msgstr and not e.obsolete and "fuzzy" in e.flags}


def says_doubtful(entry: polib.POEntry) -> bool:
    """Whether ``translate`` flagged this machine draft as degenerate in its comment."""
    return _says(entry, DOUBTFUL)


#: Comment lines ``translate`` writes under its note on a machine draft (a PO editor
#: shows them): what was mended, why the draft looks degenerate, why there is none.
REPAIRED = "repaired: "
DOUBTFUL = "doubtful: "
REFUSED = "machine translation refused: "


def _says(entry: polib.POEntry, prefix: str) -> bool:
    return any(line.startswith(prefix) for line in (entry.tcomment or "").splitlines())


def counts(po: polib.POFile | None, msgids: Iterable[str] | None = None) -> Counts:
    """Status counts; with ``msgids``, only for those segments (a missing catalog counts all)."""
    entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
    wanted = list(dict.fromkeys(msgids)) if msgids is not None else list(entries)
    translated = fuzzy = untranslated = doubtful = refused = 0
    for msgid in wanted:
        entry = entries.get(msgid)
        if entry is None or not entry.msgstr:
            untranslated += 1
            refused += entry is not None and _says(entry, REFUSED)
        elif "fuzzy" in entry.flags:
            fuzzy += 1
            doubtful += _says(entry, DOUBTFUL)
        else:
            translated += 1
    obsolete = sum(1 for e in po if e.obsolete) if po is not None else 0
    return Counts(translated, fuzzy, untranslated, obsolete, doubtful, refused)


def merge(old: polib.POFile | None, pot: polib.POFile, *, lang: str) -> polib.POFile:
    """Merge a template into an existing catalog with msgmerge's rules.

    Exact source matches (same msgid and msgctxt) keep their translation and
    status; a changed source sentence inherits the closest old translation as
    fuzzy, recording the old source as ``#| msgid`` (and a context the template
    does not have as ``#| msgctxt``), and is then stored once — the old entry
    is not also kept as obsolete; sources no longer in the template become
    obsolete.  A segment with nothing to translate enters as its own reviewed
    translation.  The ``Language`` header is kept as written when it names the
    same language (``zh_Hans`` for ``zh_CN``).
    """
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(old.metadata) if old is not None else {
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
    }
    po.metadata.update({k: v for k, v in pot.metadata.items()})
    written = po.metadata.get("Language", "").strip()
    if not written or canonical(written) != canonical(lang):
        po.metadata["Language"] = lang
    po.header = old.header if old is not None else ""
    previous = {(e.msgctxt, e.msgid): e for e in old} if old is not None else {}
    wanted = {(e.msgctxt, e.msgid) for e in pot}
    spare = {k: e for k, e in previous.items() if k not in wanted and e.msgstr}
    used: set[tuple[str | None, str]] = set()
    for new in pot:
        entry = polib.POEntry(msgid=new.msgid, msgstr="", comment=new.comment,
                              msgctxt=new.msgctxt, occurrences=list(new.occurrences),
                              flags=list(new.flags))
        match = previous.get((new.msgctxt, new.msgid))
        if match is not None:
            entry.msgstr = match.msgstr
            entry.tcomment = match.tcomment
            # Format flags are the extractor's to set (they follow the source), the rest the
            # translator's: a flag the source no longer earns must not stay.
            kept = [f for f in match.flags if not f.endswith("-format")]
            entry.flags = list(dict.fromkeys([*new.flags, *kept]))
            if "fuzzy" in match.flags:
                entry.previous_msgid = match.previous_msgid
                entry.previous_msgctxt = match.previous_msgctxt
        elif spare:
            best = _closest(new.msgid, {k: e for k, e in spare.items() if k not in used})
            if best is not None:
                old_entry = spare[best]
                used.add(best)
                entry.msgstr = old_entry.msgstr
                entry.tcomment = old_entry.tcomment
                entry.flags.append("fuzzy")
                entry.previous_msgid = old_entry.msgid
                entry.previous_msgctxt = old_entry.msgctxt
        _copy_if_literal(entry)
        po.append(entry)
    for key, old_entry in previous.items():
        if key not in wanted and key not in used and old_entry.msgstr:
            gone = polib.POEntry(msgid=old_entry.msgid, msgctxt=old_entry.msgctxt,
                                 msgstr=old_entry.msgstr, tcomment=old_entry.tcomment,
                                 flags=list(old_entry.flags), obsolete=True)
            po.append(gone)
    return po


def _closest(msgid: str, spare: dict[tuple[str | None, str], polib.POEntry]
             ) -> tuple[str | None, str] | None:
    """The spare entry whose source is most like ``msgid`` (the same sentence under a context
    the template does not give first), or None below :data:`MERGE_SIMILARITY`."""
    if not spare:
        return None
    from rapidfuzz import fuzz

    scored = [(fuzz.ratio(msgid, key[1]), key) for key in spare]
    score, key = max(scored, key=lambda pair: pair[0])
    return key if score >= MERGE_SIMILARITY else None


def _copy_if_literal(entry: polib.POEntry) -> None:
    """A segment with nothing to translate (an address, a figure) is its own reviewed translation.

    Only an empty or fuzzy entry is filled: a translator's reviewed wording
    (a phone number written the local way) stays as it is.
    """
    if (not entry.msgstr or "fuzzy" in entry.flags) and nothing_to_translate(entry.msgid):
        entry.msgstr = entry.msgid
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
        entry.previous_msgctxt = None


def update(path: Path, pot: polib.POFile, *, lang: str) -> MergeReport:
    """Merge ``pot`` into the catalog at ``path`` and write it only if it changed.

    The file keeps its own style (:mod:`pressctl.catalogs.postyle`): entries
    that did not change stay byte for byte, with the file's wrapping, line
    endings, byte-order mark and editor headers.
    """
    from pressctl.catalogs import postyle

    old = load_or_none(path)
    new = merge(old, pot, lang=lang)
    before = {(e.msgctxt, e.msgid): e for e in old} if old is not None else {}
    added = sum(1 for e in new if not e.obsolete and (e.msgctxt, e.msgid) not in before
                and not e.previous_msgid)
    fuzzy = sum(1 for e in new if not e.obsolete and e.previous_msgid
                and (e.msgctxt, e.msgid) not in before)
    obsolete = sum(1 for e in new if e.obsolete and not before[(e.msgctxt, e.msgid)].obsolete)
    kept = sum(1 for e in new if not e.obsolete and (e.msgctxt, e.msgid) in before)
    if old is None:
        text = new.__unicode__()
        changed = True
    else:
        raw = path.read_bytes().decode("utf-8")
        text = postyle.render(raw, new)
        changed = text != raw
    if changed:
        write_text(path, text)
    return MergeReport(path, added, fuzzy, obsolete, kept, changed)
