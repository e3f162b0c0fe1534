"""Decoding that avoids the loops: ``[tool.pressctl.decoding]`` at work on a real tiny model.

The tiny model built with no bias towards ending a sentence loops like a real
model on text it cannot translate; the same model with the usual bias ends
after a few tokens, like a model that behaves.  The settings must cut the
first and leave the second exactly as it was.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config, Decoding
from pressctl.translate.machine import ArgosEngine
from pressctl.translate.models import Installed
from tests.argos_model import build_package

SENTENCES = ["BMW and Huawei announce a partnership in China.",
             "The digital key launches this year on Huawei phones.",
             "Users can unlock, lock and start the vehicle.",
             "Revenue reached {0} billion euros in {1}."]
#: As argostranslate decodes: no penalty, no n-gram blocking, CTranslate2's own length cap.
OFF = Decoding(repetition_penalty=1, no_repeat_ngram_size=0, max_length_ratio=1e-9,
               max_length_extra=256)


def _engine(folder: Path, eos_bias: float, decoding: Decoding) -> ArgosEngine:
    pytest.importorskip("ctranslate2")
    package = build_package(folder, eos_bias=eos_bias)
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder / "installed")
    path = next((folder / "installed").iterdir())
    return ArgosEngine(Installed("en", "zh", "1.0", "1.9.0", path, 0), decoding)


class _Spy:
    """Records what CTranslate2 was asked and the tokens it decoded."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.kwargs: dict[str, Any] = {}
        self.hypotheses: list[list[str]] = []
        self.tokens: list[list[str]] = []

    def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> list[Any]:
        self.kwargs, self.tokens = kwargs, tokens
        results = self.inner.translate_batch(tokens, **{**kwargs, "asynchronous": False})
        self.hypotheses = [r.hypotheses[0] for r in results]

        class Done:
            def __init__(self, result: Any) -> None:
                self._result = result

            def result(self) -> Any:
                return self._result
        return [Done(r) for r in results]


def _run(engine: ArgosEngine) -> tuple[list[str], _Spy]:
    engine._load()
    spy = _Spy(engine._translator)
    engine._translator = spy
    return engine.translate_batch(SENTENCES), spy


def _repeated(tokens: list[str], n: int = 4) -> int:
    counts = Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return sum(c - 1 for c in counts.values() if c > 1)


def test_the_settings_cut_the_loops_of_a_looping_model(tmp_path: Path) -> None:
    _, off = _run(_engine(tmp_path / "off", 0.0, OFF))
    _, on = _run(_engine(tmp_path / "on", 0.0, Decoding()))
    assert sum(_repeated(h) for h in off.hypotheses) > 50  # the model loops
    assert [_repeated(h) for h in on.hypotheses] == [0, 0, 0, 0]
    assert on.kwargs["no_repeat_ngram_size"] == 4
    bound = on.kwargs["max_decoding_length"]
    assert max(len(h) for h in on.hypotheses) <= bound < max(len(h) for h in off.hypotheses)


def test_the_settings_leave_a_well_behaved_model_alone(tmp_path: Path) -> None:
    off, _ = _run(_engine(tmp_path / "off", 2.5, OFF))
    on, spy = _run(_engine(tmp_path / "on", 2.5, Decoding()))
    assert on == off and all(on)
    assert spy.kwargs["repetition_penalty"] == 1.0


def test_each_setting_is_passed_as_configured(tmp_path: Path) -> None:
    decoding = Decoding(repetition_penalty=1.3, no_repeat_ngram_size=2, max_length_ratio=0.5,
                        max_length_extra=3)
    _, spy = _run(_engine(tmp_path, 0.0, decoding))
    assert spy.kwargs["repetition_penalty"] == 1.3
    assert spy.kwargs["no_repeat_ngram_size"] == 2
    assert max(len(h) for h in spy.hypotheses) <= spy.kwargs["max_decoding_length"] == \
        int(0.5 * max(len(s) for s in spy.tokens)) + 3


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pressctl]\nlanguages = ["en", "zh"]\n\n[tool.pressctl.decoding]\n' + table,
        encoding="utf-8")
    return tmp_path


def test_the_settings_are_read_from_tool_pressctl_decoding(tmp_path: Path) -> None:
    from pressctl.core import config

    loaded = config.load(_project(tmp_path, "no_repeat_ngram_size = 3\nmax_length_ratio = 1.5\n"))
    assert loaded.decoding == Decoding(no_repeat_ngram_size=3, max_length_ratio=1.5)
    assert Config(root=tmp_path).decoding == Decoding()


@pytest.mark.parametrize(("table", "message"), [
    ("no_repeat_ngrams = 3\n", "unknown key 'no_repeat_ngrams' in [tool.pressctl.decoding] "
                               "(did you mean 'no_repeat_ngram_size'?)"),
    ("repetition_penalty = 0.5\n", "[tool.pressctl] decoding.repetition_penalty is 0.5"),
    ("no_repeat_ngram_size = \"4\"\n", "decoding.no_repeat_ngram_size is '4'"),
])
def test_a_wrong_setting_names_the_file_and_line(tmp_path: Path, table: str,
                                                  message: str) -> None:
    from pressctl.core import config

    with pytest.raises(PressctlError) as caught:
        config.load(_project(tmp_path, table))
    assert message in caught.value.message
    assert caught.value.line == 5


def test_translate_hands_the_settings_to_the_engine(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pressctl.cli import translate as command
    from pressctl.translate import machine

    seen: list[Decoding | None] = []

    def load(src: str, tgt: str, decoding: Decoding | None = None) -> Any:
        seen.append(decoding)
        return machine.FakeEngine()

    monkeypatch.setattr(machine, "load", load)
    cfg = Config(root=tmp_path, decoding=Decoding(no_repeat_ngram_size=6))
    translator = command._translator(cfg, "en", "zh", memory_only=False)
    translator.translate(["A new sentence nobody translated."])
    assert seen == [Decoding(no_repeat_ngram_size=6)]
