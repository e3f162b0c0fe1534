"""Build a tiny but real Argos Translate package for tests (about 0.1 s).

No Argos model can be downloaded on test machines, so this makes one: a
one-layer CTranslate2 Transformer whose weights are random numpy arrays,
with a small SentencePiece vocabulary trained on a few sentences of both
languages, packaged the way argostranslate packages are: a zip holding one
folder with ``metadata.json``, ``model/``, ``sentencepiece.model`` and a
``stanza/`` folder.  The folder matters to argostranslate, not to pressctl:
without a packaged splitter, argostranslate's own translate path falls back
to MiniSBD, which downloads a model at first use.  pressctl splits sentences
itself and never calls either.

The output is gibberish (random weights), but it is produced by the real
path: package lookup, SentencePiece tokenizer, CTranslate2 beam search.  A
bias towards the end-of-sentence token keeps the outputs short.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

CORPUS = [
    "BMW and Huawei announce a partnership in China.",
    "The digital key launches this year on Huawei phones.",
    "Users can unlock, lock and start the vehicle.",
    "Revenue reached 142 billion euros in 2024.",
    "宝马与华为在中国宣布合作。",
    "数字钥匙将于年内上线，用户可使用华为手机为车辆解锁。",
    "宝马集团计划在2025年实现全球电动车累计销量超过300万辆。",
    "{0} {1} {2} 0123456789 . , ! ? “ ” 。 ， ！ ？",
]
D_MODEL = 16
FFN = 32
HEADS = 2


def shape_of(name: str, vocab: int, d_model: int = D_MODEL, ffn: int = FFN) -> tuple[int, ...]:
    """The shape of a CTranslate2 Transformer weight, by its name in the spec."""
    parts = name.split("/")
    leaf, parent = parts[-1], parts[-2]
    d = d_model
    if parent.startswith("embeddings") or parent == "projection":
        return (vocab, d)
    if leaf in ("gamma", "beta"):
        return (d,)
    if "self_attention" in parts:
        return {"linear_0": (3 * d, d), "linear_1": (d, d)}[parent]
    if "attention" in parts:
        return {"linear_0": (d, d), "linear_1": (2 * d, d), "linear_2": (d, d)}[parent]
    if "ffn" in parts:
        return {"linear_0": (ffn, d), "linear_1": (d, ffn)}[parent]
    raise KeyError(name)


def _sentencepiece(symbols: list[str], *, traditional: bool = False) -> bytes:
    """A SentencePiece model; ``symbols`` become single tokens (a target prefix like __zh__).

    ``traditional``: the Chinese of the corpus in Traditional characters (OpenCC s2t), for a
    ``zt`` package — a Traditional model's vocabulary holds no Simplified character, so its
    gibberish is Traditional whatever the random weights pick (with a Simplified vocabulary,
    a new CTranslate2 release once picked 将 and failed a test of Traditional output).
    """
    import sentencepiece as spm

    corpus = CORPUS
    if traditional:
        import opencc

        corpus = [opencc.OpenCC("s2t").convert(line) for line in CORPUS]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus * 10), model_writer=model, vocab_size=100,
        hard_vocab_limit=False, character_coverage=1.0, model_type="unigram",
        minloglevel=2, num_threads=1, user_defined_symbols=symbols or [])
    return model.getvalue()


def build_model_dir(folder: Path, sp_model: bytes, *, seed: int = 0,
                    eos_bias: float = 2.5) -> None:
    """Write a CTranslate2 Transformer (1 layer each side) for the SentencePiece vocabulary.

    ``eos_bias`` 0 makes a model that rarely ends a sentence: it loops, as a real
    model does on text it cannot translate (what the decoding settings are for).
    """
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import model_spec, transformer_spec

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(1, HEADS)

    def fill(layer: object, name: str, value: object) -> None:
        if value is not None:
            return
        leaf = name.split("/")[-1]
        shape = shape_of(name, len(vocab))
        if leaf == "gamma":
            array = np.ones(shape, np.float32)
        elif leaf == "beta":
            array = np.zeros(shape, np.float32)
        else:
            array = (rng.standard_normal(shape) * 0.3).astype(np.float32)
        setattr(layer, leaf, array)

    model_spec.visit_spec(spec, fill)
    bias = np.zeros((len(vocab),), np.float32)
    bias[vocab.index("</s>")] = eos_bias  # 2.5: end sentences after a few tokens
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize()
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def build_package(out_dir: Path, from_code: str = "en", to_code: str = "zh", *,
                  version: str = "1.0", target_prefix: str = "",
                  metadata: dict[str, object] | None = None, eos_bias: float = 2.5) -> Path:
    """A real ``.argosmodel`` for the pair in ``out_dir``; returns its path."""
    work = out_dir / f"build-{from_code}-{to_code}-{version}"
    sp_model = _sentencepiece([target_prefix] if target_prefix else [],
                              traditional=to_code == "zt")
    build_model_dir(work / "model", sp_model, eos_bias=eos_bias)
    meta: dict[str, object] = {
        "package_version": version, "argos_version": "1.9.0",
        "from_code": from_code, "from_name": {"en": "English", "zh": "Chinese"}.get(from_code,
                                                                                   from_code),
        "to_code": to_code, "to_name": {"en": "English", "zh": "Chinese"}.get(to_code, to_code),
        "type": "translate", "links": [],
    }
    if target_prefix:
        meta["target_prefix"] = target_prefix
    meta.update(metadata or {})
    folder = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    return zip_package(out_dir / f"{folder}.argosmodel", folder, meta, sp_model, work / "model",
                       "Tiny test model: random weights, gibberish output.\n")


def zip_package(path: Path, folder: str, meta: dict[str, object], sp_model: bytes,
                model_dir: Path, readme: str, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Pack an Argos package as argostranslate's own are: one folder, with ``stanza/``."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr(f"{folder}/metadata.json", json.dumps(meta, indent=2))
        zf.writestr(f"{folder}/sentencepiece.model", sp_model)
        zf.writestr(f"{folder}/README.md", readme)
        zf.writestr(f"{folder}/stanza/", "")
        for file in sorted(model_dir.iterdir()):
            zf.write(file, f"{folder}/model/{file.name}")
    return path


SITECUSTOMIZE = '''\
"""Test helper: no network in this process; every attempt is logged."""
import os
import socket


def _blocked(*args, **kwargs):
    log = os.environ.get("PRESSCTL_TEST_NETWORK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(repr(args[1:2]) + "\\n")
    raise OSError("network blocked by the test")


socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
'''


def offline_env(folder: Path, packages: Path) -> dict[str, str]:
    """Environment for a pressctl subprocess with the network blocked and its own model folder.

    A ``sitecustomize`` on PYTHONPATH replaces the socket functions before
    pressctl starts; attempts are written to ``folder/network.log``.  The XDG
    folders keep argostranslate's settings import out of the real home.
    """
    import os

    site = folder / "offline-site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, "utf-8")
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": f"{site}{os.pathsep}{path}" if path else str(site),
            "PRESSCTL_TEST_NETWORK_LOG": str(folder / "network.log"),
            "ARGOS_PACKAGES_DIR": str(packages),
            "XDG_DATA_HOME": str(folder / "xdg-data"),
            "XDG_CONFIG_HOME": str(folder / "xdg-config"),
            "XDG_CACHE_HOME": str(folder / "xdg-cache")}
