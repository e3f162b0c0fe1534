"""The README a newcomer follows: its first-kit commands run as written in a clean folder,
and its reference tables agree with the code they mirror (config model, QA check registry,
exit codes, font packages, the files init writes)."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import polib
from pypdf import PdfReader

from pressctl.core import errors
from pressctl.core.fonts import FONT_PACKAGES
from pressctl.core.schema import ConfigTable
from pressctl.core.settings import KEYS, Config
from pressctl.qa.severity import DEFAULTS
from tests.argos_model import build_package, offline_env
from tests.conftest import ROOT
from tests.test_cli import run

README = (ROOT / "README.md").read_text("utf-8")


def _section(heading: str) -> str:
    start = README.index(f"\n{heading}\n")
    end = README.find("\n## ", start + len(heading) + 2)
    return README[start:end if end > 0 else len(README)]


def _blocks(section: str, lang: str = "sh") -> list[list[str]]:
    """The commands of each fenced block: one per line, comments and blanks dropped."""
    found = re.findall(rf"^```{lang}\n(.*?)^```", section, re.S | re.M)
    return [[line.split("#", 1)[0].strip() for line in block.splitlines()
              if line.split("#", 1)[0].strip()] for block in found]


def _table(section: str, header: str) -> list[list[str]]:
    rows = section.split(header, 1)[1].split("\n\n", 1)[0].strip().splitlines()[1:]
    return [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in rows]


def _walk(commands: list[str], cwd: Path, env: dict[str, str]) -> Path:
    """Run a README block as a shell would: ``cd`` moves, ``pressctl …`` must exit 0."""
    for command in commands:
        words = shlex.split(command)
        if words[0] == "cd":
            cwd = cwd / words[1]
            continue
        assert words[0] == "pressctl", command
        done = run(*words[1:], cwd=cwd, stdin="", env=env)
        assert done.returncode == 0, (command, done.stderr)
    return cwd


def test_the_newcomer_path_ends_with_kits(tmp_path: Path) -> None:
    env = offline_env(tmp_path, tmp_path / "models")
    first, path = _blocks(_section("## Your first kit"))[:2]
    assert first[0].startswith("pressctl init") and first[-1] == "pressctl build"
    folder = tmp_path / "clean"
    folder.mkdir()
    room = _walk(first, folder, env)
    kit = room / "dist" / "first-release"
    assert sorted(p.name for p in kit.glob("*.pdf")) == [
        "first-release.bilingual.pdf", "first-release.en.pdf", "first-release.zh.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(kit / "first-release.zh.pdf").pages)
    assert "Example Energy" in text and "首座太阳能电站" in text.replace("\n", "")

    # then a release of one's own, up to the review: a model is installed, as Install says
    assert run("models", "install", str(build_package(tmp_path, "en", "zh")),
               env=env).returncode == 0
    review = path.index("pressctl qa")
    _walk(path[:review], room, env)
    slug = shlex.split(path[0])[2]
    po = polib.pofile(str(room / "locales" / "zh" / "LC_MESSAGES" / f"{slug}.po"))
    machine = [e for e in po if "fuzzy" in e.flags and e.msgstr]
    assert machine  # the machine's drafts wait for the review the README describes
    qa = run("qa", cwd=room, env=env)
    assert qa.returncode == 1 and "fuzzy" in qa.stdout
    refused = run("build", cwd=room, env=env)
    assert refused.returncode == 1 and "--draft" in refused.stderr
    assert not (tmp_path / "network.log").exists()


def test_the_configuration_table_is_the_config_model() -> None:
    rows = _table(_section("## Configuration"), "| key | default | value |")
    assert [row[0].strip("`") for row in rows] == list(KEYS)
    defaults = Config(root=Path("/")).settings()  # JSON values: lists, posix paths, tables
    for key, default, value in rows:
        assert value == ConfigTable.model_fields[key.strip("`")].description, key
        expected = defaults[key.strip("`")]
        assert default.strip("`") == ("none" if expected is None
                                      else json.dumps(expected, ensure_ascii=False)), key


def test_the_qa_table_is_the_check_registry() -> None:
    rows = _table(_section("## Usage"), "| check | catches |")
    named = [name.strip("`") for row in rows for name in row[0].split(", ")]
    assert sorted(named) == sorted(DEFAULTS)


def test_the_exit_code_table_is_the_code() -> None:
    rows = _table(_section("## Usage"), "| code | meaning |")
    codes = [int(row[0]) for row in rows]
    assert codes == [errors.EXIT_OK, errors.EXIT_CHECK_FAILED, errors.EXIT_INPUT,
                     errors.EXIT_MISSING_DEPENDENCY, errors.EXIT_INTERNAL,
                     errors.EXIT_INTERRUPTED, errors.EXIT_TERMINATED]


def test_the_font_table_is_what_doctor_says() -> None:
    rows = _table(_section("## Install"), "| platform | the font |")
    assert {platform: command.strip("`") for platform, command in rows} == FONT_PACKAGES


def test_the_init_table_lists_what_init_writes(tmp_path: Path) -> None:
    rows = _table(_section("## Your first kit"), "| file | what it is |")
    documented = [row[0].strip("`") for row in rows]
    made = run("init", "x", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env={**offline_env(tmp_path, tmp_path / "m")})
    assert made.returncode == 0, made.stderr
    written = sorted(p.relative_to(tmp_path / "x").as_posix()
                     for p in (tmp_path / "x").rglob("*") if p.is_file())
    patterns = [re.escape(name).replace(re.escape("<lang>"), "[^/]+")
                .replace(re.escape("*"), "[^/]+") for name in documented]
    for name in written:
        assert any(re.fullmatch(pattern, name) for pattern in patterns), name
    for pattern in patterns:
        assert any(re.fullmatch(pattern, name) for name in written), pattern


def test_the_developer_commands_stay() -> None:
    section = _section("## Two commands")
    assert "bash .ci/setup && .venv/bin/pressctl build" in section
    assert ".venv/bin/python -m pytest" in section
    order = [README.index(f"\n## {name}\n") for name in
             ("Install", "Your first kit", "In CI", "Reference", "Configuration",
              "Developing pressctl", "Two commands")]
    assert order == sorted(order)
    assert os.path.isfile(ROOT / ".github" / "kit-pages.png")
    assert "](.github/kit-pages.png)" in README
