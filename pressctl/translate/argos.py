"""What pressctl reads of Argos Translate: its settings and an installed package's tokenizer.

pressctl installs as a tool (``pipx install pressctl``) without argostranslate:
argostranslate's distribution requires stanza and spacy, and through them
torch — gigabytes pressctl never imports — and a dependency cannot be
declared "without its own dependencies".  What pressctl needs of it is small
and read here: the settings argostranslate documents (environment variables
first, then ``~/.config/argos-translate/settings.json``), the packages folder,
and a package's metadata, SentencePiece tokenizer and target prefix.  Models
are installed where argostranslate keeps them, so both see the same models.

Packages tokenized with BPE (``bpe.model``, a few older ones) need
argostranslate's own tokenizer (Moses and its BPE code); with argostranslate
installed (``pip install 'pressctl[argos-full]'``) it is used, otherwise the
error says how to get it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressctl.core.errors import MissingDependency, PressctlError

#: How to get argostranslate's whole stack, for the few things only it can do.
FULL_HINT = ("pip install 'pressctl[argos-full]' (pipx: pipx inject pressctl argostranslate; "
             "or pip install --no-deps argostranslate && pip install sacremoses)")


def _home() -> Path:
    snap = os.environ.get("SNAP_USER_DATA")
    return Path(snap) if "SNAP" in os.environ and snap else Path.home()


def _settings_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(_home() / ".config")
    return Path(base) / "argos-translate" / "settings.json"


def setting(key: str, default: str) -> str:
    """An Argos setting as argostranslate reads it: the environment, then settings.json."""
    value = os.environ.get(key)
    if value is not None:
        return value
    try:
        stored = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    found = stored.get(key) if isinstance(stored, dict) else None
    return default if found is None else str(found)


def _int_setting(key: str, default: int) -> int:
    text = setting(key, str(default))
    try:
        return int(text)
    except ValueError:
        raise PressctlError(f"{key}={text!r} is not a whole number",
                            hint=f"unset {key} or give it a number") from None


def packages_dir() -> Path:
    """The folder argostranslate installs packages into (``ARGOS_PACKAGES_DIR``)."""
    data = os.environ.get("XDG_DATA_HOME") or str(_home() / ".local" / "share")
    return Path(setting("ARGOS_PACKAGES_DIR", str(Path(data) / "argos-translate" / "packages"))
                ).expanduser()


@dataclass(frozen=True)
class Settings:
    """The CTranslate2 settings argostranslate exposes (``ARGOS_DEVICE_TYPE`` …)."""

    device: str
    inter_threads: int
    intra_threads: int
    compute_type: str
    beam_size: int


def settings() -> Settings:
    return Settings(device=setting("ARGOS_DEVICE_TYPE", "cpu"),
                    inter_threads=_int_setting("ARGOS_INTER_THREADS", 1),
                    intra_threads=_int_setting("ARGOS_INTRA_THREADS", 0),
                    compute_type=setting("ARGOS_COMPUTE_TYPE", "auto"),
                    beam_size=_int_setting("ARGOS_BEAM_SIZE", 4))


class SentencePieceTokenizer:
    """argostranslate's SentencePiece tokenizer: pieces out, pieces decoded back with spaces."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentence: str) -> list[str]:
        return list(self.processor.encode(sentence, out_type=str))

    def decode(self, tokens: list[str]) -> str:
        # as argostranslate 1.11: byte-fallback pieces decoded, the space markers made spaces
        return str(self.processor.decode_pieces(tokens)).replace("▁", " ").replace("_", " ")


@dataclass
class Package:
    """An installed package: its tokenizer and the prefix its model expects on the target."""

    path: Path
    tokenizer: Any
    target_prefix: str


def read_package(path: Path) -> Package:
    """Open an installed package folder; OSError/ValueError when its metadata is unreadable."""
    meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise ValueError("metadata.json does not hold an object")
    prefix = str(meta.get("target_prefix") or "")
    if (path / "sentencepiece.model").is_file():
        return Package(path, SentencePieceTokenizer(path / "sentencepiece.model"), prefix)
    if (path / "bpe.model").is_file():
        try:
            from argostranslate.tokenizer import BPETokenizer
        except ImportError:
            raise MissingDependency("this package is tokenized with BPE, which needs "
                                    "argostranslate's own tokenizer", path=path,
                                    hint=FULL_HINT) from None
        tokenizer = BPETokenizer(path / "bpe.model", str(meta.get("from_code", "")),
                                 str(meta.get("to_code", "")))
        return Package(path, tokenizer, prefix)
    raise PressctlError("package has no sentencepiece.model or bpe.model", path=path)
