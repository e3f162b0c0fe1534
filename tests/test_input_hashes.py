"""A large input's hash (a system font) is remembered across processes, by the file's identity."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pressctl.core import atomic


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(atomic, "_unchanged_hashes", {})
    return tmp_path / "cache" / "pressctl" / "hashes"


def test_a_large_file_is_hashed_once_for_every_process(tmp_path: Path, cache: Path) -> None:
    font = tmp_path / "font.ttc"
    font.write_bytes(os.urandom(atomic.LARGE + 1))
    digest = hashlib.sha256(font.read_bytes()).hexdigest()
    assert atomic.sha256_of_input(font) == digest
    (marker,) = cache.iterdir()
    assert marker.read_text() == digest
    # another process (an empty memo) takes the recorded hash without reading the file
    marker.write_text("f" * 64)
    atomic._unchanged_hashes.clear()
    assert atomic.sha256_of_input(font) == "f" * 64
    # a new version of the file (size, modification time) is hashed again
    font.write_bytes(os.urandom(atomic.LARGE + 2))
    atomic._unchanged_hashes.clear()
    assert atomic.sha256_of_input(font) == hashlib.sha256(font.read_bytes()).hexdigest()
    assert len(list(cache.iterdir())) == 2


def test_small_files_and_a_broken_cache_are_hashed(tmp_path: Path, cache: Path) -> None:
    seed = tmp_path / "seed.md"
    seed.write_text("# Title\n", "utf-8")
    assert atomic.sha256_of_input(seed) == hashlib.sha256(b"# Title\n").hexdigest()
    assert not cache.exists()  # only large files are recorded
    font = tmp_path / "font.ttc"
    font.write_bytes(b"\0" * atomic.LARGE)
    cache.parent.mkdir(parents=True)
    cache.write_text("not a folder")  # the cache cannot be written: hashed all the same
    assert atomic.sha256_of_input(font) == hashlib.sha256(font.read_bytes()).hexdigest()
