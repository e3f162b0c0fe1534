"""``pressctl init``: a release repository that builds, in an empty folder or an existing one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from pressctl.core.fonts import FONT_PACKAGES, install_hint
from tests.argos_model import offline_env
from tests.test_cli import run

NEWSROOM = ("init", "newsroom", "--organisation", "Example Energy", "--lang", "en", "--lang", "zh")


def _env(tmp_path: Path) -> dict[str, str]:
    return offline_env(tmp_path, tmp_path / "no-models")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_init_makes_a_repository_whose_first_build_writes_kits(tmp_path: Path) -> None:
    env = _env(tmp_path)
    made = run(*NEWSROOM, cwd=tmp_path, stdin="", env=env)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "newsroom"
    assert _files(root) == {
        "pyproject.toml", ".gitignore", ".github/workflows/press-kits.yml",
        "seeds/first-release.md", "locales/glossary.csv",
        "locales/zh/LC_MESSAGES/first-release.po", "locales/zh/LC_MESSAGES/pressctl.po"}
    text = (root / "pyproject.toml").read_text("utf-8")
    table = tomllib.loads(text)["tool"]["pressctl"]
    assert table["organisation"] == "Example Energy" and table["languages"] == ["en", "zh"]
    assert table["source_lang"] == "en" and table["colour"] == "#1C69D4"
    assert "# The languages a kit is built in" in text  # commented for the reader
    assert "cd newsroom" in made.stderr and "pressctl build" in made.stderr
    assert (root / "locales" / "glossary.csv").read_text("utf-8").startswith(
        "source,target,note\nExample Energy,Example Energy,")
    assert "dist" not in (root / ".gitignore").read_text("utf-8").split()  # kits are committed

    built = run("build", cwd=root, env=env)
    assert built.returncode == 0, built.stderr
    kit = root / "dist" / "first-release"
    zh = "".join(page.extract_text() for page in PdfReader(kit / "first-release.zh.pdf").pages)
    assert "首座太阳能电站" in zh.replace("\n", "") and "Example Energy" in zh
    en = Document(str(kit / "first-release.en.docx"))
    body = "\n".join(p.text for p in en.paragraphs)
    assert "Example Energy today opened its first solar farm." in body
    for args in (("qa",), ("build", "--check")):
        again = run(*args, cwd=root, env=env)
        assert again.returncode == 0, (args, again.stderr)
    assert not (tmp_path / "network.log").exists()


def test_the_commands_after_init_work_there(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert run(*NEWSROOM, cwd=tmp_path, stdin="", env=env).returncode == 0
    root = tmp_path / "newsroom"
    assert run("build", cwd=root, env=env).returncode == 0
    for args in (("new", "q1-results", "--title", "Q1 results"), ("catalog", "update"),
                 ("translate", "--memory-only", "seeds/q1-results.md")):
        done = run(*args, cwd=root, env=env)
        assert done.returncode == 0, (args, done.stderr)
    po = (root / "locales" / "zh" / "LC_MESSAGES" / "q1-results.po").read_text("utf-8")
    assert 'msgid "Example Energy"\nmsgstr "Example Energy"' in po  # the glossary's, reviewed
    qa = run("qa", cwd=root, env=env)  # the new release is not translated yet: said, exit 1
    assert qa.returncode == 1 and "q1-results.po" in qa.stdout and "untranslated" in qa.stdout
    check = run("build", "--check", cwd=root, env=env)
    assert check.returncode == 1 and "q1-results" in check.stderr + check.stdout


def test_chinese_source_and_traditional_targets(tmp_path: Path) -> None:
    env = _env(tmp_path)
    made = run("init", "hk", "--organisation", "示例能源", "--lang", "zh", "--lang", "en",
               "--lang", "zh-Hant-HK", "--ci", "gitlab", cwd=tmp_path, stdin="", env=env)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "hk"
    assert (root / ".gitlab-ci.yml").is_file() and not (root / ".github").exists()
    assert "lang: zh\n" in (root / "seeds" / "first-release.md").read_text("utf-8")
    built = run("build", cwd=root, env=env)
    assert built.returncode == 0, built.stderr
    hk = (root / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "first-release.po").read_text("utf-8")
    assert "太陽能電站" in hk  # Simplified converted by OpenCC, entered as reviewed
    en = Document(str(root / "dist" / "first-release" / "first-release.en.docx"))
    assert "The plant covers 60 hectares." in [p.text for p in en.paragraphs]


def test_init_adds_its_table_to_an_existing_pyproject_and_keeps_every_byte(
        tmp_path: Path) -> None:
    old = '[project]\nname = "site"  # our website\n\n[tool.ruff]\nline-length = 88'
    (tmp_path / "pyproject.toml").write_text(old, "utf-8")
    (tmp_path / "README.md").write_text("ours\n", "utf-8")
    made = run("init", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env=_env(tmp_path))
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "pyproject.toml").read_text("utf-8")
    assert text.startswith(old + "\n\n[tool.pressctl]\n")
    doc = tomllib.loads(text)
    assert doc["tool"]["ruff"] == {"line-length": 88} and doc["project"]["name"] == "site"
    assert "added [tool.pressctl] to pyproject.toml" in made.stderr
    assert (tmp_path / "README.md").read_text("utf-8") == "ours\n"
    again = run("init", "--organisation", "X", cwd=tmp_path, stdin="", env=_env(tmp_path))
    assert again.returncode == 2 and "already has a [tool.pressctl] table" in again.stderr


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "first-release.md").write_text("mine\n", "utf-8")
    (tmp_path / ".gitignore").write_text("mine\n", "utf-8")
    made = run("init", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env=_env(tmp_path))
    assert made.returncode == 2
    assert ".gitignore, seeds/first-release.md" in made.stderr and "Traceback" not in made.stderr
    assert _files(tmp_path) - {"network.log"} >= {".gitignore", "seeds/first-release.md"}
    assert not (tmp_path / "pyproject.toml").exists() and not (tmp_path / "locales").exists()
    assert (tmp_path / ".gitignore").read_text("utf-8") == "mine\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--lang", "xx"), "--lang xx: pressctl knows"),
    (("--lang", "en", "--source-lang", "zh"), "--source-lang 'zh' is not one of"),
    (("--ci", "jenkins"), "--ci 'jenkins' is not one of"),
    (("--organisation", " "), "--organisation is empty"),
])
def test_init_input_errors_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    made = run("init", "x", "--organisation", "Example Energy", *args, cwd=tmp_path, stdin="",
               env=_env(tmp_path))
    assert made.returncode == 2 and message in made.stderr, made.stderr
    assert not (tmp_path / "x" / "pyproject.toml").exists()


def test_init_without_options_off_a_terminal_asks_nothing(tmp_path: Path) -> None:
    made = run("init", "press-office", cwd=tmp_path, stdin="", env=_env(tmp_path))
    assert made.returncode == 0, made.stderr
    table = tomllib.loads((tmp_path / "press-office" / "pyproject.toml").read_text("utf-8"))
    assert table["tool"]["pressctl"]["organisation"] == "Press Office"
    assert table["tool"]["pressctl"]["languages"] == ["en", "zh"]


def test_doctor_hints_are_commands_that_work_where_it_ran(tmp_path: Path) -> None:
    env = _env(tmp_path)
    doctor = run("doctor", cwd=tmp_path, env=env)
    fixes = [line.split("fix:", 1)[1].split("#")[0].strip()
             for line in doctor.stdout.splitlines() if "fix:" in line]
    assert fixes[:2] == ["pressctl init", "pressctl init"], doctor.stdout
    assert "pressctl new" not in doctor.stdout
    followed = run(*fixes[0].split()[1:], "--organisation", "Example Energy", cwd=tmp_path,
                   stdin="", env=env)
    assert followed.returncode == 0, followed.stderr
    after = run("doctor", cwd=tmp_path, env=env)
    assert "ok      config" in after.stdout and "ok      seeds" in after.stdout


def test_font_hints_name_the_package_of_each_platform() -> None:
    assert set(FONT_PACKAGES) == {"Debian/Ubuntu", "Fedora", "macOS", "Windows"}
    assert install_hint("Fedora").startswith(
        "install a CJK font: sudo dnf install google-noto-sans-cjk-fonts")
    assert "brew install --cask font-noto-sans-cjk-sc" in install_hint("macOS")
    assert "apt-get install fonts-noto-cjk" in install_hint("")
    assert "msyh.ttc" in install_hint("Debian/Ubuntu")  # the others follow


def test_generated_workflows_pass_the_schema_check(tmp_path: Path) -> None:
    checker = shutil.which("check-jsonschema") or str(Path(sys.executable).parent /
                                                       "check-jsonschema")
    if not Path(checker).exists():
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    env = _env(tmp_path)
    assert run("init", "gh", "--organisation", "E", cwd=tmp_path, stdin="",
               env=env).returncode == 0
    assert run("init", "gl", "--organisation", "E", "--ci", "gitlab", cwd=tmp_path, stdin="",
               env=env).returncode == 0
    for schema, path in (("vendor.github-workflows",
                          tmp_path / "gh" / ".github" / "workflows" / "press-kits.yml"),
                         ("vendor.gitlab-ci", tmp_path / "gl" / ".gitlab-ci.yml")):
        checked = subprocess.run([checker, "--builtin-schema", schema, str(path)],
                                 capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, checked.stdout + checked.stderr
