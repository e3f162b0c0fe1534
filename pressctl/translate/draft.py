"""Machine drafts that survive the model: restored exactly, retried in pieces, or refused.

A model's output goes through :func:`~pressctl.translate.protect.restore`,
which puts the protected terms, figures and markup back only when it can do
so exactly.  When it cannot — a placeholder invented or repeated, a link's
brackets out of order — the sentence is cut into pieces (the text between
markup markers, its clauses), the pieces go to the model in one more batch,
and the outputs are joined around the markers as they stood and restored
again.  What still fails is left untranslated with the reason: a corrupted
draft never reaches a catalog.  Every draft that is kept is then read for
signs of degeneration (:mod:`pressctl.translate.degenerate`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pressctl.core.lang import is_unspaced
from pressctl.translate.degenerate import UNTRANSLATED, doubts
from pressctl.translate.machine import Engine
from pressctl.translate.protect import Protected, Restored, pieces, restore


@dataclass(frozen=True)
class Draft:
    """The machine's translation of one protected sentence, or why there is none."""

    target: str  # "" when refused
    repairs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # why the draft is doubtful
    refusal: str = ""  # why there is no draft


def _judge(restored: Restored, protected: Protected, source_lang: str,
           target_lang: str, repairs: tuple[str, ...] = (), *, untouched: bool = False) -> Draft:
    """The restored draft with what makes it doubtful; ``untouched``: the model gave
    back the sentence it was given (terms restored, it may not look like the source)."""
    found = doubts(protected.source, restored.text, source_lang, target_lang)
    if untouched and UNTRANSLATED not in found:
        found.insert(0, UNTRANSLATED)
    return Draft(restored.text, (*repairs, *restored.repairs),
                 (*restored.warnings, *found))


def drafts(engine: Engine, sentences: Sequence[Protected], source_lang: str,
           target_lang: str, tick: Callable[[int], None] | None = None) -> dict[str, Draft]:
    """Draft every protected sentence (keyed by its protected text) in at most two batches."""
    texts = [p.text for p in sentences]
    outputs = engine.translate_batch(texts, progress=tick)
    out: dict[str, Draft] = {}
    retry: dict[str, tuple[Protected, list[tuple[str, bool]], str]] = {}
    for protected, raw in zip(sentences, outputs, strict=True):
        if not raw.strip():
            out[protected.text] = Draft("", refusal="the model returned nothing")
            continue
        restored = restore(raw, protected, target_lang)
        if not restored.failure:
            untouched = " ".join(raw.split()) == " ".join(protected.text.split())
            out[protected.text] = _judge(restored, protected, source_lang, target_lang,
                                         untouched=untouched)
            continue
        cut = pieces(protected, spaced=is_unspaced(source_lang) and not is_unspaced(target_lang))
        if len(cut) < 2:  # nothing smaller to try
            out[protected.text] = Draft("", refusal=restored.failure)
        else:
            retry[protected.text] = (protected, cut, restored.failure)
    asked = list(dict.fromkeys(text for _, cut, _ in retry.values()
                               for text, machine in cut if machine))
    answers = dict(zip(asked, engine.translate_batch(asked), strict=True)) if asked else {}
    for key, (protected, cut, failure) in retry.items():
        joined = "".join(answers.get(text, "") if machine else text for text, machine in cut)
        if any(machine and not answers.get(text, "").strip() for text, machine in cut):
            out[key] = Draft("", refusal=f"{failure}; in pieces, the model returned nothing "
                                         "for some")
            continue
        restored = restore(joined, protected, target_lang)
        if restored.failure:
            out[key] = Draft("", refusal=f"{failure}; in pieces: {restored.failure}")
            continue
        count = sum(1 for _, machine in cut if machine)
        note = f"translated again in {count} piece(s) because {failure}"
        out[key] = _judge(restored, protected, source_lang, target_lang, (note,))
    return out
