"""``[tool.pressctl]`` as ruff and black treat their tables: found from any subfolder,
every key checked, a wrong value or a misspelt key one message with file, line and fix."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from tests.test_cli import run

SUBTITLE_EN = "Major Announcement! BMW + Huawei!"
SUBTITLE_ZH = "重磅！宝马携手华为！"


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in a text file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


# point 3: a bad value is exit 2 with the key, its line and what is expected ----------------

BAD_VALUES = {
    "threshold-text": (
        'organisation = "BMW China"', 'organisation = "BMW China"\nfuzzy_threshold = "high"', 1,
        "[tool.pressctl] fuzzy_threshold is 'high'; expected a number from 0 to 100"),
    "threshold-range": (
        'organisation = "BMW China"', 'organisation = "BMW China"\nfuzzy_threshold = 150', 1,
        "[tool.pressctl] fuzzy_threshold is 150; expected a number from 0 to 100"),
    "margin-text": (
        "margins_mm = [20, 20, 22, 20]", 'margins_mm = [1, 2, "x", 4]', 0,
        "[tool.pressctl] margins_mm item 3 is 'x'; expected four numbers in millimetres, "
        "[top, right, bottom, left]"),
    "three-margins": (
        "margins_mm = [20, 20, 22, 20]", "margins_mm = [1, 2, 4]", 0,
        "[tool.pressctl] margins_mm is [1, 2, 4]; expected four numbers in millimetres"),
    "page-size": ('page_size = "A4"', 'page_size = "A5"', 0,
                  "[tool.pressctl] page_size is 'A5'; expected \"A4\" or \"Letter\""),
    "colour": ('colour = "#1C69D4"', 'colour = "blue"', 0,
               "[tool.pressctl] colour is 'blue'; expected a hex colour such as \"#1C69D4\""),
    "font-not-text": (
        "# [tool.pressctl.fonts.zh]\n# regular", "[tool.pressctl.fonts.zh]\nregular = 3\n#", 1,
        "[tool.pressctl] fonts.zh.regular is 3; expected a table per language"),
    "not-toml": ('page_size = "A4"', 'page_size = "A4', 0, "not valid TOML: "),
}


@pytest.mark.parametrize("case", BAD_VALUES)
def test_a_bad_config_value_is_exit_2_naming_the_key_line_and_expectation(
        project: Path, case: str) -> None:
    old, new, below, message = BAD_VALUES[case]
    line = edit(project / "pyproject.toml", old, new) + below
    result = run("catalog", "stats", cwd=project)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: pyproject.toml:{line}: {message}"), \
        result.stderr


# point 6: unknown keys are errors with the closest valid key -------------------------------

UNKNOWN_KEYS = {
    "organization": ('organisation = "BMW China"', 'organization = "BMW China"',
                     "unknown key 'organization' in [tool.pressctl] "
                     "(did you mean 'organisation'?)"),
    "langauges": ('languages = ["en", "zh"]', 'langauges = ["en", "zh"]',
                  "unknown key 'langauges' in [tool.pressctl] (did you mean 'languages'?)"),
    "output-dir": ('output_dir = "dist"', 'output-dir = "dist"',
                   "unknown key 'output-dir' in [tool.pressctl] (did you mean 'output_dir'?)"),
    "font-style": ("# [tool.pressctl.fonts.zh]\n# regular", "[tool.pressctl.fonts.zh]\nregualr",
                   "unknown key 'regualr' in [tool.pressctl.fonts.zh] "
                   "(did you mean 'regular'?)"),
}


@pytest.mark.parametrize("case", UNKNOWN_KEYS)
def test_an_unknown_config_key_names_its_line_and_the_closest_key(
        project: Path, case: str) -> None:
    old, new, message = UNKNOWN_KEYS[case]
    line = edit(project / "pyproject.toml", old, new) + new.count("\n")
    result = run("build", cwd=project)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == \
        f"error: pyproject.toml:{line}: {message}"
    assert not (project / "dist").exists()


def test_an_unknown_qa_check_names_its_line_and_the_closest_check(project: Path) -> None:
    line = edit(project / "pyproject.toml", '# severity per check: "error", "warning" or "off"',
                'punctuation-finale = "warning"')
    result = run("qa", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"error: pyproject.toml:{line}: unknown QA check 'punctuation-finale' "
        "in [tool.pressctl.qa] (did you mean 'punctuation-final'?)")


def test_an_unknown_key_without_a_close_one_lists_the_valid_keys(project: Path) -> None:
    edit(project / "pyproject.toml", 'page_size = "A4"', 'page_size = "A4"\nwatermark = true')
    result = run("qa", cwd=project)
    assert result.returncode == 2
    assert "unknown key 'watermark' in [tool.pressctl]\n  hint: valid keys: source_lang, " \
           "languages, formats," in result.stderr


def test_config_is_typed_frozen_and_picklable(project: Path) -> None:
    """build --jobs sends it to worker processes: it must survive pickling unchanged."""
    edit(project / "pyproject.toml", "margins_mm = [20, 20, 22, 20]",
         "margins_mm = [10, 12.5, 14, 16]")
    edit(project / "pyproject.toml", 'languages = ["en", "zh"]', 'languages = ["zh"]')
    config = load(project)
    assert config.margins_mm == (10.0, 12.5, 14.0, 16.0)
    assert config.languages == ("en", "zh")  # the source language is always built
    assert config.target_languages == ("zh",)
    assert config.dist == project.resolve() / "dist"
    assert pickle.loads(pickle.dumps(config)) == config
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.colour = "#000000"  # type: ignore[misc]


# point 5: the project is found from any folder below it -----------------------------------


def test_commands_run_in_a_subfolder_use_the_project_above(project: Path) -> None:
    sub = project / "seeds"
    # a pyproject.toml without [tool.pressctl] on the way up is not the project (as ruff)
    (sub / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    stats = run("catalog", "stats", "--json", cwd=sub)
    assert stats.returncode == 0, stats.stderr
    rows = {(r["document"], r["lang"]): r for r in json.loads(stats.stdout)}
    assert rows[("bmw-huawei-harmonyos", "zh")]["translated"] == 35

    result = run("new", "from-a-subfolder", cwd=sub)
    assert result.returncode == 0, result.stderr
    assert (project / "seeds" / "from-a-subfolder.md").is_file()
    assert (project / "locales/zh/LC_MESSAGES/from-a-subfolder.po").is_file()
    assert not (sub / "seeds").exists()

    (project / "seeds" / "from-a-subfolder.md").unlink()
    build = run("build", "--lang", "en", "--format", "pdf", cwd=sub)
    assert build.returncode == 0, build.stderr
    assert (project / "dist/bmw-huawei-harmonyos/bmw-huawei-harmonyos.en.pdf").is_file()
    assert not (sub / "dist").exists()


def test_a_file_named_on_the_command_line_is_relative_to_the_working_directory(
        project: Path) -> None:
    """The memory comes from the project's locales/, the file from where the user is."""
    notes = project / "seeds" / "notes"
    notes.mkdir()
    (notes / "line.txt").write_text(SUBTITLE_EN + "\n", encoding="utf-8")
    result = run("translate", "line.txt", "--to", "zh", "--memory-only", cwd=notes)
    assert result.returncode == 0, result.stderr
    assert result.stdout == SUBTITLE_ZH + "\n"


