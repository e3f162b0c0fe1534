"""The command line as users meet it: start-up cost, exit codes, messages on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import shared_project

HEAVY = ("torch", "argostranslate", "reportlab", "ctranslate2", "stanza", "docx")


def run(*args: str, cwd: Path | None = None, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m pressctl ARGS`` in ``cwd``, by default a throwaway copy of the project
    (never the repository itself)."""
    return subprocess.run([sys.executable, "-m", "pressctl", *args],
                          cwd=cwd or shared_project(), input=stdin,
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
    # generous, for a loaded machine: the benchmark measures it (0.22 s, tests/bench)
    assert best < 3.0, f"pressctl --help took {best:.2f}s"


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


# catalog update / stats, --verbose, doctor, new: as a user types them --------------------

SLUG = "bmw-huawei-harmonyos"
ZH_PO = f"locales/zh/LC_MESSAGES/{SLUG}.po"
KIT_PO = "locales/zh/LC_MESSAGES/pressctl.po"


def _add_paragraph(project: Path, text: str) -> None:
    seed = project / "seeds" / f"{SLUG}.md"
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n",
                    encoding="utf-8")


def test_catalog_stats_prints_a_plain_table(project: Path) -> None:
    result = run("catalog", "stats", cwd=project)
    assert result.returncode == 0, result.stderr
    assert [line.split() for line in result.stdout.splitlines()] == [
        ["document", "lang", "translated", "fuzzy", "untranslated", "doubtful", "refused"],
        [SLUG, "zh", "35", "0", "0", "0", "0"],
        ["pressctl", "zh", "27", "0", "0", "0", "0"],
    ]
    assert "\x1b" not in result.stdout + result.stderr


def test_catalog_update_adds_new_sentences_and_stats_counts_them(project: Path) -> None:
    before = (project / ZH_PO).read_bytes()
    kit_before = (project / KIT_PO).stat().st_mtime_ns
    result = run("catalog", "update", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{ZH_PO}: 35 kept, 0 new, 0 fuzzy, 0 obsolete (unchanged)",
        f"{KIT_PO}: 27 kept, 0 new, 0 fuzzy, 0 obsolete (unchanged)",
    ]
    assert (project / ZH_PO).read_bytes() == before  # an unchanged catalog is not rewritten

    _add_paragraph(project, "BMW thanks its partners. The launch is planned for May.")
    result = run("catalog", "update", cwd=project)
    assert result.returncode == 0, result.stderr
    assert f"{ZH_PO}: 35 kept, 2 new, 0 fuzzy, 0 obsolete" in result.stderr.splitlines()
    assert (project / KIT_PO).stat().st_mtime_ns == kit_before
    text = (project / ZH_PO).read_text(encoding="utf-8")
    assert 'msgid "BMW thanks its partners."\nmsgstr ""' in text
    assert 'msgid "The launch is planned for May."\nmsgstr ""' in text
    result = run("catalog", "stats", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].split() == [SLUG, "zh", "35", "0", "2", "0", "0"]


def test_verbose_lists_every_sentence_that_needs_review(project: Path) -> None:
    text = "".join(f"Sentence number {n} is new.\n" for n in range(1, 26))
    plain = run("translate", "--memory-only", "--to", "zh", cwd=project, stdin=text)
    verbose = run("--verbose", "translate", "--memory-only", "--to", "zh", cwd=project,
                  stdin=text)
    for result in (plain, verbose):
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == text.splitlines()  # the source stands in
        assert "0 sentence(s) from memory, 25 untranslated" in result.stderr
    listed = [line for line in plain.stderr.splitlines() if line.startswith("untranslated: ")]
    assert listed == [f"untranslated: Sentence number {n} is new." for n in range(1, 21)]
    assert "… and 5 more (--verbose lists all" in plain.stderr
    listed = [line for line in verbose.stderr.splitlines() if line.startswith("untranslated: ")]
    assert listed == [f"untranslated: Sentence number {n} is new." for n in range(1, 26)]
    assert "more (--verbose" not in verbose.stderr
    assert run("-v", "translate", "--memory-only", "--to", "zh", cwd=project,
               stdin=text).stderr == verbose.stderr


def _path_with_only(folder: Path, *tools: str) -> str:
    """A PATH holding only ``tools`` (fontconfig's, which pressctl needs to find fonts)."""
    import shutil

    folder.mkdir()
    for tool in tools:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    return str(folder)


