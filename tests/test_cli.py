"""The command line as users meet it: start-up cost, exit codes, messages on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

HEAVY = ("torch", "argostranslate", "reportlab", "ctranslate2", "stanza", "docx")


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_help_imports_nothing_heavy() -> None:
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "pressctl", "--help"],
                         capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in out.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY), imported & set(HEAVY)
    assert "build" in out.stdout and "catalog" in out.stdout


def test_help_is_fast() -> None:
    best = min(_timed("--help") for _ in range(3))
    assert best < 1.0, f"pressctl --help took {best:.2f}s"


def _timed(*args: str) -> float:
    start = time.perf_counter()
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - start


def test_catalog_stats_json() -> None:
    result = run("catalog", "stats", "--json")
    assert result.returncode == 0, result.stderr
    rows = {(r["document"], r["lang"]): r for r in json.loads(result.stdout)}
    assert rows[("bmw-huawei-harmonyos", "zh")]["translated"] == 35
    assert rows[("bmw-huawei-harmonyos", "zh")]["untranslated"] == 0
    assert rows[("pressctl", "zh")]["fuzzy"] == 0


def test_input_error_is_one_clear_line(project: Path) -> None:
    (project / "seeds" / "broken.md").write_text("---\ntitle: [x\n---\nBody.\n", "utf-8")
    result = run("catalog", "stats", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "seeds/broken.md:2: broken front matter" in result.stderr


def test_debug_shows_the_traceback(project: Path) -> None:
    (project / "seeds" / "broken.md").write_text("not a seed\n", "utf-8")
    result = run("--debug", "catalog", "stats", cwd=project)
    assert result.returncode == 2
    assert "Traceback" in result.stderr


def test_usage_error_exit_2() -> None:
    result = run("build", "--format", "odt")
    assert result.returncode == 2
    assert "unknown format 'odt'" in result.stderr
    assert "Traceback" not in result.stderr
    assert run("no-such-command").returncode == 2


def test_build_output_is_plain_when_not_a_terminal(project: Path) -> None:
    result = run("build", "--lang", "en", "--format", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert "wrote dist/bmw-huawei-harmonyos/bmw-huawei-harmonyos.en.pdf" in result.stderr


def test_build_draws_a_progress_bar_on_a_terminal(project: Path) -> None:
    import pty

    output = bytearray()

    def read(fd: int) -> bytes:
        data = os.read(fd, 4096)
        output.extend(data)
        return data

    cwd = os.getcwd()
    os.chdir(project)
    try:
        status = pty.spawn([sys.executable, "-m", "pressctl", "build", "--lang", "en",
                            "--format", "pdf", "--format", "docx"], read)
    finally:
        os.chdir(cwd)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "building" in text and "2/2" in text  # rich's bar with its count
    assert "\x1b[" in text


def test_quiet_prints_nothing_on_success(project: Path) -> None:
    result = run("--quiet", "build", "--lang", "en", "--format", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
