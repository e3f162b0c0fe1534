"""Global options anywhere on the line, ``-h`` everywhere, and help text that reads right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_cli import run

#: Every command and group a user can ask for help on.
COMMANDS = (["build"], ["qa"], ["translate"], ["new"], ["doctor"], ["catalog"],
            ["catalog", "update"], ["catalog", "stats"], ["models"], ["models", "list"],
            ["models", "install"], ["models", "remove"])


def test_quiet_after_the_command_prints_nothing(project: Path) -> None:
    result = run("build", "--lang", "en", "--format", "pdf", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    assert (project / "dist/bmw-huawei-harmonyos/bmw-huawei-harmonyos.en.pdf").is_file()


def test_force_and_verbose_after_the_command(project: Path) -> None:
    first = run("build", "--lang", "en", "--format", "pdf", cwd=project)
    assert first.returncode == 0, first.stderr
    again = run("build", "--lang", "en", "--format", "pdf", "--force", "-v", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "bmw-huawei-harmonyos: 1 file(s) built, 0 up to date" in again.stderr


def test_debug_after_the_command_shows_the_traceback(project: Path) -> None:
    (project / "seeds" / "broken.md").write_text("not a seed\n", "utf-8")
    plain = run("catalog", "stats", cwd=project)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    debug = run("catalog", "stats", "--debug", cwd=project)
    assert debug.returncode == 2
    assert "Traceback" in debug.stderr and "no front matter header" in debug.stderr


def test_verbose_after_translate_lists_every_sentence(project: Path) -> None:
    text = "".join(f"Sentence number {n} is new to the memory.\n\n" for n in range(1, 26))
    short = run("translate", "--to", "zh", "--memory-only", cwd=project, stdin=text)
    assert short.returncode == 0, short.stderr
    assert short.stderr.count("untranslated: Sentence number") == 20
    assert "… and 5 more" in short.stderr
    full = run("translate", "--to", "zh", "--memory-only", "--verbose", cwd=project, stdin=text)
    assert full.returncode == 0, full.stderr
    assert full.stderr.count("untranslated: Sentence number") == 25
    assert "… and" not in full.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_h_is_help_and_no_python_types_beside_options(command: list[str]) -> None:
    long = run(*command, "--help")
    assert long.returncode == 0, long.stderr
    for metavar in ("<bool>", "<list[str]>", "<str>", "<path>", "<int", "<float>"):
        assert metavar not in long.stdout, (metavar, long.stdout)
    short = run(*command, "-h")
    assert short.returncode == 0, short.stderr
    assert short.stdout.startswith(f"Usage: python -m pressctl {' '.join(command)} ")
    assert short.stdout == long.stdout
    for option in ("-q, --quiet", "-v, --verbose", "--debug", "-h, --help"):
        assert option in short.stdout, option


def test_build_help_shows_slugs_and_plain_option_names() -> None:
    text = run("build", "-h").stdout
    assert text.startswith("Usage: python -m pressctl build [OPTIONS] [SLUG]...\n")
    assert re.search(r"^  -l, --lang LANG +Only this language", text, re.M), text
    assert re.search(r"^  --format FORMAT +Only pdf, docx, html or email", text, re.M), text
    assert re.search(r"^  -j, --jobs N +Build files in parallel", text, re.M), text
    assert re.search(r"^  --draft +Build a release even", text, re.M), text


def test_each_short_option_means_one_thing_in_every_command() -> None:
    meaning: dict[str, set[str]] = {}
    for command in ([], *COMMANDS):
        text = run(*command, "--help").stdout
        # "-l, --lang LANG" (Click's plain help) or "│ --lang  -l  <list[str]>" (rich panels)
        for plain_short, plain_long, rich_long, rich_short in re.findall(
                r"^  (-\w), (--[\w-]+)|^│ (--[\w-]+) +(-\w) ", text, re.M):
            meaning.setdefault(plain_short or rich_short, set()).add(plain_long or rich_long)
    meaning.pop("-h", None)  # the help option itself: -h only where it exists
    assert meaning == {"-l": {"--lang"}, "-j": {"--jobs"}, "-f": {"--from"}, "-t": {"--to"},
                       "-q": {"--quiet"}, "-v": {"--verbose"}}
