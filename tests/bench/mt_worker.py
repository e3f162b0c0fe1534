"""One side of the machine-translation benchmark, in a fresh process (run.py starts it).

    python tests/bench/mt_worker.py pressctl|argos SENTENCES.txt RESULT.json [--warmup N]

``pressctl``: the engine behind ``pressctl translate`` (``pressctl.translate.machine``):
every sentence of the run goes to CTranslate2 in one batched call.
``argos``: ``argostranslate.translate.translate()`` called once per sentence,
as scripts do today.  Both load the same installed package
(``ARGOS_PACKAGES_DIR``) with argostranslate's settings (beam size, threads,
compute type); the decoding cap comes from the benchmark's sitecustomize,
which also blocks the network.  Timings exclude the first ``--warmup``
sentences, which load the model.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


class _WholeInput:
    """A sentence splitter that keeps its input whole: every call gets one sentence.

    argostranslate would otherwise run Stanza's tokenizer on each call (or
    download a MiniSBD model); the benchmark hands it single sentences, so
    this is argostranslate's per-sentence path minus its splitting cost.
    """

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def run_pressctl(sentences: list[str], warmup: int) -> dict[str, float]:
    t0 = time.perf_counter()
    from pressctl.translate import machine

    engine = machine.load("en", "zh")
    t1 = time.perf_counter()
    engine.translate_batch(sentences[:warmup])
    t2 = time.perf_counter()
    out = engine.translate_batch(sentences[warmup:])
    t3 = time.perf_counter()
    assert len(out) == len(sentences) - warmup and all(out), "empty output"
    return {"import": t1 - t0, "load": t2 - t1, "translate": t3 - t2,
            "batches": engine.batches, "loads": engine.loads}


def run_argos(sentences: list[str], warmup: int) -> dict[str, float]:
    t0 = time.perf_counter()
    import argostranslate.translate as argos

    translation = argos.get_translation_from_codes("en", "zh")
    inner = getattr(translation, "underlying", translation)
    inner.sentencizer = _WholeInput()
    t1 = time.perf_counter()
    for sentence in sentences[:warmup]:
        argos.translate(sentence, "en", "zh")
    t2 = time.perf_counter()
    out = [argos.translate(sentence, "en", "zh") for sentence in sentences[warmup:]]
    t3 = time.perf_counter()
    assert len(out) == len(sentences) - warmup and all(out), "empty output"
    return {"import": t1 - t0, "load": t2 - t1, "translate": t3 - t2}


def main(argv: list[str]) -> int:
    mode, source, result = argv[:3]
    warmup = int(argv[argv.index("--warmup") + 1]) if "--warmup" in argv else 1
    sentences = Path(source).read_text("utf-8").splitlines()
    timings = (run_pressctl if mode == "pressctl" else run_argos)(sentences, warmup)
    timings["segments"] = len(sentences) - warmup
    Path(result).write_text(json.dumps(timings), "utf-8")
    return 0


if __name__ == "__main__":  # pressctl comes from PYTHONPATH (run.py's snapshot)
    raise SystemExit(main(sys.argv[1:]))
