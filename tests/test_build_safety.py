"""What a build may remove, where it refuses to write, and how it stops (issue 21, 6–8).

* the output folder: never the project folder, nor inside or around ``seeds/`` and
  ``locales/``; only files a manifest of pressctl's lists are ever removed;
* interruption, with real processes and signals: Ctrl-C (exit 130) and SIGTERM (143)
  in one line, no worker outliving the build (SIGKILL of the build included), no
  temporary file left, each release folder in its previous or its new state, named
  by ``build --check`` otherwise, and repaired by the next build;
* convergence: a language, a format or a release removed from the project leaves
  nothing of pressctl's behind, so ``build`` then ``build --check`` passes; a release
  its gate refuses does not stop the others.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_build import REVENUE_ZH, SEED, SLUG, ZH_PO, edit, pdf_text
from tests.test_cli import run

OTHER = "second"
PHOTO = ROOT / "tests/data/press-office/seeds/images/leipzig-plant.jpg"
PDF = ("--format", "pdf")
PYPROJECT = "pyproject.toml"


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def manifest(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def set_config(project: Path, key: str, value: str) -> int:
    """Set ``key = value`` in [tool.pressctl]; returns the line it is on."""
    path = project / PYPROJECT
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith(f"{key} ="):
            lines[number] = f"{key} = {value}"
            break
    else:
        number = lines.index("[tool.pressctl]") + 1
        lines.insert(number, f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


# 6. the output folder ------------------------------------------------------------------------


@pytest.mark.parametrize("where", ['"."', '"seeds"', '"seeds/out"', '"locales/zh"', '".."',
                                   '"dist/.."'])
def test_an_output_dir_among_the_inputs_is_refused(project: Path, where: str) -> None:
    line = set_config(project, "output_dir", where)
    parent = files(project.parent)
    for command in (("build", "--draft"), ("build", "--check")):
        result = run(*command, cwd=project)
        assert result.returncode == 2, (where, result.stdout, result.stderr)
        first = result.stderr.splitlines()[0]
        quoted = where.replace('"', "'")
        assert first.startswith(f"error: pyproject.toml:{line}: output_dir {quoted}"), first
        assert re.search(r"(is the project folder|(is|lies inside|contains) (seeds|locales)_dir)",
                         first), first
        assert "Traceback" not in result.stderr
    assert files(project.parent) == parent  # nothing written, nothing removed


def test_a_user_file_beside_the_kits_is_never_removed(project: Path) -> None:
    """Only what the previous manifest lists goes: a retired picture, not the user's notes."""
    (project / "seeds" / "images").mkdir()
    shutil.copy(PHOTO, project / "seeds" / "images" / "plant.jpg")
    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("\n## ", '\n![A plant](images/plant.jpg "Photo: test")\n\n## ',
                                 1), encoding="utf-8")
    assert run("build", *PDF, "--draft", cwd=project).returncode == 0
    folder = project / "dist" / SLUG
    assert (folder / "media" / "plant.jpg").read_bytes() == PHOTO.read_bytes()
    users = {folder / "media" / "notes.txt": b"caption ideas",
             folder / "media" / "other-photo.jpg": PHOTO.read_bytes(),
             folder / f"{SLUG}.fr.pdf": b"%PDF-1.4 a translation made elsewhere",
             folder / "press-list.docx": b"PK not ours"}
    for path, data in users.items():
        path.write_bytes(data)
    seed.write_text(text, encoding="utf-8")  # the picture is no longer shown
    result = run("build", *PDF, "--draft", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (folder / "media" / "plant.jpg").exists()  # pressctl's own, listed: removed
    for path, data in users.items():
        assert path.read_bytes() == data, path
    assert "media" not in manifest(folder)
    assert f"{SLUG}.fr.pdf" not in [f["path"] for f in manifest(folder)["files"]]
    check = run("build", "--check", *PDF, "--draft", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_hostile_manifest_cannot_make_the_build_remove_files_outside(project: Path) -> None:
    """A manifest is a file anyone's pull request can change; its names stay in the folder."""
    assert run("build", *PDF, "--draft", cwd=project).returncode == 0
    folder = project / "dist" / SLUG
    bait = project / "keep.txt"
    bait.write_text("the user's", encoding="utf-8")
    data = manifest(folder)
    data["files"] += [{"path": "../../keep.txt"}, {"path": "/etc/hostname"}]
    data["media"] = [{"path": "media/../../../keep.txt"}]
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    set_config(project, "languages", '["en"]')
    result = run("build", *PDF, "--draft", cwd=project)
    assert result.returncode == 0, result.stderr
    assert bait.read_text(encoding="utf-8") == "the user's"
    assert Path("/etc/hostname").exists()


# 8. convergence ---------------------------------------------------------------------------


def test_removing_a_language_then_a_format_converges(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    folder = project / "dist" / SLUG
    user = folder / "notes.md"
    user.write_text("mine", encoding="utf-8")
    set_config(project, "languages", '["en"]')
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "manifest.json", f"{SLUG}.en.docx", f"{SLUG}.en.pdf", "notes.md"])
    assert [f["path"] for f in manifest(folder)["files"]] == [f"{SLUG}.en.docx",
                                                              f"{SLUG}.en.pdf"]
    check = run("build", "--check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr

    set_config(project, "formats", '["pdf"]')
    stale = run("build", "--check", cwd=project)  # before the build: what it will remove
    assert stale.returncode == 1
    assert f"extra: dist/{SLUG}/{SLUG}.en.docx" in stale.stdout.splitlines()
    assert run("build", cwd=project).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(["manifest.json", f"{SLUG}.en.pdf",
                                                               "notes.md"])
    check = run("build", "--check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture
def two(project: Path) -> Path:
    """A second, complete release: a copy of the announcement and its reviewed catalog."""
    shutil.copy(project / SEED, project / "seeds" / f"{OTHER}.md")
    shutil.copy(project / ZH_PO, project / ZH_PO.with_name(f"{OTHER}.po"))
    return project


def test_a_release_whose_seed_is_gone_is_removed(two: Path) -> None:
    assert run("build", *PDF, cwd=two).returncode == 0
    old = two / "dist" / OTHER
    (old / "notes.md").write_text("mine", encoding="utf-8")
    (two / "seeds" / f"{OTHER}.md").unlink()
    check = run("build", "--check", *PDF, cwd=two)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"orphan: dist/{OTHER} (its seed is gone; build removes what its manifest lists)"]
    # a build of one release, or of a shard, cannot know: it leaves the folder alone
    assert run("build", SLUG, *PDF, cwd=two).returncode == 0
    assert (old / "manifest.json").exists()
    result = run("build", *PDF, cwd=two)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in old.iterdir()) == ["notes.md"]  # the user's file stays
    check = run("build", "--check", *PDF, cwd=two)
    assert check.returncode == 0, check.stdout + check.stderr
    (old / "notes.md").unlink()
    old.rmdir()
    (two / "seeds" / f"{SLUG}.md").rename(two / "seeds" / "renamed.md")
    shutil.copy(two / ZH_PO, two / ZH_PO.with_name("renamed.po"))
    assert run("build", *PDF, cwd=two).returncode == 0
    assert sorted(p.name for p in (two / "dist").iterdir()) == ["renamed"]
    assert run("build", "--check", *PDF, cwd=two).returncode == 0


def test_a_release_refused_by_its_gate_does_not_stop_the_others(two: Path) -> None:
    edit(two / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')  # the first one is incomplete
    result = run("build", *PDF, cwd=two)
    assert result.returncode == 1
    assert f"{SLUG}: translations missing or not reviewed" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (two / "dist" / SLUG).exists()
    other = two / "dist" / OTHER
    assert sorted(p.name for p in other.iterdir()) == [
        "manifest.json", f"{OTHER}.bilingual.pdf", f"{OTHER}.en.pdf", f"{OTHER}.zh.pdf"]
    assert manifest(other)["draft"] is False
    assert "1423.8亿欧元" in pdf_text(other / f"{OTHER}.zh.pdf").replace(" ", "")
    # QA: a wrong figure in the second release's catalog refuses it alone
    shutil.copy(ROOT / ZH_PO, two / ZH_PO)
    edit(two / ZH_PO.with_name(f"{OTHER}.po"), f'msgstr "{REVENUE_ZH}"',
         f'msgstr "{REVENUE_ZH.replace("1423.8", "1523.8")}"')
    result = run("build", *PDF, cwd=two)
    assert result.returncode == 1
    assert OTHER in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (two / "dist" / SLUG).iterdir()) == sorted([
        "manifest.json", f"{SLUG}.bilingual.pdf", f"{SLUG}.en.pdf", f"{SLUG}.zh.pdf"])
    assert "1423.8亿欧元" in pdf_text(other / f"{OTHER}.zh.pdf").replace(" ", "")  # as it was


# 7. interruption, with real processes and signals -----------------------------------------


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in found.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def built(project: Path) -> Iterator[Path]:
    assert run("build", "-j", "1", cwd=project).returncode == 0
    yield project


def _start(project: Path, *args: str) -> subprocess.Popen[str]:
    """A forced ``build -j 2`` in its own process group (as a terminal runs it)."""
    return subprocess.Popen([sys.executable, "-m", "pressctl", "build", "--force", "-j", "2",
                             *args], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_staged_files(process: subprocess.Popen[str], folder: Path) -> list[int]:
    """Until both workers run and one has staged a file; returns the workers' ids."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        workers = _children(process.pid)
        if len(workers) >= 2 and list(folder.glob(".*.pressctl-tmp")):
            return workers
        time.sleep(0.02)
    pytest.fail("the build never staged a file")


@pytest.mark.parametrize(("sig", "group", "code", "line"), [
    (signal.SIGINT, True, 130, "interrupted"),  # Ctrl-C: the whole group gets it
    (signal.SIGTERM, False, 143, "interrupted (signal 15)"),
])
def test_an_interrupted_build_stops_its_workers_and_changes_nothing(
        built: Path, sig: int, group: bool, code: int, line: str) -> None:
    folder = built / "dist" / SLUG
    before = files(folder)
    process = _start(built)
    workers = _wait_for_staged_files(process, folder)
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.splitlines()[-1] == line
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert not [pid for pid in workers if _alive(pid)]  # reaped by the build before it exits
    assert files(folder) == before  # no temporary file, the previous complete state
    check = run("build", "--check", cwd=built)
    assert check.returncode == 0, check.stdout + check.stderr


def test_workers_die_with_a_killed_build_and_the_next_build_cleans_up(built: Path) -> None:
    """Killed once a first file is complete (the build said "wrote"), its release not yet:
    that file waits as a temporary file, which only the next build can remove; the file
    a worker was rendering goes with the worker."""
    folder = built / "dist" / SLUG
    finals = {k: v for k, v in files(folder).items() if not k.startswith(".")}
    process = _start(built)
    workers = _wait_for_staged_files(process, folder)
    assert process.stderr is not None
    wrote = process.stderr.readline()  # blocks until the build reports a finished file
    assert wrote.startswith("wrote dist/"), wrote
    process.kill()  # SIGKILL: no handler runs in the build
    process.wait()
    deadline = time.monotonic() + 20
    while [pid for pid in workers if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "a worker outlived its build"
    assert {k: v for k, v in files(folder).items() if not k.startswith(".")} == finals
    leftovers = sorted(p.name for p in folder.glob(".*"))
    assert leftovers and all(name.endswith(".pressctl-tmp") for name in leftovers)
    check = run("build", "--check", cwd=built)
    assert check.returncode == 1
    assert sorted(check.stdout.splitlines()) == sorted(
        f"leftover: dist/{SLUG}/{name} (a temporary file of a stopped build; the next build "
        "removes it)" for name in leftovers)
    result = run("build", cwd=built)
    assert result.returncode == 0, result.stderr
    assert not list(folder.glob(".*"))
    assert run("build", "--check", cwd=built).returncode == 0


def test_a_build_killed_while_it_replaces_files_is_finished_by_the_next(
        built: Path, tmp_path: Path) -> None:
    """Freeze the build between two renames of one release's commit and kill -9 it there:
    the one state that is neither old nor new.  ``--check`` names it, ``build`` finishes it."""
    from tests.test_incremental import _stopper_env

    folder = built / "dist" / SLUG
    edit(built / ZH_PO, 'msgstr "重磅！宝马携手华为！"', 'msgstr "重大消息！宝马携手华为！"')
    env = {**os.environ, **_stopper_env(tmp_path, f"{SLUG}.zh.docx")}
    process = subprocess.Popen([sys.executable, "-m", "pressctl", "-q", "build", "-j", "1"],
                               cwd=built, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    log = tmp_path / "writes.log"
    deadline = time.monotonic() + 180
    try:
        while not (log.exists() and "replace " in log.read_text(encoding="utf-8")):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the build never replaced zh.docx"
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert "重大消息" in pdf_text(folder / f"{SLUG}.zh.pdf")  # renamed before the freeze
    journals = sorted(p.name for p in folder.glob(".pressctl-commit.*.json"))
    assert len(journals) == 1
    check = run("build", "--check", cwd=built)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert (f"interrupted: dist/{SLUG}/{journals[0]} (a build stopped while it replaced files; "
            "the next build finishes the job)") in lines
    assert (f"inconsistent: dist/{SLUG}/{SLUG}.zh.pdf (not the file manifest.json lists; the "
            "next build rebuilds it)") in lines
    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["built"] == []  # the journal finished the job
    assert not list(folder.glob(".*"))
    assert "重大消息" in pdf_text(folder / f"{SLUG}.bilingual.pdf")
    assert run("build", "--check", cwd=built).returncode == 0


#: A command interrupted while Python imports its commands (Typer, pydantic: most of a
#: second on a busy machine, so a Ctrl-C soon after Enter lands there): the signal is sent
#: for real, by the process to itself, the moment Typer's import begins.
EARLY = """
import os, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), {signum})
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["pressctl", "build", "-j", "2"]
from pressctl.cli import main
main()
"""


@pytest.mark.parametrize(("sig", "code", "line"), [
    (signal.SIGINT, 130, "interrupted"),  # was a KeyboardInterrupt traceback
    (signal.SIGTERM, 143, "interrupted (signal 15)"),  # was a silent death by SIGTERM
])
def test_an_interruption_while_the_commands_are_imported_is_one_line(
        project: Path, sig: int, code: int, line: str) -> None:
    result = subprocess.run([sys.executable, "-c", EARLY.format(signum=int(sig))],
                            cwd=project, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stderr) == (code, f"{line}\n")
    assert not (project / "dist").exists()


#: Ctrl-C inside code that ``exec`` runs from a string, as dataclasses and namedtuples
#: make their methods: a Ctrl-C while pydantic is imported by the build lands there.
#: CPython then remembers an "unhandled" KeyboardInterrupt and, at exit, kills the
#: process with SIGINT, however the program handled it — unless SIGINT is held.
SITECUSTOMIZE = """
import os, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "pressctl.core.config":
            sys.meta_path.remove(self)
            exec("os.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(10**6): pass",
                 {"os": os, "signal": signal})
        return None

