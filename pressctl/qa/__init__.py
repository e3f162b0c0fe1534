"""Translation QA: check every target catalog against its source before anything is published.

A wrong figure or a misspelt partner name in a press release means a public
correction, so like Translate Toolkit's pofilter or Xbench this runs a set of
small checks over each translated entry (one module each in this package)
and reports every problem with its file, line, check and severity.  It is a
stage: it returns :class:`Problem` objects and never prints.

:func:`run` is ``pressctl qa``; :func:`gate` is what ``pressctl build`` asks
before publishing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import polib

from pressctl.catalogs import catalog
from pressctl.core.errors import PressctlError
from pressctl.core.lang import canonical
from pressctl.core.paths import relative, shown
from pressctl.core.settings import Config
from pressctl.qa import status
from pressctl.qa.base import Finding, Pair, Term
from pressctl.qa.severity import ERROR, OFF, WARNING, severities
from pressctl.qa.terms import load_terms
from pressctl.source import cached

__all__ = ["Problem", "gate", "gate_message", "run"]



@functools.cache
def _entry_checks() -> dict[str, Callable[[Pair], list[Finding]]]:
    """Checks of one entry, by name; punctuation-balance looks at whole paragraphs.

    Imported when first asked for (``ENTRY_CHECKS``): their patterns cost a
    few hundredths of a second, and a build whose QA answers are all cached
    (see :mod:`pressctl.qa.memo`) runs none of them.
    """
    from pressctl.qa import (
        currency,
        dates,
        degenerate,
        glossary_check,
        leftover,
        length,
        markup,
        numbers,
        ordinals,
        placeholders,
        punctuation,
        qualifiers,
        spelled,
        trend,
        unchanged,
        units,
        variant,
    )

    return {
        "numbers": numbers.check,
        "dates": dates.check,
        "ordinals": ordinals.check,
        "spelled": spelled.check,
        "currency": currency.check,
        "units": units.check,
        "qualifiers": qualifiers.check,
        "trend": trend.check,
        "glossary": glossary_check.check,
        "placeholders": placeholders.check,
        "markup": markup.check,
        "punctuation": punctuation.width,
        "punctuation-final": punctuation.final,
        "unchanged": unchanged.check,
        "length": length.check,
        "leftover": leftover.check,
        "script": variant.check,
        "degenerate": degenerate.check,
    }


def __getattr__(name: str) -> object:
    if name == "ENTRY_CHECKS":
        return _entry_checks()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Status cannot be waived by a comment: the build would not publish the text anyway.
UNWAIVABLE = frozenset({status.UNTRANSLATED, status.FUZZY})
WAIVER = re.compile(r"^\s*qa-ignore:\s*(?P<checks>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One QA problem, located: ``file:line`` is the entry in its PO file."""

    file: str
    line: int | None
    lang: str
    msgid: str
    check: str
    severity: str
    message: str
    text: str  # the offending text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def shown(self, config: Config) -> str:
        """The problem as a message prints it: its file relative to the working directory."""
        return str(replace(self, file=shown(config, self.file)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        entry = " ".join(self.msgid.split())
        entry = entry if len(entry) <= 60 else entry[:59] + "…"
        return (f"{where}: {self.severity}: {self.check}: {self.message} "
                f"[entry: “{entry}”] [text: “{self.text}”]")


@dataclass(frozen=True)
class _Document:
    domain: str
    source_lang: str  # the release's own language; the kit's wording is English
    #: msgid, and the seed's file and line to name when the catalog lacks it (None: the catalog)
    segments: list[tuple[str, str | None, int | None]]
    #: Latin-script names kept as written in every language (:mod:`pressctl.qa.names`)
    names: tuple[str, ...] = ()


def _seeds(config: Config, slugs: Iterable[str] | None) -> list[Path]:
    """The seeds to check: all, or those of ``slugs`` as ``build`` names them (an unknown
    name is refused rather than checking nothing)."""
    return config.seeds() if slugs is None else config.named_seeds(tuple(slugs))


def _release_document(config: Config, seed: Path) -> _Document:
    """A seed to check, with the segments its catalogs need."""
    from pressctl.catalogs.project import release_lang
    from pressctl.qa.names import release_names
    from pressctl.source.segment import segments

    release = cached.release(seed, config.source_lang)
    release_lang(config, seed, release.lang)
    where = relative(config, seed)
    return _Document(release.slug, release.lang,
                     [(s.text, where, s.line or None) for s in segments(release)],
                     release_names(release, config.organisation))


def _kit_document(config: Config) -> _Document:
    """The kit's wording: it has no seed, so a missing entry is the kit catalog's to fix."""
    from pressctl.catalogs.wording import KIT_SOURCE_LANG, kit_segments
    from pressctl.qa.names import kept_names

    return _Document(catalog.KIT_DOMAIN, KIT_SOURCE_LANG,
                     [(s.text, None, None) for s in kit_segments()],
                     kept_names((config.organisation,)))


def _documents(config: Config, slugs: Iterable[str] | None) -> list[_Document]:
    """Each seed to check and the kit's own wording, with the segments they need."""
    return [*(_release_document(config, seed) for seed in _seeds(config, slugs)),
            _kit_document(config)]


def _waived(entry: polib.POEntry) -> set[str]:
    """Checks a translator waived for this entry with a ``# qa-ignore: check, …`` comment."""
    return {name.strip() for found in WAIVER.finditer(entry.tcomment or "")
            for name in found.group("checks").split(",")} - UNWAIVABLE


def _paragraphs(entries: list[polib.POEntry]) -> list[list[polib.POEntry]]:
    """Consecutive entries from one source line: a paragraph split into sentences."""
    groups: list[list[polib.POEntry]] = []
    for entry in entries:
        key = entry.occurrences[:1]
        if groups and groups[-1][0].occurrences[:1] == key and key and key[0][1]:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def check_catalog(po: polib.POFile, *, config: Config, lang: str, file: str,
                  terms: tuple[Term, ...], levels: dict[str, str],
                  source_lang: str | None = None, names: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem of one target catalog, in file order (msgids in ``source_lang``)."""
    source_lang = source_lang or config.source_lang
    entries = [e for e in po if not e.obsolete]
    pairs = {id(e): Pair(source=e.msgid, target=e.msgstr or e.msgid,
                         source_lang=source_lang, target_lang=lang,
                         source_locale=config.locale(source_lang),
                         target_locale=config.locale(lang), flags=tuple(e.flags),
                         comment=e.comment or "", terms=terms, names=names)
             for e in entries}
    from pressctl.qa import punctuation

    checks = _entry_checks()
    found: dict[int, list[Finding]] = {id(e): status.check(e) for e in entries}
    for entry in entries:
        if entry.msgstr:
            for name, function in checks.items():
                if levels[name] != OFF:
                    found[id(entry)].extend(function(pairs[id(entry)]))
    if levels[punctuation.BALANCE] != OFF:
        for group in _paragraphs(entries):
            for entry, findings in zip(group, punctuation.balance([pairs[id(e)] for e in group]),
                                       strict=True):
                if entry.msgstr:
                    found[id(entry)].extend(findings)
    problems = []
    for entry in entries:
        waived = _waived(entry)
        for finding in found[id(entry)]:
            level = levels[finding.check]
            if finding.ambiguous and level == ERROR:
                level = WARNING
            if level == OFF or finding.check in waived:
                continue
            problems.append(Problem(file, entry.linenum, lang, entry.msgid, finding.check, level,
                                    finding.message, finding.text))
    return problems


def _not_in_catalog(po: polib.POFile, document: _Document, lang: str, level: str,
                    file: str) -> list[Problem]:
    """Segments of the seed with no entry at all: the catalog predates the seed's last edit."""
    seen = {e.msgid for e in po if not e.obsolete}
    problems = []
    for msgid, where, line in document.segments:
        if msgid not in seen:
            seen.add(msgid)
            finding = status.missing(msgid)
            problems.append(Problem(where or file, line, lang, msgid, finding.check, level,
                                    finding.message, finding.text))
    return problems


def _kit_overrides(document: _Document, po: polib.POFile | None,
                   locale: str) -> tuple[_Document, polib.POFile | None]:
    """The kit's catalog as QA sees it: only what pressctl's shipped default lacks must be there.

    An empty or fuzzy entry of a message the default has is no problem, since
    the default is used; a reviewed entry is the project's override and is
    checked like any translation.
    """
    from pressctl.catalogs.wording import covered_by_default

    covered = covered_by_default(locale)
    needed = _Document(document.domain, document.source_lang,
                       [s for s in document.segments if s[0] not in covered], document.names)
    if po is None:
        return needed, None
    kept = polib.POFile(wrapwidth=po.wrapwidth)
    kept.metadata = po.metadata
    for entry in po:
        if entry.msgid not in covered or catalog.is_reviewed(entry):
            kept.append(entry)
    return needed, kept


def _languages(config: Config, langs: Iterable[str] | None) -> list[str]:
    """The languages to check (each document skips its own source language)."""
    if langs is None:
        return list(config.languages)
    chosen = list(dict.fromkeys(langs))
    for lang in chosen:
        if lang not in config.languages:
            raise PressctlError(f"unknown language {lang!r}", path=config.root / "pyproject.toml",
                                hint=f"configured languages: {', '.join(config.languages)}")
    return chosen


def _check_document(config: Config, lang: str, document: _Document,
                    levels: dict[str, str]) -> list[Problem]:
    """The problems of one document's catalog in ``lang`` (none in its own language)."""
    if canonical(lang) == canonical(document.source_lang):
        return []  # the original itself; pressctl's English wording in an English kit
    terms = load_terms(config, lang, source_lang=document.source_lang)
    path = config.catalog_path(lang, document.domain)
    file = relative(config, path)
    po = catalog.load_or_none(path)
    needed = document
    if document.domain == catalog.KIT_DOMAIN:
        from pressctl.catalogs.wording import vet

        vet(po, path)  # a field the kit cannot fill is a PO error (exit 2), as in build
        needed, po = _kit_overrides(document, po, config.locale(lang))
    if po is None and not needed.segments:
        return []
    if po is None:
        if levels[status.UNTRANSLATED] == OFF:
            return []
        return [Problem(file, None, lang, "", status.UNTRANSLATED, levels[status.UNTRANSLATED],
                        "catalog missing; run 'pressctl catalog update'", file)]
    problems = []
    if levels[status.UNTRANSLATED] != OFF:
        problems.extend(_not_in_catalog(po, needed, lang, levels[status.UNTRANSLATED], file))
    problems.extend(check_catalog(po, config=config, lang=lang, file=file, terms=terms,
                                  levels=levels, source_lang=document.source_lang,
                                  names=document.names))
    return problems


def run(config: Config, *, langs: Iterable[str] | None = None,
        slugs: Iterable[str] | None = None,
        levels: dict[str, str] | None = None) -> list[Problem]:
    """QA every target catalog of the project (or of ``slugs``, in ``langs``) and the kit's.

    ``levels`` overrides the configured severities (check name → level).
    """
    levels = {**severities(config), **(levels or {})}
    problems: list[Problem] = []
    languages = _languages(config, langs)
    documents = _documents(config, slugs) if languages else []
    for lang in languages:
        for document in documents:
            problems.extend(_check_document(config, lang, document, levels))
    return problems


def _remembered(records: list[dict[str, Any]] | None) -> list[Problem] | None:
    """Problems from the gate's cache; None (check again) for an entry not in today's form."""
    try:
        return None if records is None else [Problem(**record) for record in records]
    except TypeError:
        return None


def gate(config: Config, slugs: Iterable[str] | None,
         langs: Iterable[str] | None) -> list[Problem]:
    """The problems that must stop ``pressctl build`` from publishing: errors and fuzzy entries.

    Fuzzy entries block whatever their configured severity, since the build
    would silently publish the source text in their place.  ``langs`` may
    include the source language (it is skipped); the kit's own catalog is
    always checked, as its wording is part of every kit.
    """
    from pressctl.qa.memo import Memo

    levels = {**severities(config), status.FUZZY: ERROR}
    languages = _languages(config, langs)
    if not languages:
        return []
    memo = Memo(config, levels)
    found: dict[tuple[str, str], list[Problem]] = {}  # (language, document) → its problems
    sources: list[tuple[str, Path | None, list[Path]]] = [
        (seed.stem, seed, [seed]) for seed in _seeds(config, slugs)]
    sources.append((catalog.KIT_DOMAIN, None, []))
    for domain, seed, files in sources:
        # the kit's check also reads pressctl's shipped wording: the memo's base key
        # hashes every file of the package (inputs.package_hash), that wording included
        keys = {lang: memo.key(*files, config.catalog_path(lang, domain),
                               extra=f"{domain}\0{lang}")
                for lang in languages}
        document = None
        for lang in languages:
            answer = _remembered(memo.get(keys[lang]))
            if answer is None:  # read the seed only when some language must be checked
                document = document or (_release_document(config, seed) if seed is not None
                                        else _kit_document(config))
                answer = _check_document(config, lang, document, levels)
                memo.put(keys[lang], [p.as_dict() for p in answer])
            found[(lang, domain)] = answer
    problems = [p for lang in languages for domain, _, _ in sources
                for p in found[(lang, domain)]]
    return [p for p in problems if p.severity == ERROR]


def gate_message(problems: list[Problem], limit: int = 20, config: Config | None = None) -> str:
    """The blocking problems, one a line, for the error ``pressctl build`` raises."""
    lines = [f"QA found {len(problems)} blocking problem(s):"]
    lines.extend(f"  {p.shown(config) if config else p}" for p in problems[:limit])
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more (run 'pressctl qa')")
    return "\n".join(lines)
