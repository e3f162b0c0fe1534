"""The project glossary (``locales/glossary.csv``): terms that must be translated one way.

Names of companies, products and people have one approved translation (宝马
for BMW, 齐普策 for Oliver Zipse) or none at all (HUAWEI HiCar stays in Latin
letters).  A machine model does not know that, so the translation engine
finds glossary terms in the source, hides them from the model behind
placeholders and puts the approved target term in afterwards.

The file is CSV with the header ``source,target,note``: ``source`` is the term
in the project's source language, ``target`` in its (first) target language.
The same rows serve both directions; the longest term wins where terms
overlap ("BMW Group Greater China" before "BMW Group" before "BMW").  A header
naming its languages (``en,zh,zh-Hant-TW,zh-Hant-HK,note``) may add a column
per Traditional variant; an empty cell there, or no column, means the OpenCC
conversion of the Simplified term.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar

from pressctl.core.errors import PressctlError
from pressctl.core.lang import canonical, cldr_locale, is_traditional
from pressctl.core.textfile import read_utf8

HEADER = ("source", "target", "note")
#: A term that starts or ends with one of these must not match inside a longer word
#: ("BMW" is not in "MyBMW"); Chinese has no word boundaries, so CJK ends match anywhere.
WORD_CHARS = "A-Za-z0-9"
APOSTROPHES = "'’"
HYPHENS = "-‐‑–"


def _char_pattern(char: str) -> str:
    """Typographic and straight apostrophes and hyphens alike, any run of spaces for one."""
    if char in APOSTROPHES:
        return f"[{APOSTROPHES}]"
    if char in HYPHENS:
        return f"[{HYPHENS}]"
    if char.isspace():
        return r"\s+"
    return re.escape(char)


@dataclass(frozen=True)
class Term:
    """One glossary row, oriented for a translation direction."""

    source: str
    target: str
    note: str = ""
    line: int = 0
    #: (language tag, term) from extra language columns: 寶馬 for zh-Hant-TW
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


@dataclass
class Glossary:
    """Terms between ``source_lang`` (the CSV's source column) and ``target_lang``."""

    terms: tuple[Term, ...] = ()
    source_lang: str = "en"
    target_lang: str = "zh"
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.terms)

    def direction(self, src: str, tgt: str) -> list[Term]:
        """The terms as seen translating ``src`` → ``tgt``; empty for other pairs.

        Reversed, two English terms may share a Chinese one; the first row wins,
        which is why the CSV lists the preferred English wording first.  A
        Traditional variant (``zh-Hant-TW``) the CSV has no column for gets the
        OpenCC conversion of the Simplified terms (宝马 → 寶馬).
        """
        src, tgt = canonical(src), canonical(tgt)
        if "zh" in (self.source_lang, self.target_lang) and \
                is_traditional(src) != is_traditional(tgt) and \
                (is_traditional(src) or is_traditional(tgt)):
            from pressctl.core.hant import convert

            variant = src if is_traditional(src) else tgt
            zh_first = self.source_lang == "zh"

            def hant(term: Term) -> str:
                given = dict(term.variants).get(variant)
                return given or convert(term.source if zh_first else term.target, variant)

            terms = [Term(hant(t) if zh_first else t.source,
                          t.target if zh_first else hant(t), t.note, t.line)
                     for t in self.terms]
            converted = Glossary(tuple(terms), variant if zh_first else self.source_lang,
                                 self.target_lang if zh_first else variant, self.path)
            if (src, tgt) != (variant, variant):
                return converted.direction(src, tgt)
        if (src, tgt) == (self.source_lang, self.target_lang):
            return list(self.terms)
        if (src, tgt) == (self.target_lang, self.source_lang):
            seen: dict[str, Term] = {}
            for term in self.terms:
                seen.setdefault(term.target, Term(term.target, term.source, term.note, term.line))
            return list(seen.values())
        return []

    def find(self, text: str, src: str, tgt: str) -> list[Match]:
        """Non-overlapping glossary terms in ``text``, left to right, longest first."""
        return [Match(start, end, term)
                for start, end, term in find_terms(text, self.direction(src, tgt))]


class HasSource(Protocol):
    """Anything with a source term: this module's :class:`Term` or QA's."""

    @property
    def source(self) -> str: ...


T = TypeVar("T", bound=HasSource)