def test_doctor_exits_3_without_poppler_or_libreoffice(project: Path, tmp_path: Path) -> None:
    from tests.argos_model import offline_env

    env = {**offline_env(tmp_path, tmp_path / "packages"),
           "PATH": _path_with_only(tmp_path / "bin", "fc-match", "fc-list")}
    result = run("doctor", cwd=project, env=env)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["MISSING", "tools", "pdftotext", "not", "found"] in lines
    assert ["MISSING", "tools", "soffice", "not", "found"] in lines
    assert "fix: apt-get install poppler-utils" in result.stdout
    assert "fix: apt-get install libreoffice-writer-nogui" in result.stdout
    assert "2 required item(s) missing: tools pdftotext, tools soffice" in result.stderr
    # with them on PATH, the same project is fine (no model is needed: all translated)
    env["PATH"] = os.environ["PATH"]
    result = run("doctor", cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MISSING" not in result.stdout


def test_doctor_exits_3_when_a_model_is_needed_and_missing(project: Path,
                                                            tmp_path: Path) -> None:
    from tests.argos_model import offline_env

    env = offline_env(tmp_path, tmp_path / "packages")
    _add_paragraph(project, "BMW thanks its partners.")
    assert run("catalog", "update", cwd=project).returncode == 0
    result = run("doctor", "--json", cwd=project, env=env)
    assert result.returncode == 3, result.stdout + result.stderr
    findings = {(f["area"], f["item"]): f for f in json.loads(result.stdout)}
    model = findings[("models", "en→zh")]
    assert (model["ok"], model["required"]) == (False, True)
    assert model["fix"] == "pressctl models install en zh"
    assert "1 segment(s) of zh wait for a translation" in model["detail"]
    assert findings[("models", "zh→en")]["required"] is False
    assert "models en→zh" in result.stderr


def test_new_writes_todays_date_and_the_configured_header(project: Path) -> None:
    import datetime as dt

    before = dt.date.today()
    result = run("new", "2025-q2-results", "--title", "Second-quarter results", cwd=project)
    after = dt.date.today()
    assert result.returncode == 0, result.stderr
    text = (project / "seeds" / "2025-q2-results.md").read_text(encoding="utf-8")
    header = text.split("---")[1].splitlines()
    assert {f"date: {before.isoformat()}", f"date: {after.isoformat()}"} & set(header)
    assert 'title: "Second-quarter results"' in header
    assert "lang: en" in header and 'organisation: "BMW China"' in header
    assert "created seeds/2025-q2-results.md" in result.stderr
    result = run("catalog", "stats", cwd=project)
    rows = [line.split() for line in result.stdout.splitlines()]
    # the organisation's name is known to the memory (BMW China → 宝马中国): entered as reviewed
    assert ["2025-q2-results", "zh", "1", "0"] in [row[:4] for row in rows]


def test_options_are_converted_without_a_pydantic_adapter_each(tmp_path: Path) -> None:
    """Typer would import its pydantic adapters and build one per option of the command
    (pressctl.cli.plain converts them); the values and Typer's messages stay the same."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "pressctl", "build",
                          "--list", "--json", "--jobs", "2", "--lang", "en", "--lang", "zh",
                          "--format", "pdf"],
                         cwd=shared_project(), capture_output=True, text=True,
                         env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip()
                for line in out.stderr.splitlines() if "|" in line}
    assert "typer._adapters" not in imported
    files = [f for release in json.loads(out.stdout)["releases"] for f in release["files"]]
    assert sorted((f["lang"], f["format"]) for f in files) == \
        [("en", "pdf"), ("zh", "pdf"), ("zh", "pdf")]  # the bilingual PDF pairs zh
    for value, message in (("0", "Input should be greater than or equal to 1"),
                           ("x", "Input should be a valid integer"),
                           ("1.5", "Input should be a valid integer")):
        result = run("build", "--jobs", value)
        assert result.returncode == 2
        assert f"Invalid value for '--jobs' / '-j': {message}" in result.stderr


def test_plain_conversion_reads_values_as_typer_does() -> None:
    from pressctl.cli.plain import _convert

    class Info:
        min, max, clamp = 1, 8, False

    assert [_convert(int, v, Info) for v in ("2", " 3 ", 4)] == [2, 3, 4]
    assert [_convert(bool, v, Info) for v in ("yes", "OFF", "", True, 0)] == \
        [True, False, False, True, False]
    assert _convert(str, "zh", Info) == "zh"
    for kind, value in ((int, "9"), (int, "0"), (int, "two"), (bool, "maybe")):
        with pytest.raises(ValueError):
            _convert(kind, value, Info)
