"""Messages as a user reads them (issue 23): paths from a subfolder, translate with nothing
to read, and a figure beside a Chinese unit in a draft."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from pressctl.core.paths import typed
from tests.test_cli import run
from tests.test_qa import edit


def test_qa_from_a_subfolder_prints_paths_relative_to_it(project: Path) -> None:
    """`cd seeds && pressctl qa` names the catalog ../locales/…, as ruff would."""
    edit(project, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    result = run("qa", "--lang", "zh", cwd=project / "seeds")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "bmw-huawei-harmonyos.po:" in line]
    assert lines, result.stdout
    assert all(line.startswith("../locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po:")
               for line in lines), lines
    assert str(project) not in result.stdout


def test_a_path_outside_every_shared_folder_is_printed_in_full(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "newsroom" / "seeds"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert typed(work / "q3.md") == "q3.md"
    assert typed(tmp_path / "newsroom" / "locales" / "zh.po") == "../locales/zh.po"
    assert typed(tmp_path / "newsroom") == ".."
    assert typed(Path("/proc/version")) == "/proc/version"  # shares only "/" with the work
    assert typed(Path("relative/as/typed.md")) == "relative/as/typed.md"


def test_build_check_names_the_output_folder_from_a_subfolder(project: Path) -> None:
    result = run("build", "--check", "--lang", "en", "--format", "pdf", cwd=project / "seeds")
    assert result.returncode == 1, result.stderr
    assert "out of date in ../dist" in result.stderr, result.stderr


def test_translate_with_nothing_on_a_terminal_says_what_it_expects(project: Path) -> None:
    """Before: it waited on the terminal, and ^D ended it with exit 0 and no word."""
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "pressctl", "translate", "--to", "zh"],
                                stdin=follower, capture_output=True, text=True, cwd=project,
                                timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("error: no text to translate: give a FILE, or pipe text")
    assert "Traceback" not in result.stderr


def test_translate_still_reads_a_pipe(project: Path) -> None:
    result = run("translate", "--to", "zh", "--memory-only", cwd=project, stdin="")
    assert result.returncode == 0, result.stderr


def test_a_figure_is_closed_up_to_a_chinese_unit_standing_in() -> None:
    """An English draft of a Chinese release whose unit 人 is not translated yet printed
    "300 人"; a figure takes no space before a CJK character in any language."""
    from pressctl.core.script import figure_gap
    from pressctl.kit import Wording, fact_row
    from pressctl.source.release import Fact
    from pressctl.translate.punctuation import tidy

    fact = Fact("乘客", 300, "人")
    assert fact_row(fact, fact, Wording(None), "en_GB").value_text == "300人"
    kwh = Fact("Storage", 2800, "kWh")
    assert fact_row(kwh, kwh, Wording(None), "en_GB").value_text == "2,800 kWh"
    assert tidy("About 300 人 took the first trip.", "en") == "About 300人 took the first trip."
    assert (figure_gap("人"), figure_gap("kWh"), figure_gap("%")) == ("", " ", None)


def test_build_from_a_subfolder_names_what_it_wrote_from_there(project: Path) -> None:
    listed = run("build", "--list", "--lang", "en", "--format", "pdf", cwd=project / "seeds")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("../dist/bmw-huawei-harmonyos/bmw-huawei-harmonyos.en.pdf\t")
    built = run("build", "--lang", "en", "--format", "pdf", cwd=project / "seeds")
    assert built.returncode == 0, built.stderr
    assert "wrote ../dist/bmw-huawei-harmonyos/bmw-huawei-harmonyos.en.pdf" in built.stderr
    assert "in ../dist/bmw-huawei-harmonyos" in built.stderr