@lru_cache(maxsize=64)
def _terms_pattern(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of every term, longest first, group ``t<i>`` for ``sources[i]``.

    The rules of a match, for the engine and QA alike: a term with a Latin
    first or last character does not match inside a longer word ("BMW" is not
    in "MyBMW"); a lower-case term matches in any case ("Smart cockpit" opening
    a heading) and in the plural ("smart cockpits", "boxes"), a name only as
    written ("BMWs" and "HUAWEI Mate" are not "BMW" and "Huawei"); typographic
    and straight apostrophes and hyphens, and runs of spaces, are alike.
    """
    groups = []
    for index, source in sorted(enumerate(sources), key=lambda item: -len(item[1])):
        if not source.strip():
            continue
        body = "".join(_char_pattern(c) for c in source)
        if source == source.lower() and source != source.upper():
            body = f"(?i:{body})"
        word = rf"[{WORD_CHARS}]"
        before = rf"(?<!{word})" if re.match(word, source) else ""
        after = rf"(?!{word})" if re.search(f"{word}$", source) else ""
        if re.search("[a-z]$", source):
            after = "(?:e?s)?" + after
        groups.append(f"(?P<t{index}>{before}{body}{after})")
    return re.compile("|".join(groups)) if groups else None


def find_terms(text: str, terms: Sequence[T]) -> list[tuple[int, int, T]]:
    """Where ``terms`` occur in ``text``: non-overlapping, left to right, longest first.

    The one glossary matcher: the engine protects what it finds, QA demands
    the target term for it, so the two can never disagree about a source.
    """
    pattern = _terms_pattern(tuple(t.source for t in terms))
    if pattern is None:
        return []
    return [(m.start(), m.end(), terms[int((m.lastgroup or "t0")[1:])])
            for m in pattern.finditer(text)]


#: A header cell naming a column's language instead of "source"/"target" ("en", "zh-Hant").
LANGUAGE_COLUMN = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]+)*")


def _is_language(name: str) -> bool:
    """Whether a header cell is a language code CLDR knows (``en``, ``zh``, ``zh-hant``)."""
    if not LANGUAGE_COLUMN.fullmatch(name):
        return False
    return cldr_locale(name) is not None


def parse(text: str, *, path: Path | None = None, source_lang: str = "en",
          target_lang: str = "zh") -> Glossary:
    """Parse glossary CSV text; every problem names the file and line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise PressctlError(f"not valid CSV: {exc}", path=path, line=1) from None
    if header is None:
        return Glossary((), canonical(source_lang), canonical(target_lang), path)
    names = tuple(cell.strip().lower() for cell in header)
    variant_langs: list[str] = []
    if len(names) >= 2 and names[:2] != HEADER[:2] and all(
            _is_language(name) for name in names[:2]) and names[0] != names[1]:
        # "en,zh,note": the columns name their languages, whatever source_lang says;
        # "en,zh,zh-Hant-TW,zh-Hant-HK,note": a term per Traditional variant too
        source_lang, target_lang = names[0], names[1]
        rest = list(names[2:])
        while rest and rest[0] != HEADER[2] and _is_language(rest[0]):
            variant_langs.append(canonical(rest.pop(0)))
        names = (*HEADER[:2], *rest)
    if names[:2] != HEADER[:2] or (len(names) > 2 and names[2] != HEADER[2]):
        raise PressctlError(f"header must be {','.join(HEADER)} (or two language codes and "
                            f"note, e.g. en,zh,note), not {','.join(header)}",
                            path=path, line=1)
    terms: list[Term] = []
    first_line: dict[str, Term] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise PressctlError(f"not valid CSV: {exc}", path=path, line=reader.line_num) from None
        line = reader.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        columns = len(HEADER) + len(variant_langs)
        if len(row) < 2 or len(row) > columns:
            raise PressctlError(f"expected {columns} columns ({','.join(header)}), "
                                f"found {len(row)}", path=path, line=line,
                                hint="quote a field that contains a comma")
        source, target = " ".join(row[0].split()), " ".join(row[1].split())
        cells = row[2:2 + len(variant_langs)]
        variants = tuple((tag, " ".join(cell.split()))
                         for tag, cell in zip(variant_langs, cells, strict=False)
                         if cell.strip())
        note = row[columns - 1].strip() if len(row) == columns else ""
        if not source or not target:
            missing = "source" if not source else "target"
            raise PressctlError(f"empty {missing} term", path=path, line=line)
        term = Term(source, target, note, line, variants)
        earlier = first_line.get(source)
        if earlier is not None:
            if earlier.target == target:
                continue
            raise PressctlError(f"{source!r} is translated twice: {earlier.target!r} "
                                f"(line {earlier.line}) and {target!r}", path=path, line=line,
                                hint="keep one row per source term")
        first_line[source] = term
        terms.append(term)
    return Glossary(tuple(terms), canonical(source_lang), canonical(target_lang), path)


def load(path: Path, *, source_lang: str = "en", target_lang: str = "zh") -> Glossary:
    """Read the glossary; a project without one has an empty glossary."""
    if not (path.exists() or path.is_symlink()):  # a dangling link is read, and refused
        return Glossary((), canonical(source_lang), canonical(target_lang), None)
    from pressctl.core.settings import project_folder

    text = read_utf8(path, what="glossary (CSV)", root=project_folder(path))
    return parse(text, path=path, source_lang=source_lang, target_lang=target_lang)
