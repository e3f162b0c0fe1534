"""The translation engine: memory first, then the machine with the glossary protected.

Per unit of text (a catalog segment, a paragraph, a line):

1. **Translation memory.**  The whole unit, else the longest runs of its
   sentences, looked up exactly in the reviewed catalogs (both directions).
2. **Machine translation** for the sentences the memory does not know.
   Before the model sees a sentence, glossary terms, URLs, e-mail addresses,
   numbers, code, ``{placeholders}`` and product names (HiCar, iX3; any Latin
   word inside Chinese) are replaced by numbered placeholders ``{0}``, ``{1}``…
   Software-localisation corpora, on which Argos models are trained, are full
   of ``{0}``-style placeholders, so models copy them through; afterwards each
   placeholder becomes the glossary's target term or the original text.
   A placeholder the model dropped is reported, never guessed.
3. Whatever is left is **untranslated**; near matches from the memory are
   attached as suggestions for a person, never used silently.

All machine sentences of a run go to the engine in one batch, and the engine
is only loaded when some sentence needs it, so a run answered entirely from
memory needs no model at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.catalogs.glossary import Glossary
from pressctl.catalogs.memory import Entry, Memory, Suggestion
from pressctl.core.config import Config
from pressctl.core.errors import MissingDependency
from pressctl.core.lang import is_traditional, is_unspaced
from pressctl.core.script import CJK_CLASS, CJK_LETTER_CLASS, has_cjk_letters, is_cjk_letter
from pressctl.core.verbatim import EMAIL, URL, nothing_to_translate
from pressctl.source.inline import markup_spans
from pressctl.source.segment import join_sentences, split_sentences
from pressctl.translate.machine import Engine

if TYPE_CHECKING:
    import polib


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
    warnings: tuple[str, ...] = ()


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
    def machine(self) -> str | None:
        return next((p.origin for p in self.parts if p.status is Status.MACHINE), None)


# ---------------------------------------------------------------- protection


@dataclass(frozen=True)
class Slot:
    source: str  # the text the placeholder hides
    target: str  # what goes back in
    glossary: bool = False


@dataclass(frozen=True)
class Protected:
    text: str  # the sentence with {0}, {1}… in place of protected spans
    slots: tuple[Slot, ...]

    @property
    def needs_machine(self) -> bool:
        """Whether anything but placeholders, numbers and punctuation is left to translate."""
        return any(c.isalpha() for c in _SLOT.sub("", self.text))


_LATIN = "A-Za-z0-9"
_CODE = re.compile(r"`[^`]+`|\{[^{}\s]*\}|%(?:\d+\$)?[sd]")
_NUMBER = re.compile(rf"(?<![{_LATIN}.,])\d+(?:[.,]\d+)*(?![{_LATIN}])")
#: CamelCase or letters mixed with digits: HiCar, MyBMW, iPhone, iX3, 5G (not 17th).
_PRODUCT = re.compile(rf"(?<![{_LATIN}])(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*"
                      rf"|(?!\d+(?:st|nd|rd|th)(?![{_LATIN}]))"
                      rf"(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+)(?![{_LATIN}])")
#: Inside Chinese text, a run of Latin words is a name or a term kept as written.
_LATIN_RUN = re.compile(rf"(?<![{_LATIN}])[A-Za-z][A-Za-z0-9]*(?:[ .&+'-][A-Za-z0-9]+)*"
                        rf"(?![{_LATIN}])")
_SLOT = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")
_CJK_SPACE = re.compile(f"(?<=[{CJK_CLASS}]) +| +(?=[{CJK_CLASS}])")
_FULL_WIDTH = {",": "，", ".": "。", "!": "！", "?": "？", ";": "；", ":": "："}
_HALF_WIDTH = {**{v: k for k, v in _FULL_WIDTH.items()}, "、": ","}
_CLAUSE_MARK = re.compile(r"[,!?;:]")
_STOP_AFTER_IDEOGRAPH = re.compile(f"(?<=[{CJK_LETTER_CLASS}]) ?(\\.)(?!\\d)")
_FINAL_STOP = re.compile(r"(?<![.!?])[.!?]$")
_WIDE_PUNCTUATION = re.compile(r"[，。！？；：、]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,.!?;:])")


def protect(text: str, source_lang: str, target_lang: str, glossary: Glossary) -> Protected:
    """Replace what the model must not translate by numbered placeholders.

    Earlier kinds win where spans overlap: inline markup (so a link keeps its URL
    and a bold span its markers), URLs and code, then glossary terms
    (longest first), then numbers and product names.
    """
    spans: list[tuple[int, int, Slot]] = []

    def take(start: int, end: int, slot: Slot) -> None:
        if start < end and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, slot))

    for start, end in markup_spans(text):  # code, link destinations, ** * [ markers
        take(start, end, Slot(text[start:end], text[start:end]))
    for m in [*URL.finditer(text), *EMAIL.finditer(text)]:
        take(m.start(), m.end(), Slot(m.group(), m.group()))
    for m in _CODE.finditer(text):
        take(m.start(), m.end(), Slot(m.group(), m.group()))
    for g in glossary.find(text, source_lang, target_lang):
        take(g.start, g.end, Slot(text[g.start:g.end], g.term.target, glossary=True))
    names = _LATIN_RUN if is_unspaced(source_lang) else _PRODUCT
    for pattern in (_NUMBER, names):
        for m in pattern.finditer(text):
            take(m.start(), m.end(), Slot(m.group(), m.group()))
    spans.sort(key=lambda s: s[0])
    out: list[str] = []
    last = 0
    for index, (start, end, _) in enumerate(spans):
        out.append(text[last:start])
        out.append(f"{{{index}}}")
        last = end
    out.append(text[last:])
    return Protected("".join(out), tuple(slot for _, _, slot in spans))


def _clause_mark(m: re.Match[str]) -> str:
    """Full-width in Chinese, except between figures (1,000; 12:30; {0}:{1})."""
    text, i = m.string, m.start()
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if (before.isdigit() or before in "}｝") and (after.isdigit() or after in "{｛"):
        return m[0]
    return _FULL_WIDTH[m[0]]


def tidy(text: str, target_lang: str) -> str:
    """Spacing and punctuation width of the target language.

    Chinese puts no spaces between words nor around Latin names inside a
    sentence, and writes full-width punctuation after Chinese text; English
    wants half-width punctuation followed by a space.  Text the model wrote
    well already passes unchanged; this mends what placeholders and kept
    source punctuation leave behind ("宝马集团." → "宝马集团。").
    """
    text = " ".join(text.split())
    if is_unspaced(target_lang):
        if has_cjk_letters(text):
            text = _CLAUSE_MARK.sub(_clause_mark, text)
            text = _STOP_AFTER_IDEOGRAPH.sub(lambda m: _FULL_WIDTH[m[1]], text.rstrip())
            text = _FINAL_STOP.sub(lambda m: _FULL_WIDTH[m[0]], text)
        return _CJK_SPACE.sub("", text)
    text = _WIDE_PUNCTUATION.sub(lambda m: _HALF_WIDTH[m[0]] + " ", text)
    return " ".join(_SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).split())


def restore(text: str, protected: Protected, target_lang: str) -> tuple[str, list[str]]:
    """Put target terms and kept text back; report placeholders the model lost."""
    seen: set[int] = set()

    def put(m: re.Match[str]) -> str:
        index = int(m.group(1))
        if index >= len(protected.slots):
            return m.group()
        seen.add(index)
        return protected.slots[index].target

    out = _SLOT.sub(put, tidy(text, target_lang))  # tidy first: URLs keep their ":"
    warnings = []
    for index, slot in enumerate(protected.slots):
        if index not in seen:
            what = (f"glossary term {slot.source!r} ({slot.target})" if slot.glossary
                    else repr(slot.source))
            warnings.append(f"{what} is missing from the machine translation")
    return out, warnings


# ---------------------------------------------------------------- the engine


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
                target, _ = restore(protected.text, protected, self.target_lang)
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
        pending = list(dict.fromkeys(p.protected.text for plan in plans for p in plan
                                     if isinstance(p, _Pending)))
        machine: dict[str, str] = {}
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
                    progress(done, len(pending))

            outputs = engine.translate_batch(pending, progress=tick)
            machine = dict(zip(pending, outputs, strict=True))
        return [self._result(unit, plan, machine, engine) for unit, plan in zip(units, plans,
                                                                                strict=True)]

    def _result(self, unit: str, plan: list[Part | _Pending], machine: dict[str, str],
                engine: Engine | None) -> Result:
        parts: list[Part] = []
        for item in plan:
            if isinstance(item, Part):
                parts.append(item)
                continue
            raw = machine.get(item.protected.text)
            if raw is None or not raw.strip():
                empty = ("the model returned nothing",) if raw is not None else ()
                parts.append(Part(item.source, "", Status.UNTRANSLATED, "", item.suggestions,
                                  empty))
                continue
            target, warnings = restore(raw, item.protected, self.target_lang)
            parts.append(Part(item.source, target, Status.MACHINE,
                              engine.name if engine else "", item.suggestions,
                              tuple(warnings)))
        if not parts:
            return Result(unit, unit, Status.VERBATIM)
        status = max((p.status for p in parts), key=_RANK.__getitem__)
        target = join_sentences([p.target or p.source for p in parts], self.target_lang)
        exact = (len(parts) == 1 and parts[0].status is Status.MEMORY and parts[0].source == unit
                 or status is Status.GLOSSARY and self._whole_term(unit) is not None)
        return Result(unit, target, status, tuple(parts), exact)


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters make up a fair share of the letters, else ``en``."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum(1 for c in letters if is_cjk_letter(c))
    return "zh" if letters and cjk / len(letters) >= 0.3 else "en"


# ---------------------------------------------------------------- text and Markdown layout


@dataclass
class Block:
    """A line (or joined paragraph) of a document: ``prefix`` is kept, ``text`` translated."""

    prefix: str
    text: str
    verbatim: bool = False
    open: bool = False  # a Markdown paragraph that continuation lines join
    same_line: bool = False  # continues the line of the block before (a table cell)


def layout(text: str, *, markdown: bool) -> list[Block]:
    """Split a document into blocks to translate, keeping its lines and markup.

    Plain text keeps every line as it is (so output lines match input lines).
    Markdown is read by the seeds' own parser (markdown-it block tokens with
    their line ranges): each paragraph, heading, list item and quoted
    paragraph is one block with its marker prefix (``## ``, ``- ``, ``> 1. ``)
    and its lines joined, inline markup kept for translation; everything else
    — front matter, code, HTML, rules, reference definitions, blank lines — is
    kept line for line as it is.  A table's cells are translated one by one and
    each row written again as ``| a | b |`` (the delimiter row as it was).
    """
    if not markdown:
        blocks: list[Block] = []
        for line in text.splitlines():
            stripped = line.lstrip()
            if not stripped:
                blocks.append(Block(line, "", verbatim=True))
            else:
                blocks.append(Block(line[:len(line) - len(stripped)], stripped.rstrip()))
        return blocks
    return _markdown_layout(text)


def _markdown_layout(text: str) -> list[Block]:
    from pressctl.source.read import inline_source, parser

    lines = text.splitlines()
    # first line → (end line, inline source, its first line as typed)
    starts: dict[int, tuple[int, str, str]] = {}
    tokens = parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0:
            continue
        opener = tokens[index - 1]
        if opener.type not in ("paragraph_open", "heading_open") or not opener.map:
            continue
        source = inline_source(token)
        if source:
            starts[opener.map[0]] = (opener.map[1], source, token.content.split("\n")[0].strip())
    rows: dict[int, list[str]] = {}  # a table row's line → its cells' inline sources
    for index, token in enumerate(tokens):
        if token.type == "tr_open" and token.map:
            cells: list[str] = []
            for inner in tokens[index + 1:]:
                if inner.type == "tr_close":
                    break
                if inner.type == "inline":
                    cells.append(inline_source(inner))
            rows[token.map[0]] = cells
    out: list[Block] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        if number in rows:  # each cell translated, the row written again as | a | b |
            indent = line[:len(line) - len(line.lstrip())]
            for column, cell in enumerate(rows[number]):
                glue = f"{indent}| " if column == 0 else " | "
                out.append(Block(glue, cell, verbatim=not cell, same_line=column > 0))
            out.append(Block(" |", "", verbatim=True, same_line=True))
            number += 1
            continue
        if number not in starts:
            out.append(Block(line, "", verbatim=True))
            number += 1
            continue
        end, source, first = starts[number]
        # the prefix is what stands before the text on its first line: ## , - , > 1.
        at = line.find(first)
        prefix = line[:at] if at >= 0 else line[:len(line) - len(line.lstrip())]
        out.append(Block(prefix, source))
        number = max(end, number + 1)
    return out


def render(blocks: list[Block], translated: dict[str, str], *, trailing_newline: bool) -> str:
    lines: list[str] = []
    for b in blocks:
        text = b.prefix if b.verbatim else b.prefix + translated.get(b.text, b.text)
        if b.same_line and lines:
            lines[-1] += text
        else:
            lines.append(text)
    return "\n".join(lines) + ("\n" if trailing_newline and lines else "")


# ---------------------------------------------------------------- filling a seed's catalog


@dataclass
class Fill:
    """What ``fill_catalog`` did to one catalog."""

    path: Path
    lang: str
    reviewed: int = 0  # exact reviewed memory matches, entered as reviewed
    assembled: int = 0  # memory pieces / glossary / kept text: entered as fuzzy
    machine: int = 0  # machine output: entered as fuzzy with the model named
    converted: int = 0  # OpenCC of the reviewed Simplified text (fuzzy unless trusted)
    untranslated: int = 0
    kept: int = 0  # already translated, left alone
    written: bool = False
    results: list[Result] = field(default_factory=list)


MACHINE_NOTE = "machine translation by {model}; needs review"
ASSEMBLED_NOTE = "assembled by pressctl from the translation memory and glossary; needs review"
CONVERTED_NOTE = "converted from the reviewed Simplified translation by OpenCC {table}"


def _note(entry: polib.POEntry, text: str | None) -> None:
    """Replace pressctl's note among the translator comments (others stay)."""
    lines = [line for line in (entry.tcomment or "").splitlines()
             if not line.startswith(("machine translation by", "assembled by pressctl",
                                     "converted from the ", "trusted: converted"))]
    entry.tcomment = "\n".join([*lines, text] if text else lines)


def _convert_simplified(config: Config, entries: list[polib.POEntry], translator: Translator,
                        target_lang: str, fill: Fill) -> None:
    """Draft Traditional entries from reviewed Simplified text with OpenCC.

    The Simplified text is the seed itself for a Simplified release, else the
    reviewed Simplified translation (memory or a whole glossary term).  The
    draft is fuzzy with the conversion named, as machine output is, unless
    ``trust_opencc`` says the team publishes OpenCC output as it is.
    """
    import dataclasses

    from pressctl.core.hant import conversion, convert
    from pressctl.core.lang import canonical

    simplified = dataclasses.replace(translator, target_lang="zh", engine=None,
                                     load_engine=None)
    note = CONVERTED_NOTE.format(table=conversion(target_lang))
    if canonical(translator.source_lang) == "zh":
        note = note.replace("the reviewed Simplified translation", "the Simplified original")
    for entry in entries:
        if canonical(translator.source_lang) == "zh":
            text = entry.msgid
        else:
            known = simplified.known(entry.msgid)
            if known is None:
                continue
            text = known.target
        entry.msgstr = convert(text, target_lang)
        if config.trust_opencc:
            fill.reviewed += 1
            _note(entry, note.replace("converted", "trusted: converted", 1))
        else:
            entry.flags.append("fuzzy")
            _note(entry, note + "; needs review")
            fill.converted += 1
        part = Part(entry.msgid, entry.msgstr, Status.CONVERTED, note)
        fill.results.append(Result(entry.msgid, entry.msgstr, Status.CONVERTED, (part,),
                                   exact=config.trust_opencc))


def fill_catalog(config: Config, seed: Path, target_lang: str, translator: Translator, *,
                 use_machine: bool = True, progress: Progress | None = None,
                 reviewed_only: bool = False) -> Fill:
    """Translate the seed's missing segments into its catalog for ``target_lang``.

    The catalog is first brought up to date with the seed (as ``catalog
    update`` does).  Untranslated entries then go through the engine: an
    exact reviewed memory match enters as reviewed, anything else the engine
    produced enters as fuzzy with a comment naming its origin (the model and
    its version for machine output), so it is never published unreviewed.
    Fuzzy entries only change when the memory has an exact reviewed match.
    An entry whose whole text is known (:meth:`Translator.known`) enters as
    reviewed; with ``reviewed_only`` nothing else is filled (``pressctl new``).
    Nothing is written if translation fails.
    """
    from pressctl.catalogs import catalog
    from pressctl.core.hant import conversion
    from pressctl.core.paths import relative
    from pressctl.source.read import read
    from pressctl.source.segment import segments

    release = read(seed, default_lang=config.source_lang)
    pot = catalog.template(segments(release), relative(config, seed), project=release.slug,
                           date=release.date, source_lang=release.lang)
    path = config.catalog_path(target_lang, release.slug)
    old = catalog.load_or_none(path)
    po = catalog.merge(old, pot, lang=config.tag(target_lang).replace("-", "_"))
    live = [e for e in po if not e.obsolete]
    empty = [e for e in live if not e.msgstr]
    fuzzy = [e for e in live if e.msgstr and "fuzzy" in e.flags]
    fill = Fill(path, target_lang, kept=len(live) - len(empty) - len(fuzzy))
    for entry in empty:
        known = translator.known(entry.msgid)
        if known is not None:
            entry.msgstr = known.target
            fill.reviewed += 1
            part = Part(entry.msgid, known.target, Status.MEMORY, known.origin)
            fill.results.append(Result(entry.msgid, known.target, Status.MEMORY, (part,),
                                       exact=True))
    empty = [e for e in empty if not e.msgstr]
    if is_traditional(target_lang) and not reviewed_only:
        _convert_simplified(config, empty, translator, target_lang, fill)
        empty = [e for e in empty if not e.msgstr]
    if reviewed_only:
        fill.untranslated, empty = len(empty), []
    results = translator.translate([e.msgid for e in empty], use_machine=use_machine,
                                   progress=progress)
    for entry, result in zip(empty, results, strict=True):
        fill.results.append(result)
        if result.status is Status.UNTRANSLATED:
            fill.untranslated += 1
        elif result.exact:
            entry.msgstr = result.target
            fill.reviewed += 1
        else:
            entry.msgstr = result.target
            entry.flags.append("fuzzy")
            model = result.machine
            converted = any(p.status is Status.CONVERTED for p in result.parts)
            _note(entry, MACHINE_NOTE.format(model=model) if model
                  else CONVERTED_NOTE.format(table=conversion(target_lang)) + "; needs review"
                  if converted else ASSEMBLED_NOTE)
            if model:
                fill.machine += 1
            else:
                fill.assembled += 1
    order = {e.msgid: i for i, e in enumerate(live)}
    fill.results.sort(key=lambda r: order.get(r.source, 0))
    for entry in fuzzy:
        found = translator.lookup(entry.msgid)
        if found is not None:
            entry.msgstr = found.target
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            _note(entry, None)
            fill.reviewed += 1
        else:
            fill.kept += 1
    text = po.__unicode__()
    if old is None or text != old.__unicode__():
        catalog.save(po, path)
        fill.written = True
    return fill
