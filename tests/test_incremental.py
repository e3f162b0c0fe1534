"""Incremental builds and atomic writes, each input at a time.

Editing one input rebuilds exactly the files that depend on it, and nothing else
changes on disk: the other files keep their inode and mtime.  The expected sets
are written out here by hand from the README (the bilingual edition depends on
both languages; the QA gate, which reads the glossary and the QA settings, guards
every file).  A build is also stopped the moment it renames a finished temporary
file into place, to prove the target is replaced by a rename, never rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_cli import run

SLUG = "bmw-huawei-harmonyos"
SEED = Path("seeds") / f"{SLUG}.md"
ZH_PO = Path("locales/zh/LC_MESSAGES") / f"{SLUG}.po"
KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")
PYPROJECT = Path("pyproject.toml")
ALL = {f"{SLUG}.{e}.{f}" for e in ("en", "zh", "bilingual") for f in ("pdf", "docx")}
ZH = {f"{SLUG}.{e}.{f}" for e in ("zh", "bilingual") for f in ("pdf", "docx")}
EN = {f"{SLUG}.{e}.{f}" for e in ("en", "bilingual") for f in ("pdf", "docx")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def listing(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.iterdir())}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    for name in ("seeds", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / PYPROJECT, root / PYPROJECT)
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def built(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(template, root, symlinks=True)  # copy2: mtimes kept
    return root


def _fonts(lang: str, family: str) -> Callable[[Path], str]:
    def change(root: Path) -> str:
        from pressctl.core.fonts import _fc_match

        if _fc_match(family) is None:
            pytest.skip(f"{family} not installed")
        with (root / PYPROJECT).open("a", encoding="utf-8") as fh:
            fh.write(f'\n[tool.pressctl.fonts.{lang}]\nregular = "{family}"\n'
                     f'bold = "{family}:bold"\n')
        return family.replace(" ", "")
    return change


def _hand_edited_output(root: Path) -> str:
    target = root / "dist" / SLUG / f"{SLUG}.zh.pdf"
    target.write_bytes(target.read_bytes() + b"\n% edited by hand\n")
    return ""


def _comment_only(root: Path) -> str:
    edit(root / ZH_PO, "# “+” rendered as 携手,",
         "# “+” rendered as 携手 (checked with the client),")
    edit(root / ZH_PO, '"PO-Revision-Date: 2025-03-17 00:00+0000\\n"',
         '"PO-Revision-Date: 2026-12-07 09:30+0800\\n"')
    assert run("build", "--check", cwd=root).returncode == 0
    return ""


def _deleted_output(root: Path) -> str:
    (root / "dist" / SLUG / f"{SLUG}.en.docx").unlink()
    return ""


#: what is changed → (how, the files that must be rebuilt, whether the manifest changes)
CASES: dict[str, tuple[Callable[[Path], str], set[str], bool]] = {
    "seed": (lambda root: edit(root / SEED, "keywords: [BMW, Huawei,",
                               "keywords: [Munich, BMW, Huawei,") or "", ALL, True),
    "release-catalog": (lambda root: edit(root / ZH_PO, 'msgstr "重磅！宝马携手华为！"',
                                          'msgstr "重大消息！宝马携手华为！"') or "重大消息",
                        ZH, True),
    "kit-wording": (lambda root: edit(root / KIT_PO, 'msgid "Key figures"\nmsgstr ""',
                                      'msgid "Key figures"\nmsgstr "主要数据"') or "主要数据",
                    ZH, True),
    "glossary": (lambda root: edit(root / "locales" / "glossary.csv",
                                   "smart cockpit,智能座舱", "smart cockpit,智能座舱\n"
                                   "digital services,数字化服务") or "", ALL, True),
    "qa-setting": (lambda root: edit(root / PYPROJECT, "[tool.pressctl.qa]\n",
                                     '[tool.pressctl.qa]\nlength = "off"\n') or "", ALL, True),
    "layout-setting": (lambda root: edit(root / PYPROJECT, 'colour = "#1C69D4"',
                                         'colour = "#0066B1"') or "", ALL, True),
    "zh-locale": (lambda root: edit(root / PYPROJECT, "[tool.pressctl.qa]\n",
                                    '[tool.pressctl.locales]\nzh = "zh_Hans_SG"\n\n'
                                    "[tool.pressctl.qa]\n") or "", ZH, True),
    "zh-font": (_fonts("zh", "WenQuanYi Zen Hei"), ZH, True),
    "en-font": (_fonts("en", "DejaVu Sans"), EN, True),
    # what the kits do not read: a translator's comment, the editor's revision date
    "catalog-comment": (_comment_only, set(), False),
    "hand-edited-output": (_hand_edited_output, {f"{SLUG}.zh.pdf"}, False),
    "deleted-output": (_deleted_output, {f"{SLUG}.en.docx"}, False),
}


@pytest.mark.parametrize("case", CASES)
def test_an_edit_rebuilds_exactly_the_files_that_depend_on_it(built: Path, case: str) -> None:
    change, expected, manifest_changes = CASES[case]
    folder = built / "dist" / SLUG
    before = listing(folder)
    originals = {name: (folder / name).read_bytes() for name in ALL}
    shown = change(built)
    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    rebuilt = {Path(f).name for f in json.loads(result.stdout)[0]["built"]}
    assert rebuilt == expected
    after = listing(folder)
    assert set(after) == set(before) | expected
    changed = expected | ({"manifest.json"} if manifest_changes else set())
    for name in after:
        if name in changed and case == "deleted-output":
            assert after[name][1] != before[name][1], name  # (its inode may be reused)
        elif name in changed:
            assert after[name][2] != before[name][2], name  # a new file renamed in
        else:
            assert after[name] == before[name], name  # same size, mtime and inode
    for name in sorted(expected):
        if name.endswith(".pdf") and shown:
            body = pdf_fonts(folder / name) if case.endswith("font") else pdf_text(folder / name)
            assert shown in body, name
    if case == "hand-edited-output":
        assert (folder / f"{SLUG}.zh.pdf").read_bytes() == originals[f"{SLUG}.zh.pdf"]
    # and a second build finds nothing to do
    again = run("build", "--json", cwd=built)
    assert json.loads(again.stdout)[0]["built"] == [], again.stderr
    assert listing(folder) == after


# atomic writes: a rename, never a write in place ---------------------------------------

STOPPER = '''\
"""Test helper: freeze the build the moment it renames a finished file into place,
and log every file opened for writing."""
import os
import signal
import sys

_replace = os.replace
_LOG = os.environ["PRESSCTL_TEST_WRITES"]


def _stop_before_replace(src, dst, *args, **kwargs):
    if str(dst).endswith(os.environ["PRESSCTL_TEST_STOP_AT"]):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"replace {src} {dst}\\n")
        os.kill(os.getpid(), signal.SIGSTOP)
    return _replace(src, dst, *args, **kwargs)


def _audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        writing = (mode and any(c in str(mode) for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR))
        if writing:
            _WRITES.append(os.fsdecode(args[0]))


_WRITES = []
os.replace = _stop_before_replace
sys.addaudithook(_audit)


import atexit  # noqa: E402


@atexit.register
def _dump():
    with open(_LOG, "a", encoding="utf-8") as fh:
        for path in _WRITES:
            if path != _LOG:
                fh.write(f"open {path}\\n")
'''


def _stopper_env(tmp_path: Path, stop_at: str) -> dict[str, str]:
    site = tmp_path / "stopper-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(STOPPER, encoding="utf-8")
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": f"{site}{os.pathsep}{path}" if path else str(site),
            "PRESSCTL_TEST_WRITES": str(tmp_path / "writes.log"),
            "PRESSCTL_TEST_STOP_AT": stop_at}


def test_a_build_killed_while_the_new_file_waits_leaves_the_old_one(built: Path,
                                                                    tmp_path: Path) -> None:
    """Freeze the build when the new zh.pdf, fully written as a temporary file, is about to
    be renamed over the old one; kill -9 it there. The old file must be intact (an
    in-place writer would have truncated it by then), the new bytes wait in the temporary
    file, and the next build clears the leftover and finishes the job."""
    folder = built / "dist" / SLUG
    old = (folder / f"{SLUG}.zh.pdf").read_bytes()
    edit(built / ZH_PO, 'msgstr "重磅！宝马携手华为！"', 'msgstr "重大消息！宝马携手华为！"')
    env = {**os.environ, **_stopper_env(tmp_path, f"{SLUG}.zh.pdf")}
    # one process: the stopper freezes the writer, which must be the process we kill
    process = subprocess.Popen([sys.executable, "-m", "pressctl", "-q", "build", "-j", "1"],
                               cwd=built,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = tmp_path / "writes.log"
    deadline = time.monotonic() + 120
    try:
        while not (log.exists() and "replace " in log.read_text(encoding="utf-8")):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the build never renamed zh.pdf into place"
            time.sleep(0.01)
        _, src, dst = log.read_text(encoding="utf-8").split("\n")[0].split(" ")
        assert Path(dst) == folder / f"{SLUG}.zh.pdf"
        assert Path(src).parent == folder and Path(src).name.startswith(".")
        assert "重大消息" in pdf_text(Path(src))  # the new file is complete, beside the old
        assert (folder / f"{SLUG}.zh.pdf").read_bytes() == old
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert (folder / f"{SLUG}.zh.pdf").read_bytes() == old
    assert Path(src).exists()  # SIGKILL: no clean-up ran
    result = run("build", cwd=built)
    assert result.returncode == 0, result.stderr
    assert not Path(src).exists()
    assert not list(folder.glob(".*"))
    assert "重大消息" in pdf_text(folder / f"{SLUG}.zh.pdf")


def test_outputs_are_never_opened_for_writing_in_place(built: Path, tmp_path: Path) -> None:
    """Every file a forced build opens for writing in dist/ is a temporary file."""
    env = _stopper_env(tmp_path, "no-such-file")
    result = run("build", "--force", "-j", "1", cwd=built, env=env)  # the hook sees one process
    assert result.returncode == 0, result.stderr
    folder = built / "dist" / SLUG
    written = [Path(line.split(" ", 1)[1]) for line in
               (tmp_path / "writes.log").read_text(encoding="utf-8").splitlines()
               if line.startswith("open ")]
    in_dist = [p for p in written if p.resolve().parent == folder.resolve()]
    assert len(in_dist) >= 6  # the six kits, each through a temporary file
    assert all(p.name.startswith(".") and p.name.endswith(".pressctl-tmp") for p in in_dist), \
        [p.name for p in in_dist]


def test_a_change_in_pressctls_own_code_rebuilds_everything(built: Path, tmp_path: Path) -> None:
    """A new pressctl (here: a copy of the package with one comment added to the PDF
    renderer) may lay pages out differently, so every file is rebuilt."""
    code = tmp_path / "code"
    shutil.copytree(ROOT / "pressctl", code / "pressctl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    renderer = code / "pressctl" / "render" / "pdf" / "edition.py"
    assert renderer.is_file()  # an edit, not a new file
    with renderer.open("a", encoding="utf-8") as fh:
        fh.write("\n# a new version\n")
    result = run("build", "--json", cwd=built, env={"PYTHONPATH": str(code)})
    assert result.returncode == 0, result.stderr
    assert {Path(f).name for f in json.loads(result.stdout)[0]["built"]} == ALL


def test_outputs_are_readable_by_everyone(template: Path) -> None:
    """mkstemp makes 0600 files; a published kit is rw-r--r-- like any other file."""
    paths = sorted((template / "dist" / SLUG).iterdir())
    assert {p.name for p in paths} == {*ALL, "manifest.json"}  # an empty folder proves nothing
    for path in paths:
        assert path.stat().st_mode & 0o777 == 0o644, path.name


@pytest.mark.parametrize(("code", "expected"), [
    (28, "cannot write kit.pdf: No space left on device"),  # ENOSPC
    (30, "cannot write kit.pdf: Read-only file system"),  # EROFS
])
def test_a_full_or_read_only_disk_is_one_message_and_no_leftover(
        tmp_path: Path, code: int, expected: str) -> None:
    from pressctl.core.atomic import write_with
    from pressctl.core.errors import PressctlError

    (tmp_path / "kit.pdf").write_bytes(b"old")

    def produce(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(code, os.strerror(code))

    with pytest.raises(PressctlError, match=expected):
        write_with(tmp_path / "kit.pdf", produce)
    assert (tmp_path / "kit.pdf").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kit.pdf"]


def test_other_write_errors_are_not_disguised_as_a_full_disk(tmp_path: Path) -> None:
    from pressctl.core.atomic import write_with

    def produce(path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(PermissionError):
        write_with(tmp_path / "kit.pdf", produce)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("manifest", ['{"files": ["not an entry"]}', '{"files": 3}', "{oops", "[]",
                                      '{"files": [{"size": 1}]}'])
def test_an_unreadable_manifest_means_a_full_rebuild(built: Path, manifest: str) -> None:
    """A manifest edited by hand or cut short is not trusted: everything is rebuilt."""
    (built / "dist" / SLUG / "manifest.json").write_text(manifest, encoding="utf-8")
    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert {Path(f).name for f in json.loads(result.stdout)[0]["built"]} == ALL
    data = json.loads((built / "dist" / SLUG / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(f["path"] for f in data["files"]) == sorted(ALL)
