"""``pressctl models``: install from a file or a package index, list, remove; bad files refused."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pressctl.core.errors import MissingDependency, PressctlError
from pressctl.translate import models
from tests.argos_model import build_package, offline_env
from tests.conftest import shared_project


def run(*args: str, env: dict[str, str], cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=cwd or shared_project(),
                          capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


@pytest.fixture(scope="module")
def package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("argos"))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return offline_env(tmp_path, tmp_path / "packages")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_install_list_remove(package_file: Path, env: dict[str, str], tmp_path: Path) -> None:
    empty = run("models", "list", env=env)
    assert empty.returncode == 0 and empty.stdout == ""
    assert "no models installed" in empty.stderr and "pressctl models install en zh" in empty.stderr
    installed = run("models", "install", str(package_file), env=env)
    assert installed.returncode == 0, installed.stderr
    assert "installed en → zh 1.0" in installed.stderr
    folder = tmp_path / "packages" / "translate-en_zh-1_0"
    assert (folder / "metadata.json").is_file() and (folder / "model" / "model.bin").is_file()
    assert not [p for p in (tmp_path / "packages").iterdir() if p.name.startswith(".")]
    listed = run("models", "list", "--json", env=env)
    rows = json.loads(listed.stdout)
    assert [(r["from"], r["to"], r["version"], r["path"]) for r in rows] == [
        ("en", "zh", "1.0", str(folder))]
    assert rows[0]["size"] > 10_000 and rows[0]["splitter"] == "stanza"
    table = run("models", "list", env=env)
    assert "en-zh" in table.stdout and str(folder) in table.stdout
    removed = run("models", "remove", "en", "zh", env=env)
    assert removed.returncode == 0, removed.stderr
    assert not folder.exists()
    again = run("models", "remove", "en", "zh", env=env)
    assert again.returncode == 2 and "no model installed for en → zh" in again.stderr
    assert not (tmp_path / "network.log").exists()


def test_argostranslate_sees_what_pressctl_installs(package_file: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    argos_package = pytest.importorskip(
        "argostranslate.package", reason="argostranslate is the optional [argos-full] extra")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    models.install_file(package_file)
    found = argos_package.get_installed_packages(path=[tmp_path / "packages"])
    assert [(p.from_code, p.to_code, p.package_version) for p in found] == [("en", "zh", "1.0")]


def test_a_newer_package_replaces_the_older(tmp_path: Path, package_file: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    models.install_file(package_file)
    newer = build_package(tmp_path, version="1.1")
    installed = models.install_file(newer)
    assert installed.version == "1.1"
    assert [p.version for p in models.installed()] == ["1.1"]
    assert sorted(p.name for p in (tmp_path / "packages").iterdir()) == ["translate-en_zh-1_1"]
    found = models.find("en", "zh")
    assert found is not None and found.version == "1.1"


# ---------------------------------------------------------------- bad package files


def _zip(path: Path, entries: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


META = json.dumps({"package_version": "9.0", "from_code": "en", "to_code": "zh",
                   "type": "translate"})
GOOD: dict[str, str | bytes] = {"pkg/metadata.json": META, "pkg/model/model.bin": b"x",
                                "pkg/sentencepiece.model": b"x"}


def _symlink_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in GOOD.items():
            zf.writestr(name, data)
        link = zipfile.ZipInfo("pkg/model/evil")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    return path


BAD: dict[str, tuple[Any, str]] = {
    "text file": (lambda p: (p.write_text("hello", "utf-8"), p)[1], "not a zip archive"),
    "no metadata": (lambda p: _zip(p, {"pkg/model/model.bin": b"x"}), "no metadata.json"),
    "bad json": (lambda p: _zip(p, {**GOOD, "pkg/metadata.json": "{oops"}),
                 "metadata.json is not readable JSON"),
    "sbd package": (lambda p: _zip(p, {**GOOD, "pkg/metadata.json": json.dumps(
        {"type": "sbd", "from_code": "en", "to_code": "zh"})}), "not a translation package"),
    "no codes": (lambda p: _zip(p, {**GOOD, "pkg/metadata.json": '{"type": "translate"}'}),
                 "names no from_code and to_code"),
    "no model": (lambda p: _zip(p, {"pkg/metadata.json": META, "pkg/sentencepiece.model": b"x"}),
                 "no model/model.bin"),
    "no tokenizer": (lambda p: _zip(p, {"pkg/metadata.json": META, "pkg/model/model.bin": b"x"}),
                     "no sentencepiece.model or bpe.model"),
    "dot-dot": (lambda p: _zip(p, {**GOOD, "pkg/../../escaped.txt": b"x"}),
                "would be written outside the package folder"),
    "absolute": (lambda p: _zip(p, {**GOOD, str(p.parent / "escaped-absolute.txt"): b"x"}),
                 "would be written outside the package folder"),
    "symlink": (_symlink_zip, "is a symbolic link"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_package_files_are_refused(kind: str, tmp_path: Path, package_file: Path,
                                       env: dict[str, str]) -> None:
    assert run("models", "install", str(package_file), env=env).returncode == 0
    packages = tmp_path / "packages"
    before = _snapshot(packages)
    make, message = BAD[kind]
    bad = make(tmp_path / f"{kind.replace(' ', '-')}.argosmodel")
    result = run("models", "install", str(bad), env=env)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "not a usable Argos Translate package" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(packages) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pressctl")) == []
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert not (tmp_path / "escaped-absolute.txt").exists()


def test_missing_file(env: dict[str, str]) -> None:
    result = run("models", "install", "nowhere.argosmodel", env=env)
    assert result.returncode == 2 and "no such file" in result.stderr


# ---------------------------------------------------------------- the package index


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving ``tmp_path/www``; yields (base URL, folder)."""
    www = tmp_path / "www"
    www.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(www), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", www
    finally:
        httpd.shutdown()
        httpd.server_close()


