"""An Argos Translate package with the dimensions of a Transformer-base translation model.

Random weights (speed, not quality): d_model 512, 6 encoder + 6 decoder layers,
8 heads, FFN 2048, a shared 32k SentencePiece vocabulary (source and target
embeddings and the output projection share one matrix, as in Transformer-base
with a joint vocabulary), int8 weights like the published Argos packages.

The SentencePiece model has English pieces learnt (BPE) from the announcement
and generated press-release sentences, so the benchmark's sentences tokenise
into whole words as with a trained model (about 1.1–1.3 pieces a word), and
Chinese characters and words as user-defined pieces up to 32k.

The package carries an empty ``stanza/`` folder so that argostranslate picks
its Stanza splitter (which loads lazily) rather than MiniSBD (which downloads
a model when the translation object is made); the benchmark replaces the
splitter with one that returns its input, because it hands over one sentence
at a time (see mt_worker.py).
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.argos_model import shape_of, zip_package


@dataclass(frozen=True)
class Dims:
    d_model: int = 512
    layers: int = 6
    heads: int = 8
    ffn: int = 2048
    vocab: int = 32000

    def describe(self) -> str:
        return (f"d_model {self.d_model}, {self.layers}+{self.layers} layers, {self.heads} heads, "
                f"FFN {self.ffn}, vocab {self.vocab}")


BASE = Dims()
TINY = Dims(d_model=64, layers=1, heads=2, ffn=128, vocab=2000)


def _corpus() -> list[str]:
    from pressctl.source.read import read
    from pressctl.source.segment import segments
    from tests.bench.corpus import SEED, generated_pairs, generated_sentences

    real = [s.text for s in segments(read(SEED))]
    pairs = generated_pairs(5000, seed=1)
    return real * 100 + [en for en, _ in pairs] + generated_sentences(5000, seed=1)


def _chinese(count: int) -> list[str]:
    """The Chinese characters of the catalog and generated sentences, then random words."""
    from pressctl.catalogs import catalog
    from tests.bench.corpus import ROOT, SLUG, generated_pairs

    text = "".join(catalog.reviewed(catalog.load(
        ROOT / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po")).values())
    text += "".join(zh for _, zh in generated_pairs(5000, seed=1))
    pieces = dict.fromkeys(c for c in text if "\u3000" <= c <= "\u9fff" or c >= "\uff00")
    rng = random.Random(0)
    chars = [chr(c) for c in range(0x4E00, 0x9FA6)]
    while len(pieces) < count:
        pieces["".join(rng.choice(chars) for _ in range(rng.choice((2, 2, 3))))] = None
    return list(pieces)[:count]


def sentencepiece_model(vocab: int) -> bytes:
    """A unigram model with ``vocab`` pieces.

    Pieces learnt from English text segment the benchmark's sentences the way
    a trained model would (whole words, common subwords); Chinese, the target
    side, comes in as user-defined pieces (the characters of the reviewed
    translations, then random words up to the size), which give the embedding
    and output layers their size (what matters for speed) without changing
    how the English sentences are tokenised.
    """
    import sentencepiece as spm

    learnt = min(vocab // 2, 3000)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus()), model_writer=model, vocab_size=vocab,
        hard_vocab_limit=False, character_coverage=1.0, model_type="bpe",
        minloglevel=2, num_threads=2, input_sentence_size=0,
        user_defined_symbols=_chinese(vocab - learnt))
    return model.getvalue()


def _shape(name: str, dims: Dims, vocab: int) -> tuple[int, ...]:
    return shape_of(name, vocab, dims.d_model, dims.ffn)


def build_model_dir(folder: Path, sp_model: bytes, dims: Dims, *, seed: int = 0) -> int:
    """Write the CTranslate2 model; returns the vocabulary size."""
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import model_spec, transformer_spec

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(dims.layers, dims.heads)
    shared = (rng.standard_normal((len(vocab), dims.d_model)) * 0.05).astype(np.float32)

    def fill(layer: object, name: str, value: object) -> None:
        leaf = name.split("/")[-1]
        parent = name.split("/")[-2]
        if leaf == "bias" and parent.startswith("linear") and isinstance(value, str):
            # optional in the spec; OpenNMT Transformer-base models have them
            rows = _shape(f"{name.rsplit('/', 1)[0]}/weight", dims, len(vocab))[0]
            setattr(layer, leaf, np.zeros((rows,), np.float32))
            return
        if value is not None:
            return
        shape = _shape(name, dims, len(vocab))
        if parent.startswith("embeddings") or parent == "projection":
            array = shared if leaf == "weight" else np.zeros(shape, np.float32)
        elif leaf == "gamma":
            array = np.ones(shape, np.float32)
        elif leaf == "beta" or leaf == "bias":
            array = np.zeros(shape, np.float32)
        else:
            array = (rng.standard_normal(shape) * (1.0 / np.sqrt(shape[-1]))).astype(np.float32)
        setattr(layer, leaf, array)

    model_spec.visit_spec(spec, fill)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    return len(vocab)


def build_package(out_dir: Path, dims: Dims = BASE) -> tuple[Path, int]:
    """A ``.argosmodel`` for en → zh with ``dims``; returns its path and the vocabulary size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "build-en-zh"
    sp_model = sentencepiece_model(dims.vocab)
    vocab = build_model_dir(work / "model", sp_model, dims)
    meta: dict[str, object] = {
        "package_version": "1.0", "argos_version": "1.9.0", "from_code": "en",
        "from_name": "English", "to_code": "zh", "to_name": "Chinese",
        "type": "translate", "links": []}
    folder = "translate-en_zh-1_0"
    path = zip_package(out_dir / f"{folder}.argosmodel", folder, meta, sp_model, work / "model",
                       f"Benchmark model ({dims.describe()}): random weights, gibberish output.\n",
                       zipfile.ZIP_STORED)
    return path, vocab