sys.meta_path.insert(0, Interrupt())
"""


def _build_with_hook(project: Path, tmp_path: Path, hook_source: str,
                     jobs: str = "2") -> subprocess.CompletedProcess[str]:
    """``build -j 2`` with ``hook_source`` as a sitecustomize that interrupts it."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(hook_source, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pressctl", "build", "-j", jobs],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{hook}"},
                          start_new_session=True)  # its own process group, as a terminal's


def test_ctrl_c_in_code_made_by_exec_is_still_exit_130(project: Path, tmp_path: Path) -> None:
    """Seen at random in a stress of Ctrl-C at random delays: 'interrupted', then the
    process died of SIGINT (Popen's -2) instead of exiting 130."""
    result = _build_with_hook(project, tmp_path, SITECUSTOMIZE)
    assert (result.returncode, result.stderr) == (130, "interrupted\n")
    assert not (project / "dist").exists()


#: Ctrl-C while pikepdf initialises (the PDF renderer is imported by each worker, while the
#: build plans): the signal comes to the whole process group, as a terminal sends it, the
#: moment pikepdf's C++ core (nanobind) creates its first enum.
PIKEPDF_HOOK = """
import enum, os, signal

original = enum.EnumType.__call__

def call(cls, *args, **kwargs):
    if args and args[0] == "TokenType" and (len(args) > 1 or "names" in kwargs):
        enum.EnumType.__call__ = original
        os.killpg(0, signal.SIGINT)
    return original(cls, *args, **kwargs)

enum.EnumType.__call__ = call
"""


@pytest.mark.parametrize("jobs", ["1", "2"])  # imported by the build itself, by each worker
def test_ctrl_c_while_the_pdf_renderer_is_imported_is_exit_130(
        project: Path, tmp_path: Path, jobs: str) -> None:
    """Seen in the stress: "Critical nanobind error", a traceback, and SIGABRT (-6)."""
    result = _build_with_hook(project, tmp_path, PIKEPDF_HOOK, jobs)
    assert (result.returncode, result.stderr) == (130, "interrupted\n")
    dist = project / "dist"
    assert not dist.exists() or files(dist) == {}
