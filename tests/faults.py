"""A fault-injecting engine: the failures real Argos models show, on demand, for tests.

No real en↔zh model can be downloaded here, and the tiny test model
(``tests/argos_model.py``) fails in its own random way, never in the ways
argos-translate's issue tracker documents.  :class:`FaultEngine` wraps any
engine (the tiny real model, or :func:`word_engine`, a deterministic stand-in
that translates word by word so that the right draft is known) and corrupts
its output as those reports describe:

- ``loop``: a repetition loop, "阴性阴性阴性" (argos-translate #422);
- ``filler``: hallucinated "(掌声)(掌声)" (#444);
- ``untranslated``: the source handed back (#363);
- ``numbers``: a figure reformatted, 1,000.5 → 1.000,5 (#499);
- ``fullwidth`` / ``spaced``: a placeholder written ｛０｝ or { 0 };
- ``dropped`` / ``invented`` / ``duplicated``: a placeholder lost, {7} made up, {0} twice;
- ``reorder``: a link's markers swapped, ``](url)…[`` (#23; LibreTranslate #144).

Faults combine (``("fullwidth", "invented")``).  ``persist=False`` makes only
the first batch faulty, as a model that fails on a long sentence and not on
its pieces.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pressctl.translate.machine import FakeEngine, Tick
from pressctl.translate.protect import OWN_SLOT, Slot

FAULTS = ("loop", "filler", "untranslated", "numbers", "fullwidth", "spaced", "dropped",
          "invented", "duplicated", "reorder")
#: The order faults combine in: what moves placeholders before what rewrites them.
_ORDER = ("untranslated", "numbers", "dropped", "duplicated", "reorder", "invented", "loop",
          "filler", "fullwidth", "spaced")
_WIDE = str.maketrans("0123456789{}", "０１２３４５６７８９｛｝")
_WORD = re.compile(r"\{[0-9]+\}|[A-Za-z]+(?:['’][a-z]+)?|[\u4e00-\u9fff]")
_FIGURE = re.compile(r"^\d+(?:[.,]\d+)+$")


def _chinese(word: str) -> str:
    """Two Chinese characters standing for an English word, always the same two."""
    digest = hashlib.sha256(word.lower().encode()).digest()
    return "".join(chr(0x4E00 + (digest[i] * 256 + digest[i + 1]) % 0x4000) for i in (0, 2))


def _english(char: str) -> str:
    """A made-up English word standing for a Chinese character."""
    digest = hashlib.sha256(char.encode()).hexdigest()
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    return "".join(consonants[int(digest[i], 16) % 14] + vowels[int(digest[i + 1], 16) % 5]
                   for i in (0, 2))


def word_engine(target: str, slots: tuple[Slot, ...] = ()) -> FakeEngine:
    """A deterministic "model" translating word by word into ``target`` ("zh" or "en").

    Placeholders and punctuation pass through, so the draft of a sentence is
    the same whether it is translated whole or in pieces: what repair must give.
    English words are spaced, except after an opening marker and before a
    closing one (``slots`` tell which placeholders are markers).
    """
    def kind(token: str, seen: dict[str, int]) -> str:
        """"open", "close" or "" for a placeholder of a markup marker."""
        index = int(token[1:-1])
        if index >= len(slots) or not slots[index].markup:
            return ""
        marker = slots[index].source
        if marker == "[":
            return "open"
        if marker.startswith("]") or marker.startswith("`"):
            return "close" if marker.startswith("]") else ""
        seen[marker] = seen.get(marker, 0) + 1
        return "open" if seen[marker] % 2 else "close"

    def rule(text: str) -> str:
        tokens = [(m.start(), m.group()) for m in _WORD.finditer(text)]
        if target != "en":
            out = text
            for start, token in reversed(tokens):
                if not token.startswith("{"):
                    out = out[:start] + _chinese(token) + out[start + len(token):]
            return out
        pieces: list[str] = []
        seen: dict[str, int] = {}
        glue = True  # no space before the next token
        last = 0
        for start, token in tokens:
            between = text[last:start].strip()
            if between:  # punctuation passes through, glued to what precedes it
                pieces.append(between)
                glue = False
            how = kind(token, seen) if token.startswith("{") else ""
            word = token if token.startswith("{") or token.isascii() else _english(token)
            pieces.append(word if glue or how == "close" else " " + word)
            glue = how == "open"
            last = start + len(token)
        pieces.append(text[last:].strip())
        return "".join(pieces).strip()
    return FakeEngine(rule=rule, name=f"word engine →{target}")


@dataclass
class FaultEngine:
    """Another engine's output, corrupted by ``faults`` (see the module docstring).

    ``slots`` are the protected sentence's slots, so that a fault can find the
    placeholder of a figure or of a link's markers as a model would mangle them.
    """

    inner: object
    faults: tuple[str, ...]
    target: str
    slots: tuple[Slot, ...] = ()
    persist: bool = True
    calls: list[list[str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return getattr(self.inner, "name", "engine") + " (faults: " + "+".join(self.faults) + ")"

    def translate_batch(self, texts: Sequence[str], progress: Tick | None = None) -> list[str]:
        self.calls.append(list(texts))
        out = self.inner.translate_batch(texts, progress)  # type: ignore[attr-defined]
        if not self.persist and len(self.calls) > 1:
            return list(out)
        return [self._corrupt(text, result) for text, result in zip(texts, out, strict=True)]

    def _slot(self, test: Callable[[Slot], bool], text: str) -> str | None:
        for m in OWN_SLOT.finditer(text):
            index = int(m.group(1))
            if index < len(self.slots) and test(self.slots[index]):
                return m.group()
        return None

    def _corrupt(self, source: str, text: str) -> str:
        zh = self.target != "en"
        for fault in sorted(self.faults, key=_ORDER.index):  # placeholders written last
            if fault == "loop":
                text = text.rstrip("。.") + ("阴性" * 5 if zh else " negative" * 5)
            elif fault == "filler":
                text = text + ("(掌声)(掌声)" if zh else " (Applause) (Applause)")
            elif fault == "untranslated":
                text = source
            elif fault == "numbers":
                figure = self._slot(lambda s: bool(_FIGURE.match(s.source)), text)
                if figure is not None:
                    slot = self.slots[int(figure[1:-1])]
                    text = text.replace(figure, slot.source.translate(str.maketrans(".,", ",.")))
            elif fault == "fullwidth":
                text = OWN_SLOT.sub(lambda m: m.group().translate(_WIDE), text)
            elif fault == "spaced":
                text = OWN_SLOT.sub(lambda m: "{ " + m.group(1) + " }", text)
            elif fault == "dropped":
                first = OWN_SLOT.search(text)
                if first is not None:
                    text = text[:first.start()] + text[first.end():]
            elif fault == "invented":
                text = text + " {7}"
            elif fault == "duplicated":
                first = OWN_SLOT.search(text)
                if first is not None:
                    text = text[:first.end()] + first.group() + text[first.end():]
            elif fault == "reorder":
                opening = self._slot(lambda s: s.source == "[", text)
                closing = self._slot(lambda s: s.source.startswith("]("), text)
                if opening and closing:
                    text = (text.replace(opening, "\0").replace(closing, opening)
                            .replace("\0", closing))
        return text
