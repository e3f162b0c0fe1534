"""How failures look: never a traceback (exit 70 for a bug), one JSON document under --json,
and messages that name the files a user opens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest

from tests.conftest import ROOT
from tests.test_build import REVENUE_EN, REVENUE_ZH, ZH_PO, edit
from tests.test_cli import run

KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")

#: Runs pressctl's real entry point with one stage broken by a genuine bug (1 / 0).
BROKEN = """
import sys
import pressctl.catalogs.project

def stats(config):
    return 1 / 0

pressctl.catalogs.project.stats = stats
from pressctl.cli import main
sys.argv = ["pressctl", *sys.argv[1:]]
main()
"""


def run_broken(*args: str, cwd: Path, bug: str = "1 / 0") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BROKEN.replace("1 / 0", bug), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def entry_line(path: Path, msgid: str) -> int:
    """Where polib (and so QA) says the entry starts."""
    return next(e.linenum for e in polib.pofile(str(path)) if e.msgid == msgid)


def msgstr_line(path: Path, msgid: str) -> int:
    """The line of the entry's msgstr: where a refused translation is named."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = entry_line(path, msgid)
    return next(n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgstr"))


# 4. a bug is one line and exit 70 ----------------------------------------------------------


def test_a_bug_is_one_line_and_exit_70(project: Path) -> None:
    result = run_broken("catalog", "stats", cwd=project)
    assert result.returncode == 70
    assert result.stderr == ("internal error: ZeroDivisionError: division by zero, please "
                             "report it with 'pressctl --debug catalog stats' output\n")
    assert result.stdout == ""


def test_debug_shows_the_bugs_traceback(project: Path) -> None:
    result = run_broken("--debug", "catalog", "stats", cwd=project)
    assert result.returncode == 70
    assert result.stderr.startswith("Traceback (most recent call last):")
    # Python 3.13 also prints the source line of the -c program under its frame
    frame = result.stderr.index('File "<string>", line 6, in stats\n')
    assert result.stderr.index("ZeroDivisionError: division by zero\n") > frame
    assert result.stderr.endswith("internal error: ZeroDivisionError: division by zero, please "
                                  "report it with 'pressctl --debug catalog stats' output\n")


def test_a_bug_under_json_is_a_json_error(project: Path) -> None:
    result = run_broken("catalog", "stats", "--json", cwd=project)
    assert result.returncode == 70
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 70
    assert error["message"].startswith("internal error: ZeroDivisionError: division by zero")


def test_ctrl_c_under_json_is_a_json_error(project: Path) -> None:
    result = run_broken("catalog", "stats", "--json", cwd=project,
                        bug="(_ for _ in ()).throw(KeyboardInterrupt)")
    assert result.returncode == 130
    assert json.loads(result.stdout)["error"]["message"] == "interrupted"


def test_ctrl_c_without_json_is_exit_130_and_one_line(project: Path) -> None:
    result = run_broken("catalog", "stats", cwd=project,
                        bug="(_ for _ in ()).throw(KeyboardInterrupt)")
    assert result.returncode == 130
    assert result.stderr == "interrupted\n" and result.stdout == ""


def test_exit_70_is_documented() -> None:
    help_text = run("--help").stdout
    assert "70 an internal error" in " ".join(help_text.split())
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "| 70 | an internal error" in readme


# 9. --json is always one JSON document ----------------------------------------------------


def error_of(result: subprocess.CompletedProcess[str], code: int) -> dict[str, Any]:
    assert result.returncode == code, (result.stdout, result.stderr)
    document = json.loads(result.stdout)  # exactly one document, or this raises
    assert set(document) == {"error"}
    error: dict[str, Any] = document["error"]
    assert set(error) == {"message", "file", "line", "hint", "exit_code", "problems"}
    assert error["exit_code"] == code
    return error


def test_json_when_the_qa_gate_refuses(project: Path) -> None:
    edit(project / ZH_PO, f'msgstr "{REVENUE_ZH}"',
         f'msgstr "{REVENUE_ZH.replace("1423.8亿", "1432.8亿")}"')
    error = error_of(run("build", "--json", cwd=project), 1)
    assert error["message"].startswith("QA found 1 blocking problem(s):")
    [problem] = error["problems"]
    assert problem["file"] == str(ZH_PO)
    assert problem["line"] == entry_line(project / ZH_PO, problem["msgid"])
    assert problem["msgid"].startswith(REVENUE_EN)
    assert (problem["check"], problem["severity"]) == ("numbers", "error")
    assert "1432.8亿" in problem["text"] or "1432.8亿" in problem["message"]


@pytest.mark.parametrize(("old", "new", "check"), [
    (f'msgstr "{REVENUE_ZH}"', 'msgstr ""', "untranslated"),
    ('#: seeds/bmw-huawei-harmonyos.md:65\nmsgid ""\n"Recently',
     '#: seeds/bmw-huawei-harmonyos.md:65\n#, fuzzy\nmsgid ""\n"Recently', "fuzzy"),
])
def test_json_when_the_translation_gate_refuses(project: Path, old: str, new: str,
                                                check: str) -> None:
    edit(project / ZH_PO, old, new)
    error = error_of(run("build", "--json", cwd=project), 1)
    assert error["file"] == "seeds/bmw-huawei-harmonyos.md"
    [problem] = error["problems"]
    assert problem["msgid"].startswith(REVENUE_EN)
    assert (problem["file"], problem["check"]) == (str(ZH_PO), check)
    assert problem["line"] == entry_line(project / ZH_PO, problem["msgid"])


BROKEN_SEED = "---\ntitle: [x\n---\nBody.\n"


@pytest.mark.parametrize("command", [
    ("build", "--json"),
    ("qa", "--json"),
    ("catalog", "stats", "--json"),
    ("doctor", "--json"),
    ("translate", "seeds/broken.md", "--to", "zh", "--memory-only", "--json"),
])
def test_json_when_input_is_bad(project: Path, command: tuple[str, ...]) -> None:
    (project / "seeds" / "broken.md").write_text(BROKEN_SEED, "utf-8")
    (project / "pyproject.toml").write_text("[tool.pressctl]\nlanguages = [\n", "utf-8")
    result = run(*command, cwd=project)
    error = error_of(result, 2)
    assert error["file"] == "pyproject.toml"
    assert error["message"] in result.stderr


@pytest.mark.parametrize("command", [
    ("build", "--json"),
    ("qa", "--json"),
    ("catalog", "stats", "--json"),
    ("translate", "seeds/broken.md", "--to", "zh", "--memory-only", "--json"),
])
def test_json_names_the_file_and_line_of_bad_input(project: Path,
                                                   command: tuple[str, ...]) -> None:
    (project / "seeds" / "broken.md").write_text(BROKEN_SEED, "utf-8")
    error = error_of(run(*command, cwd=project), 2)
    assert (error["file"], error["line"]) == ("seeds/broken.md", 2)
    assert error["message"].startswith("broken front matter")


@pytest.mark.parametrize("command", [
    ("build", "--json", "--jobs", "0"),
    ("qa", "--json", "--no-such-option"),
    ("catalog", "stats", "--json", "extra"),
    ("models", "list", "--json", "--no-such-option"),
    ("doctor", "--json", "--no-such-option"),
    ("translate", "--json", "--to"),
])
def test_json_on_a_usage_error(command: tuple[str, ...]) -> None:
    result = run(*command)
    error = error_of(result, 2)
    assert error["message"] and f"error: {error['message']}" in result.stderr
    assert error["hint"].endswith(" --help' for the options")


# 10. messages name real files ------------------------------------------------------------


def _add_german(project: Path) -> Path:
    """Add a language pressctl ships no kit wording for: its pressctl.po must be filled."""
    edit(project / "pyproject.toml", 'languages = ["en", "zh"]', 'languages = ["en", "zh", "de"]')
    result = run("catalog", "update", cwd=project)
    assert result.returncode == 0, result.stderr
    return Path("locales/de/LC_MESSAGES/pressctl.po")


def test_the_kit_wording_gate_names_the_kit_catalog(project: Path) -> None:
    de_kit = _add_german(project)
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert f"  de kit wording ({de_kit}): 23 segment(s)\n    - For immediate release\n" \
        in result.stderr
    assert "kit wording/LC_MESSAGES" not in result.stderr


def test_qa_names_the_kit_catalog_not_the_code(project: Path) -> None:
    de_kit = _add_german(project)
    edit(project / de_kit, 'msgid "Figure"\nmsgstr ""\n', "")
    result = run("qa", "--json", "--lang", "de", cwd=project)
    assert result.returncode == 1
    problems = [p for p in json.loads(result.stdout)["problems"] if p["msgid"] == "Figure"]
    assert [(p["file"], p["line"], p["check"]) for p in problems] == \
        [(str(de_kit), None, "untranslated")]
    assert "pressctl/kit/__init__.py" not in run("qa", "--lang", "de", cwd=project).stdout


def test_a_kit_translation_with_an_unknown_placeholder_is_input_not_a_bug(
        project: Path) -> None:
    """It broke the build with a KeyError before the QA gate could name it."""
    edit(project / KIT_PO, 'msgid "{amount} {unit}"\nmsgstr ""',
         'msgid "{amount} {unit}"\nmsgstr "{amount}{units}"')
    for args in (("build",), ("build", "--draft")):
        result = run(*args, cwd=project)
        assert result.returncode == 2, result.stderr
        assert result.stderr == (
            f"error: {KIT_PO}:{msgstr_line(project / KIT_PO, '{amount} {unit}')}: the "
            "translation "
            "of '{amount} {unit}', '{amount}{units}', cannot be filled in: {units} is not a "
            "placeholder the kit fills\n"
            "  hint: use only the placeholders the kit fills: {amount}, {unit}\n")
