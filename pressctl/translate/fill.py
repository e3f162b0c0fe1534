"""Filling a seed's catalog: reviewed matches as reviewed, everything else fuzzy with its origin.

``translate`` on a seed brings its catalog up to date with the seed and asks
the :class:`~pressctl.translate.engine.Translator` for every empty entry.
What it writes decides what a translator sees in a PO editor — the fuzzy
flag and the comment naming the model or the OpenCC table — so it is kept
apart from the engine, which knows nothing of catalogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.catalogs.catalog import DOUBTFUL, REFUSED, REPAIRED
from pressctl.core.lang import is_traditional
from pressctl.core.settings import Config
from pressctl.translate.engine import Part, Progress, Result, Status, Translator

if TYPE_CHECKING:
    import polib

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
    doubtful: int = 0  # machine drafts whose comment says why they look degenerate
    refused: int = 0  # machine output refused (left untranslated, the reason in the comment)
    written: bool = False
    results: list[Result] = field(default_factory=list)


MACHINE_NOTE = "machine translation by {model}; needs review"
ASSEMBLED_NOTE = "assembled by pressctl from the translation memory and glossary; needs review"
CONVERTED_NOTE = "converted from the reviewed Simplified translation by OpenCC {table}"
_OURS = ("machine translation by", "assembled by pressctl", "converted from the ",
         "trusted: converted", REPAIRED, DOUBTFUL, REFUSED)


def findings(result: Result) -> list[str]:
    """The comment lines saying what was repaired in a machine draft and why it is doubtful.

    A refusal's reason is already a warning starting with :data:`REFUSED`.
    """
    return [*(REPAIRED + r for r in result.repairs),
            *(w if w.startswith(REFUSED) else DOUBTFUL + w for w in result.warnings)]


#: Comment lines longer than this are wrapped by us, continuation lines indented,
#: before polib (wrapping at 78 with "# ") would wrap them beyond recognition.
COMMENT_WIDTH = 76


def _note(entry: polib.POEntry, text: str | None, more: Sequence[str] = ()) -> None:
    """Replace pressctl's note and findings among the translator comments (others stay).

    A finding longer than a comment line continues on lines indented by two
    spaces, so that the next run recognises, and replaces, all of it.
    """
    import textwrap

    lines: list[str] = []
    ours = False
    for line in (entry.tcomment or "").splitlines():
        ours = line.startswith(_OURS) or ours and line.startswith("  ")
        if not ours:
            lines.append(line)
    for finding in [text, *more] if text else more:
        lines.extend(textwrap.wrap(finding, COMMENT_WIDTH, subsequent_indent="  ",
                                   break_long_words=False, break_on_hyphens=False)
                     or [finding])
    entry.tcomment = "\n".join(lines)


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
            if result.refused:
                _note(entry, None, findings(result))
                fill.refused += 1
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
                  if converted else ASSEMBLED_NOTE, findings(result))
            if model:
                fill.machine += 1
                fill.doubtful += bool(result.warnings)
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