def test_no_project_anywhere_up_is_exit_2_and_doctor_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    result = run("build", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"error: no pyproject.toml with a [tool.pressctl] table in {folder} or any folder "
        "above it")
    assert "Traceback" not in result.stderr

    doctor = run("doctor", "--json", cwd=folder)
    assert doctor.returncode == 3, doctor.stderr
    found = {(f["area"], f["item"]): f for f in json.loads(doctor.stdout)}
    config = found[("config", "pyproject.toml")]
    assert config["ok"] is False and config["required"] is True
    assert config["detail"] == f"no pyproject.toml with [tool.pressctl] in {folder} or above"


def test_doctor_reports_a_pyproject_without_the_table(project: Path) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.split("[tool.pressctl]")[0], encoding="utf-8")
    doctor = run("doctor", cwd=project)
    assert doctor.returncode == 3
    assert (f"MISSING config  pyproject.toml  no [tool.pressctl] table in "
            f"{project / 'pyproject.toml'}") in doctor.stdout


# a table that passed is remembered: the next command reads it back without pydantic -----

EVERY_KEY = '''[tool.pressctl]
source_lang = "zh"
languages = ["en", "zh", "zh-Hant-TW"]
formats = "pdf"
seeds_dir = "releases"
locales_dir = "po"
output_dir = "out/kits"
organisation = "Example Motors"
base_url = "https://press.example.com/"
colour = "00A0B0"
page_size = "Letter"
margins_mm = [10, 12.5, 14, 16]
bilingual = ["zh", "en"]
trust_opencc = true
fuzzy_threshold = 80
locales = { "zh-Hant-TW" = "zh_Hant_TW" }
tags = { zh = "zh-Hans-CN" }
qa = { numbers = "warning" }

[tool.pressctl.fonts.zh]
regular = "Noto Sans CJK SC"
bold = "Noto Sans CJK SC:bold"

[tool.pressctl.currency.en]
display = "code"
CNY = "RMB"

[tool.pressctl.decoding]
no_repeat_ngram_size = 3
max_length_ratio = 2
'''


