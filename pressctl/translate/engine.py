"""The Translator: memory first, then the machine with the glossary protected, then OpenCC.

Per unit of text (a catalog segment, a paragraph, a line):

1. **Translation memory.**  The whole unit, else the longest runs of its
   sentences, looked up exactly in the reviewed catalogs (both directions);
   for a Traditional target, the reviewed Simplified text through OpenCC.
2. **Machine translation** for the sentences the memory does not know, with
   glossary terms, URLs, figures and markup hidden behind numbered
   placeholders (:mod:`pressctl.translate.protect`).  A placeholder the model
   dropped is reported, never guessed.
3. Whatever is left is **untranslated**; near matches from the memory are
   attached as suggestions for a person, never used silently.

All machine sentences of a run go to the engine in one batch, and the engine
is only loaded when some sentence needs it, so a run answered entirely from
memory needs no model at all.  Filling a seed's catalog is
:mod:`pressctl.translate.fill`; the layout of a plain document is
:mod:`pressctl.translate.layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pressctl.catalogs.catalog import REFUSED
from pressctl.catalogs.glossary import Glossary
from pressctl.catalogs.memory import Entry, Memory, Suggestion
from pressctl.core.errors import MissingDependency
from pressctl.core.lang import is_traditional
from pressctl.core.settings import Config
from pressctl.core.verbatim import nothing_to_translate
from pressctl.source.segment import join_sentences, split_sentences
from pressctl.translate.draft import Draft, drafts
from pressctl.translate.machine import Engine
from pressctl.translate.protect import Protected, protect, restore


class Status(StrEnum):
    MEMORY = "memory"  # reviewed translation(s) from the catalogs
    GLOSSARY = "glossary"  # nothing but glossary terms (and numbers, names…)
    VERBATIM = "verbatim"  # nothing to translate: numbers, URLs, product names
    CONVERTED = "converted"  # OpenCC of the reviewed Simplified text: needs review
    MACHINE = "machine"  # machine output: needs review
    UNTRANSLATED = "untranslated"  # no memory, no model


#: A unit's status is the worst of its parts'.
_RANK = {Status.VERBATIM: 0, Status.GLOSSARY: 1, Status.MEMORY: 2, Status.CONVERTED: 3,
         Status.MACHINE: 4, Status.UNTRANSLATED: 5}


@dataclass(frozen=True)
class Part:
    """One sentence (or run of sentences) of a unit and how it was translated."""

    source: str
    target: str  # "" when untranslated
    status: Status
    origin: str = ""  # catalog for memory, model name for machine
    suggestions: tuple[Suggestion, ...] = ()
    warnings: tuple[str, ...] = ()  # why a draft is doubtful, or why there is none
    repairs: tuple[str, ...] = ()  # what was mended in the machine's output, exactly
    refused: bool = False  # the machine's output was refused (the reason is a warning)


@dataclass(frozen=True)
class Result:
    """A translated unit.

    ``target`` is printable text: untranslated parts stand in their source
    language, so check ``status`` before treating it as a translation.
    ``exact`` is true when one reviewed memory entry, or one glossary term,
    answered the whole unit: the only case in which the result is itself
    reviewed text.
    """

    source: str
    target: str
    status: Status
    parts: tuple[Part, ...] = ()
    exact: bool = False

    @property
    def needs_review(self) -> bool:
        """Whether a person must write or check this before it is published.

        True for machine output, for untranslated text (a person must
        translate it) and for anything assembled from pieces; false only for
        reviewed text (``exact``) and text with nothing to translate.  It is
        exactly when ``translate`` enters a catalog entry as fuzzy or leaves it
        empty.
        """
        return not self.exact and not nothing_to_translate(self.source)

    @property
    def suggestions(self) -> list[Suggestion]:
        return [s for p in self.parts for s in p.suggestions]

    @property
    def warnings(self) -> list[str]:
        return [w for p in self.parts for w in p.warnings]

    @property
    def repairs(self) -> list[str]:
        return [r for p in self.parts for r in p.repairs]

    @property
    def refused(self) -> bool:
        """Whether a machine draft was refused (the reason is among the warnings)."""
        return any(p.refused for p in self.parts)

    @property
    def machine(self) -> str | None:
        return next((p.origin for p in self.parts if p.status is Status.MACHINE), None)


@dataclass
class _Pending:
    """A sentence waiting for the machine."""

    source: str
    protected: Protected
    suggestions: tuple[Suggestion, ...]


Progress = Callable[[int, int], None]  # (done, total) machine sentences


@dataclass
class Translator:
    """Translate units of text ``source_lang`` → ``target_lang`` from memory, glossary, model.

    ``engine`` is used as given; otherwise ``load_engine`` is called once, and
    only if some sentence needs the machine (it raises MissingDependency when
    no model is installed).  With neither, such sentences stay untranslated.
    """

    memory: Memory
    glossary: Glossary
    source_lang: str
    target_lang: str
    engine: Engine | None = None
    load_engine: Callable[[], Engine] | None = None
    threshold: float = 75.0

    @classmethod
    def for_project(cls, config: Config, source_lang: str, target_lang: str, *,
                    load_engine: Callable[[], Engine] | None = None) -> Translator:
        """The project's memory (every reviewed catalog) and glossary, for one direction."""
        from pressctl.catalogs import glossary, memory

        targets = config.target_languages
        tm = memory.load(config.root / config.locales_dir, config.source_lang, root=config.root)
        terms = glossary.load(config.glossary_path, source_lang=config.source_lang,
                              target_lang=targets[0] if targets else "zh")
        return cls(tm, terms, source_lang, target_lang, threshold=config.fuzzy_threshold,
                   load_engine=load_engine)

    def lookup(self, text: str) -> Entry | None:
        return self.memory.lookup(text, self.source_lang, self.target_lang)

    def known(self, text: str) -> Entry | None:
        """A reviewed translation of exactly ``text``, or None.

        The memory's, else the glossary's when the whole text is one term (an
        organisation's name is its approved translation): what a person has
        already approved, so it may enter a catalog as reviewed.
        """
        return self.lookup(text) or self._whole_term(text)

    def _whole_term(self, text: str) -> Entry | None:
        """The glossary's entry when all of ``text`` is one term."""
        stripped = text.strip()
        found = self.glossary.find(stripped, self.source_lang, self.target_lang)
        if stripped and len(found) == 1 and (found[0].start, found[0].end) == (0, len(stripped)):
            return Entry(text, found[0].term.target, "glossary")
        return None

    def _converted(self, text: str) -> Part | None:
        """For a Traditional target: the reviewed Simplified translation, through OpenCC.

        Needs review like machine output (``Status.CONVERTED``); seeds get the
        same drafts, with ``trust_opencc`` honoured, from :func:`fill_catalog`.
        """
        if not is_traditional(self.target_lang):
            return None
        from pressctl.core.hant import conversion, convert

        entry = self.memory.lookup(text, self.source_lang, "zh")
        if entry is None:
            return None
        return Part(text, convert(entry.target, self.target_lang), Status.CONVERTED,
                    f"OpenCC {conversion(self.target_lang)} of {entry.origin}")

    def _memory_runs(self, unit: str) -> list[str | Part]:
        """Sentences of ``unit``, with the longest runs the memory knows already translated."""
        entry = self.lookup(unit)
        if entry is not None:
            return [Part(unit, entry.target, Status.MEMORY, entry.origin)]
        converted = self._converted(unit)
        if converted is not None:
            return [converted]
        sentences = split_sentences(unit)
        out: list[str | Part] = []
        i = 0
        while i < len(sentences):
            for j in range(len(sentences), i, -1):
                if j - i == len(sentences):
                    continue  # the whole unit was tried above
                run = join_sentences(sentences[i:j], self.source_lang)
                entry = self.lookup(run)
                found = (Part(run, entry.target, Status.MEMORY, entry.origin)
                         if entry is not None else self._converted(run))
                if found is not None:
                    out.append(found)
                    i = j
                    break
            else:
                out.append(sentences[i])
                i += 1
        return out

    def _plan(self, unit: str) -> list[Part | _Pending]:
        plan: list[Part | _Pending] = []
        for piece in self._memory_runs(unit):
            if isinstance(piece, Part):
                plan.append(piece)
                continue
            protected = protect(piece, self.source_lang, self.target_lang, self.glossary)
            if not protected.needs_machine:
                target = restore(protected.text, protected, self.target_lang).text
                status = (Status.GLOSSARY if any(s.glossary for s in protected.slots)
                          else Status.VERBATIM)
                plan.append(Part(piece, target, status,
                                 "glossary" if status is Status.GLOSSARY else ""))
                continue
            suggestions = tuple(self.memory.suggest(piece, self.source_lang, self.target_lang,
                                                    threshold=self.threshold))
            plan.append(_Pending(piece, protected, suggestions))
        return plan

    def _engine(self) -> Engine | None:
        if self.engine is None and self.load_engine is not None:
            self.engine = self.load_engine()
        return self.engine

    def translate(self, units: Sequence[str], *, use_machine: bool = True,
                  progress: Progress | None = None) -> list[Result]:
        """Translate every unit; machine sentences of all units go in one batch."""
        plans = [self._plan(unit) if unit.strip() else [] for unit in units]
        pending = {p.protected.text: p.protected for plan in plans for p in plan
                   if isinstance(p, _Pending)}
        machine: dict[str, Draft] = {}
        engine = None
        if pending and use_machine:
            try:
                engine = self._engine()
            except MissingDependency as exc:
                raise MissingDependency(f"{exc.message}, and {len(pending)} sentence(s) are "
                                        "not in the translation memory",
                                        path=exc.path, hint=exc.hint) from None
        if engine is not None:
            done = 0
            if progress is not None:
                progress(0, len(pending))

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if progress is not None:
                    progress(min(done, len(pending)), len(pending))

            machine = drafts(engine, list(pending.values()), self.source_lang,
                             self.target_lang, tick)
        return [self._result(unit, plan, machine, engine) for unit, plan in zip(units, plans,
                                                                                strict=True)]

    def _result(self, unit: str, plan: list[Part | _Pending], machine: dict[str, Draft],
                engine: Engine | None) -> Result:
        parts: list[Part] = []
        for item in plan:
            if isinstance(item, Part):
                parts.append(item)
                continue
            draft = machine.get(item.protected.text)
            if draft is None or draft.refusal:
                why = (REFUSED + draft.refusal,) if draft else ()
                parts.append(Part(item.source, "", Status.UNTRANSLATED, "", item.suggestions,
                                  why, refused=draft is not None))
                continue
            parts.append(Part(item.source, draft.target, Status.MACHINE,
                              engine.name if engine else "", item.suggestions,
                              draft.warnings, draft.repairs))
        if not parts:
            return Result(unit, unit, Status.VERBATIM)
        status = max((p.status for p in parts), key=_RANK.__getitem__)
        target = join_sentences([p.target or p.source for p in parts], self.target_lang)
        exact = (len(parts) == 1 and parts[0].status is Status.MEMORY and parts[0].source == unit
                 or status is Status.GLOSSARY and self._whole_term(unit) is not None)
        return Result(unit, target, status, tuple(parts), exact)
