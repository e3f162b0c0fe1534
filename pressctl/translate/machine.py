"""Machine translation with an installed Argos Translate package, without its slow parts.

``import argostranslate.translate`` takes seconds (it imports stanza, torch and
the MiniSBD splitter, which downloads a model at first use unless the package
ships one).  pressctl segments sentences itself, so the translation path
needs only what a package *is*: its metadata and tokenizer, read by
:mod:`pressctl.translate.argos` (argostranslate itself is optional), and
``ctranslate2`` for the model.

The decoding follows argostranslate's ``apply_packaged_translation`` (the
package's tokenizer, its target prefix, the beam size, length penalty 0.2,
unknown tokens replaced from the source) with two differences: all segments
of a run go to CTranslate2 in one ``translate_batch`` call, which sorts them
by length and splits them into sub-batches itself; and the decoding settings
of ``[tool.pressctl.decoding]`` (:class:`~pressctl.core.settings.Decoding`) keep
a model out of repetition loops and bound its output by the input's length.  The model and the
tokenizer load once per engine, on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pressctl.core.errors import MissingDependency, PressctlError
from pressctl.core.settings import Decoding
from pressctl.translate import argos as argos_format
from pressctl.translate.models import Installed, find, install_hint

#: Examples per CTranslate2 sub-batch; beam 4 × 32 sentences stays small on a CPU.
MAX_BATCH_EXAMPLES = 32
#: argostranslate's length penalty.
LENGTH_PENALTY = 0.2

Tick = Callable[[int], None]


class Engine(Protocol):
    """What the translation engine needs from a machine translator."""

    #: Model name and version, written into catalog comments of machine output.
    name: str

    def translate_batch(self, texts: Sequence[str], progress: Tick | None = None) -> list[str]:
        """Translate every text, in order; ``progress(n)`` after each ``n`` done."""
        ...


class ArgosEngine:
    """An installed Argos Translate package, driven through CTranslate2 directly."""

    def __init__(self, package: Installed, decoding: Decoding | None = None) -> None:
        self.package = package
        self.decoding = decoding or Decoding()
        self.name = package.describe()
        self.loads = 0  # how often the model was loaded: once per run
        self.batches = 0  # translate_batch calls made
        self._translator: Any = None
        self._argos: Any = None
        self._beam = 4

    def _load(self) -> None:
        if self._translator is not None:
            return
        try:
            import ctranslate2
        except ImportError as exc:
            raise MissingDependency(f"cannot import {exc.name}: machine translation needs "
                                    "ctranslate2 and sentencepiece",
                                    hint="pip install ctranslate2 sentencepiece") from None
        try:
            argos = argos_format.read_package(self.package.path)
        except (OSError, ValueError) as exc:
            raise PressctlError(f"unreadable package: {exc}", path=self.package.path,
                                hint=install_hint(self.package.from_code,
                                                  self.package.to_code)) from None
        settings = argos_format.settings()
        try:
            self._translator = ctranslate2.Translator(
                str(self.package.path / "model"), device=settings.device,
                inter_threads=settings.inter_threads, intra_threads=settings.intra_threads,
                compute_type=settings.compute_type)
        except (RuntimeError, ValueError, OSError) as exc:
            raise PressctlError(f"cannot load the model: {exc}", path=self.package.path / "model",
                                hint="reinstall it with 'pressctl models install'") from None
        self._beam = max(1, settings.beam_size)
        self._argos = argos
        self.loads += 1

    def translate_batch(self, texts: Sequence[str], progress: Tick | None = None) -> list[str]:
        if not texts:
            return []
        self._load()
        argos = self._argos
        tokens = [argos.tokenizer.encode(text) for text in texts]
        prefix = argos.target_prefix or ""
        results = self._translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=MAX_BATCH_EXAMPLES, batch_type="examples",
            beam_size=self._beam, num_hypotheses=1,
            length_penalty=LENGTH_PENALTY, replace_unknowns=True,
            repetition_penalty=self.decoding.repetition_penalty,
            no_repeat_ngram_size=self.decoding.no_repeat_ngram_size,
            max_decoding_length=self.decoding.max_length(max(len(t) for t in tokens)),
            asynchronous=True)
        self.batches += 1
        out = []
        for result in results:
            hypothesis = result.result().hypotheses[0]
            if prefix and hypothesis[:1] == [prefix]:
                hypothesis = hypothesis[1:]  # CTranslate2 returns the prefix with the output
            value = argos.tokenizer.decode(hypothesis)
            if prefix and value.startswith(prefix):
                value = value[len(prefix):]
            out.append(value.strip())
            if progress is not None:
                progress(1)
        return out


class ConvertedEngine:
    """Another engine's output in a Traditional variant: OpenCC and the regional quotes.

    Wraps an ``en→zh`` model when only that is installed for a Taiwan or Hong
    Kong target, and an ``en→zt`` model, whose Traditional is not regional
    and whose quotes are “”.  The name says both, for the catalog comment.
    """

    def __init__(self, inner: Engine, lang: str, how: str) -> None:
        self.inner, self.lang = inner, lang
        self.name = f"{inner.name} + {how}"

    def translate_batch(self, texts: Sequence[str], progress: Tick | None = None) -> list[str]:
        from pressctl.core.hant import convert, quotes

        out = self.inner.translate_batch(texts, progress)
        if self.name.endswith("quotes"):
            return [quotes(text, self.lang) for text in out]
        return [convert(text, self.lang) for text in out]


def load(from_lang: str, to_lang: str, decoding: Decoding | None = None) -> Engine:
    """The engine for an installed pair; a missing one is exit 3 with the install command.

    Languages are project tags, looked up under Argos's codes (``zh-Hant-TW``
    is ``zt``).  A Traditional target with no ``zt`` model goes through the
    Simplified model and OpenCC (the catalog comment names both).
    """
    from pressctl.core.lang import is_traditional, language

    from_code, to_code = language(from_lang).argos, language(to_lang).argos
    package = find(from_code, to_code)
    if package is not None and is_traditional(to_lang):
        return ConvertedEngine(ArgosEngine(package, decoding), to_lang, "regional quotes")
    if package is None and is_traditional(to_lang):
        simplified = find(from_code, "zh")
        if simplified is not None:
            return ConvertedEngine(ArgosEngine(simplified, decoding), to_lang,
                                   f"OpenCC {language(to_lang).opencc}")
    if package is None:
        raise MissingDependency(f"no translation model installed for {from_code} → {to_code}",
                                hint=install_hint(from_code, to_code))
    return ArgosEngine(package, decoding)


@dataclass
class FakeEngine:
    """A stand-in with the same interface, for tests of everything around the model.

    ``rule`` maps one text to its "translation"; every call is recorded.
    """

    rule: Callable[[str], str] = field(default=lambda text: f"<{text}>")
    name: str = "Fake engine 1.0"
    calls: list[list[str]] = field(default_factory=list)

    def translate_batch(self, texts: Sequence[str], progress: Tick | None = None) -> list[str]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            out.append(self.rule(text))
            if progress is not None:
                progress(1)
        return out