def _load_in_process(root: Path, cache: Path) -> tuple[str, bool]:
    """``load(root)`` in a new Python: the config's repr and whether pydantic was imported."""
    code = ("import sys; from pathlib import Path; from pressctl.core.config import load; "
            f"c = load(Path({str(root)!r})); print(repr(c)); print('pydantic' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parent.parent, check=True)
    shown, imported = done.stdout.strip().rsplit("\n", 1)
    return shown, imported == "True"


@pytest.mark.parametrize("table", [EVERY_KEY, "[tool.pressctl]\n"], ids=["every-key", "defaults"])
def test_a_validated_table_is_read_back_the_same_without_pydantic(tmp_path: Path,
                                                                   table: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text(table, encoding="utf-8")
    cache = tmp_path / "cache"
    first, validated = _load_in_process(root, cache)
    again, imported = _load_in_process(root, cache)
    assert validated and not imported
    assert again == first  # repr: the same values of the same types (10.0 stays a float)
    if table == EVERY_KEY:
        assert "margins_mm=(10.0, 12.5, 14.0, 16.0)" in first and "formats=('pdf',)" in first
        assert "output_dir=PosixPath('out/kits')" in first
        assert "decoding=Decoding(repetition_penalty=1.0, no_repeat_ngram_size=3, " \
               "max_length_ratio=2.0, max_length_extra=10)" in first


def test_an_edited_table_or_a_damaged_memo_is_validated_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "project"
    root.mkdir()
    pyproject = root / "pyproject.toml"
    pyproject.write_text(EVERY_KEY, encoding="utf-8")
    good = load(root)
    memos = list((tmp_path / "cache" / "pressctl" / "config").glob("*.json"))
    assert len(memos) == 1 and json.loads(memos[0].read_text())["organisation"] == \
        "Example Motors"
    kept = json.loads(memos[0].read_text())
    wrong = [json.dumps({**kept, key: value}) for key, value in
             (("margins_mm", "abcd"), ("languages", "en"), ("trust_opencc", 1),
              ("fuzzy_threshold", True), ("decoding", []), ("bilingual", "zh"))]
    for damage in ("{", "[]", json.dumps({"organisation": "x"}), "", *wrong):
        memos[0].write_text(damage, encoding="utf-8")
        assert load(root) == good
    line = edit(pyproject, "fuzzy_threshold = 80", "fuzzy_threshold = 800")
    with pytest.raises(PressctlError) as caught:
        load(root)
    assert caught.value.line == line and "fuzzy_threshold is 800" in caught.value.message
