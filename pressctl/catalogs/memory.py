"""Translation memory: every reviewed catalog entry, usable in both directions.

Press releases change between drafts, so most sentences of a new draft were
translated and reviewed before.  The memory answers them exactly, from the
catalogs under ``locales/<lang>/LC_MESSAGES/*.po`` (an en→zh catalog answers
zh→en look-ups too).  Only reviewed entries count: fuzzy ones are machine
output or guesses and must never come back as if a person had approved them.

Exact means equal after normalising what people and tools vary without
meaning to: runs of whitespace, spaces next to Chinese characters, and the
width of punctuation (，vs , and “ vs ").  Near matches are only ever
*suggestions* shown to the user, never used silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pressctl.core.lang import canonical
from pressctl.core.paths import relative_to_root
from pressctl.core.script import HALF_WIDTH, is_cjk

#: Punctuation NFKC leaves alone but people treat as the same character.
_PUNCTUATION = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    **HALF_WIDTH,  # 。、 (NFKC folds the full-width forms ，！？；：（）)
    "【": "[", "】": "]", "〔": "(", "〕": ")",
    "—": "-", "–": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
})
_NO_SPACE_BEFORE = set(",.;:!?)]%")


def _fold(char: str) -> str:
    """NFKC for punctuation, spaces and full-width forms only, so letters stay as typed."""
    if "\uff00" <= char <= "\uffef" or unicodedata.category(char)[0] in "PZS":
        return unicodedata.normalize("NFKC", char)
    return char


def normalise(text: str) -> str:
    """The key two texts share when they differ only in whitespace or punctuation width."""
    folded = "".join(_fold(c) for c in text).translate(_PUNCTUATION)
    words = folded.split()
    out: list[str] = []
    for word in words:
        if out and (is_cjk(out[-1][-1]) or is_cjk(word[0]) or word[0] in _NO_SPACE_BEFORE):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


@dataclass(frozen=True)
class Entry:
    """A reviewed translation: ``source`` in the look-up language, ``target`` in the other."""

    source: str
    target: str
    origin: str  # the catalog it came from, for messages


@dataclass(frozen=True)
class Suggestion:
    """A near match, for a person to reuse; ``score`` is rapidfuzz's 0-100 ratio."""

    source: str
    target: str
    score: float
    origin: str


@dataclass
class Memory:
    """Exact look-up tables per direction, built from reviewed entries."""

    _exact: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(table) for table in self._exact.values())

    def add(self, source: str, target: str, source_lang: str, target_lang: str,
            origin: str = "") -> None:
        """Record a reviewed pair, both ways; the first translation of a text wins."""
        if not source.strip() or not target.strip():
            return
        src, tgt = canonical(source_lang), canonical(target_lang)
        forward = self._exact.setdefault((src, tgt), {})
        forward.setdefault(normalise(source), Entry(source, target, origin))
        backward = self._exact.setdefault((tgt, src), {})
        backward.setdefault(normalise(target), Entry(target, source, origin))

    def lookup(self, text: str, source_lang: str, target_lang: str) -> Entry | None:
        """The reviewed translation of exactly this text (after normalising), or None."""
        table = self._exact.get((canonical(source_lang), canonical(target_lang)))
        return table.get(normalise(text)) if table else None

    def suggest(self, text: str, source_lang: str, target_lang: str, *,
                threshold: float, limit: int = 3) -> list[Suggestion]:
        """Reviewed entries whose source is at least ``threshold`` % like ``text``."""
        table = self._exact.get((canonical(source_lang), canonical(target_lang)))
        if not table:
            return []
        from rapidfuzz import fuzz, process

        key = normalise(text)
        found = process.extract(key, list(table), scorer=fuzz.ratio, score_cutoff=threshold,
                                limit=limit)
        return [Suggestion(table[k].source, table[k].target, round(score, 1), table[k].origin)
                for k, score, _ in found if k != key]

    def languages(self) -> set[tuple[str, str]]:
        return {pair for pair, table in self._exact.items() if table}


def catalogs(locales: Path) -> Iterable[tuple[str, Path]]:
    """(language, path) of every catalog under ``locales/<lang>/LC_MESSAGES``, sorted."""
    if not locales.is_dir():
        return []
    return [(canonical(folder.name), po)
            for folder in sorted(p for p in locales.iterdir() if p.is_dir())
            for po in sorted((folder / "LC_MESSAGES").glob("*.po"))]


def load(locales: Path, source_lang: str, *, root: Path | None = None) -> Memory:
    """A memory of every reviewed entry of every catalog under ``locales``.

    pressctl's shipped kit wording (``pressctl/locale/``) is added after the
    project's catalogs, so a project's own translation of a text wins.

    A catalog's msgids are in the language its ``X-Source-Language`` header
    names (the release's own language: ``locales/en/…`` holds the English of
    a Chinese release), else in the project's ``source_lang``; the kit's
    ``pressctl.po`` is always English.  Its msgstrs are in the language of
    the folder.  Every pair serves both directions, whatever ``source_lang``
    says.  A malformed catalog stops the run with its file and line rather
    than quietly shrinking the memory.
    """
    from pressctl.catalogs import catalog
    from pressctl.catalogs.wording import DEFAULTS_DIR, KIT_SOURCE_LANG

    memory = Memory()
    for lang, path in catalogs(locales):
        po = catalog.load(path)
        default = KIT_SOURCE_LANG if path.stem == catalog.KIT_DOMAIN else source_lang
        source = canonical(catalog.source_language(po, default))
        if lang == source:
            continue
        origin = relative_to_root(root, path)
        for msgid, msgstr in catalog.reviewed(po).items():
            memory.add(msgid, msgstr, source, lang, origin)
    # the kit's shipped wording is reviewed English → lang
    for lang, path in catalogs(DEFAULTS_DIR):
        origin = relative_to_root(DEFAULTS_DIR.parent.parent, path)  # pressctl/locale/…
        for msgid, msgstr in catalog.reviewed(catalog.load(path)).items():
            memory.add(msgid, msgstr, KIT_SOURCE_LANG, lang, origin)
    return memory