def _index(www: Path, base: str, package: Path, **extra: Any) -> None:
    (www / package.name).write_bytes(package.read_bytes())
    entries = [
        {"package_version": "0.9", "from_code": "en", "to_code": "zh", "type": "translate",
         "links": [f"{base}/missing.argosmodel"]},
        {"package_version": "1.0", "from_code": "en", "to_code": "zh", "type": "translate",
         "links": [f"{base}/gone.argosmodel", f"{base}/{package.name}"], **extra},
        {"package_version": "1.0", "from_code": "en", "to_code": "de", "type": "translate",
         "links": [f"{base}/de.argosmodel"]},
    ]
    (www / "index.json").write_text(json.dumps(entries), "utf-8")


def test_download_from_the_index(server: tuple[str, Path], package_file: Path,
                                 tmp_path: Path) -> None:
    base, www = server
    _index(www, base, package_file)
    env = {**offline_env(tmp_path, tmp_path / "packages"), "ARGOS_PACKAGE_INDEX": base + "/"}
    env.pop("PYTHONPATH")  # this one needs the (local) network
    result = run("models", "install", "en", "zh", env=env)
    assert result.returncode == 0, result.stderr
    assert "installed en → zh 1.0" in result.stderr
    assert (tmp_path / "packages" / "translate-en_zh-1_0" / "model" / "model.bin").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pressctl")]


def test_index_without_the_pair(server: tuple[str, Path], package_file: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    base, www = server
    _index(www, base, package_file)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/index.json")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    with pytest.raises(PressctlError) as caught:
        models.install_pair("zh", "en")
    assert "has no model for zh → en" in caught.value.message
    assert "en-de" in (caught.value.hint or "")


def test_bad_download_is_refused_and_changes_nothing(server: tuple[str, Path], tmp_path: Path,
                                                     package_file: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    base, www = server
    bad = _zip(tmp_path / "bad.argosmodel", {**GOOD, "pkg/../../x": b"x"})
    _index(www, base, bad)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    models.install_file(package_file)
    before = _snapshot(tmp_path / "packages")
    with pytest.raises(PressctlError, match="outside the package folder"):
        models.install_pair("en", "zh")
    assert _snapshot(tmp_path / "packages") == before


def test_offline_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    env = {**offline_env(tmp_path, tmp_path / "packages"),
           "ARGOS_PACKAGE_INDEX": "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"}
    start = time.perf_counter()
    result = run("models", "install", "en", "zh", env=env)
    assert time.perf_counter() - start < 10
    assert result.returncode == 3
    assert "cannot reach https://raw.githubusercontent.com/" in result.stderr
    assert "pressctl models install FILE.argosmodel" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_port_fails_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    with pytest.raises(MissingDependency, match="cannot reach"):
        models.install_pair("en", "zh")


def test_silent_server_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    try:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{listener.getsockname()[1]}/")
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
        start = time.perf_counter()
        with pytest.raises(MissingDependency, match="cannot reach"):
            models.install_pair("en", "zh", timeout=0.5)
        assert time.perf_counter() - start < 5
    finally:
        listener.close()


def test_index_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    assert models.index_url() == models.DEFAULT_INDEX + "index.json"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror/argos")
    assert models.index_url() == "http://mirror/argos/index.json"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror/custom.json")
    assert models.index_url() == "http://mirror/custom.json"


def test_package_with_metadata_at_the_zip_root(tmp_path: Path, package_file: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-made packages sometimes zip the folder's content; it still gets its own folder."""
    flat = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(package_file) as src, zipfile.ZipFile(flat, "w") as dst:
        for info in src.infolist():
            name = info.filename.split("/", 1)[1]
            if name:
                dst.writestr(name, src.read(info))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    installed = models.install_file(flat)
    assert installed.path == tmp_path / "packages" / "translate-en_zh-1_0"
    assert (installed.path / "model" / "model.bin").is_file()


def test_unreadable_folders_are_not_listed(tmp_path: Path, package_file: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    (tmp_path / "packages" / "leftover").mkdir(parents=True)
    (tmp_path / "packages" / "broken").mkdir()
    (tmp_path / "packages" / "broken" / "metadata.json").write_text("{", "utf-8")
    models.install_file(package_file)
    assert [p.name for p in models.installed()] == ["translate-en_zh-1_0"]
