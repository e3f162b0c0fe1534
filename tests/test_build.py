"""``pressctl build`` as CI runs it: gates, manifest, reproducible and incremental
builds, ``--check``, a build killed half-way, parallel and concurrent builds, bad
input, text that must come out exactly as written, and characters no font has.

Every test works on a copy of the real project (``project``); the ones that need
a finished build start from a copy of one built once per module, so the suite
pays for few full builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from pressctl.core.charnames import CONTROL_NAMES, describe
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.kit import glyphs
from pressctl.kit.make import make_kit
from pressctl.source.read import read
from pressctl.source.segment import segments
from tests.conftest import ROOT, need
from tests.test_cli import run

pypdf = pytest.importorskip("pypdf")

SLUG = "bmw-huawei-harmonyos"
SEED = Path("seeds") / f"{SLUG}.md"
ZH_PO = Path("locales/zh/LC_MESSAGES") / f"{SLUG}.po"
OUTPUTS = sorted(f"{SLUG}.{edition}.{fmt}" for edition in ("en", "zh", "bilingual")
                 for fmt in ("pdf", "docx"))
#: Reviewed translations the tests change: one with a figure, one without.
REVENUE_ZH = "近日，宝马发布2024年财报，全年总营收达1423.8亿欧元。"
REVENUE_EN = "Recently, BMW announced its financial report for 2024"
SUBTITLE_ZH = "重磅！宝马携手华为！"


@dataclass(frozen=True)
class Built:
    root: Path
    seconds: float  # how long the full build took


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project built once, from nothing; tests copy it rather than rebuild."""
    root = tmp_path_factory.mktemp("built")
    for name in ("seeds", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    start = time.perf_counter()
    result = run("build", cwd=root)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    return Built(root, seconds)


@pytest.fixture
def built(project: Path, template: Built) -> Path:
    """A copy of the project with the template's ``dist/`` (mtimes kept)."""
    shutil.copytree(template.root / "dist", project / "dist")
    return project


def out(project: Path) -> Path:
    return project / "dist" / SLUG


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def listing(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under ``folder`` with its size, mtime and inode."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.rglob("*"))}


def temporaries(folder: Path, pid: int | None = None) -> list[Path]:
    """Temporary files in ``folder`` (of process ``pid``: their names carry it)."""
    return sorted(p for p in folder.glob(".*.pressctl-tmp")
                  if pid is None or f".{pid}." in p.name)


def manifest(project: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out(project) / "manifest.json").read_text(encoding="utf-8"))


def assert_manifest_matches_files(project: Path) -> None:
    data = manifest(project)
    files = {p.name for p in out(project).iterdir() if p.name != "manifest.json"}
    assert sorted(files) == [f["path"] for f in data["files"]]
    for entry in data["files"]:
        blob = (out(project) / entry["path"]).read_bytes()
        assert entry["size"] == len(blob), entry["path"]
        assert entry["sha256"] == hashlib.sha256(blob).hexdigest(), entry["path"]


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in a text file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def add_paragraph(project: Path, paragraph: str) -> int:
    """Append a paragraph to the seed's body; the line it is on."""
    seed = project / SEED
    text = seed.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    seed.write_text(text + paragraph + "\n", encoding="utf-8")
    return text.count("\n") + 1


def pdf_text(path: Path) -> str:
    """The text in drawing order (``-raw``): without it, pdftotext joins a word broken
    after a hyphen at a line end and drops the hyphen ("section-|17" → "section17")."""
    need("pdftotext")
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def unhyphenated(text: str) -> str:
    """``text`` without the hyphens a line break added inside a long name written as one
    word (pressctl.render.words: "…coniosis-|Pneumono…" at a line end), nor the soft
    hyphens the DOCX carries there: what is left is the word as typed."""
    text = re.sub(r"(?<=[a-z])-\n(?=[A-Z][a-z])", "", text)
    return text.replace("\u00ad", "")


# 1. the manifest ---------------------------------------------------------------------------


def test_manifest_lists_every_file_with_size_hash_languages_and_counts(
        template: Built) -> None:
    data = manifest(template.root)
    assert [f["path"] for f in data["files"]] == OUTPUTS
    assert_manifest_matches_files(template.root)
    assert all(len(f["inputs"]) == 64 for f in data["files"])
    assert data["slug"] == SLUG and data["source"] == str(SEED) and data["source_lang"] == "en"
    assert data["languages"] == ["en", "zh"]
    assert data["draft"] is False
    release = read(template.root / SEED)
    assert data["title"] == release.title and data["date"] == release.date.isoformat()
    msgids = {s.text for s in segments(release)}
    entries = {e.msgid: e for e in polib.pofile(str(template.root / ZH_PO))
               if not e.obsolete and e.msgid in msgids}
    reviewed = sum(1 for e in entries.values() if e.msgstr and "fuzzy" not in e.flags)
    fuzzy = sum(1 for e in entries.values() if e.msgstr and "fuzzy" in e.flags)
    assert data["segments"] == {
        "en": {"translated": len(msgids), "fuzzy": 0, "untranslated": 0},
        "zh": {"translated": reviewed, "fuzzy": fuzzy,
               "untranslated": len(msgids) - reviewed - fuzzy},
    }
    assert data["segments"]["zh"]["translated"] == len(msgids) == 35
    # and the files hold the kits, not just bytes
    zh_title = entries[release.title].msgstr
    assert squeeze(zh_title) in squeeze(pdf_text(out(template.root) / f"{SLUG}.zh.pdf"))
    assert release.title in docx_text(out(template.root) / f"{SLUG}.en.docx")
    bilingual = squeeze(pdf_text(out(template.root) / f"{SLUG}.bilingual.pdf"))
    assert squeeze(zh_title) in bilingual and squeeze(release.title) in bilingual


# 2. missing translations and --draft -------------------------------------------------------


def test_missing_translation_stops_the_build_and_draft_marks_every_page(
        project: Path) -> None:
    edit(project / ZH_PO, f'msgstr "{REVENUE_ZH}"', 'msgstr ""')
    result = run("build", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert REVENUE_EN in result.stderr
    assert f"zh ({ZH_PO}): 1 segment(s)" in result.stderr
    assert not (project / "dist").exists()

    result = run("build", "--draft", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)[0]
    assert report["draft"] is True
    assert [text[:len(REVENUE_EN)] for text in report["untranslated"]["zh"]] == [REVENUE_EN]
    data = manifest(project)
    assert data["draft"] is True
    assert data["segments"]["zh"]["untranslated"] == 1
    assert_manifest_matches_files(project)
    # Every page says DRAFT in the kit's language, as text (the big watermark is
    # drawn as outlines on purpose, so it stays out of copied text).
    config = load(project)
    release = read(project / SEED)
    for edition, lang in (("en", "en"), ("zh", "zh"), ("bilingual", "en")):
        word = make_kit(config, release, lang, draft=True).t("DRAFT")
        reader = pypdf.PdfReader(out(project) / f"{SLUG}.{edition}.pdf")
        assert len(reader.pages) >= 2
        for number, page in enumerate(reader.pages, 1):
            assert word.casefold() in page.extract_text().casefold(), (edition, number)
    # the source sentence stands in for the missing translation
    assert squeeze(REVENUE_EN) in squeeze(pdf_text(out(project) / f"{SLUG}.zh.pdf"))


# 3. the QA gate ----------------------------------------------------------------------------


def test_changed_figure_is_refused_unless_draft(project: Path) -> None:
    line = edit(project / ZH_PO, f'msgstr "{REVENUE_ZH}"',
                f'msgstr "{REVENUE_ZH.replace("1423.8亿", "1432.8亿")}"')
    result = run("build", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # QA points at the entry, which starts with its comments a few lines above the msgstr
    found = re.search(rf"{re.escape(str(ZH_PO))}:(\d+): error: numbers: number changed",
                      result.stderr)
    assert found and line - 8 < int(found.group(1)) <= line, result.stderr
    assert "1432.8亿" in result.stderr
    assert not (project / "dist").exists()
    result = run("build", "--draft", cwd=project)
    assert result.returncode == 0, result.stderr
    assert manifest(project)["draft"] is True
    assert "1432.8亿" in squeeze(pdf_text(out(project) / f"{SLUG}.zh.pdf"))


# 4. reproducible ---------------------------------------------------------------------------


@pytest.mark.slow
def test_builds_are_byte_identical_across_copies_and_source_date_epoch(
        project: Path, template: Built) -> None:
    """Another folder, and SOURCE_DATE_EPOCH set (reportlab would mix it into the
    PDF's /ID): the same bytes, so ``build --check`` in CI agrees with a laptop."""
    expected = contents(out(template.root))
    assert sorted(expected) == sorted([*OUTPUTS, "manifest.json"])
    result = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert contents(out(project)) == expected
    result = run("build", "--force", cwd=project, env={"SOURCE_DATE_EPOCH": "1"})
    assert result.returncode == 0, result.stderr
    assert contents(out(project)) == expected


# 5. incremental ----------------------------------------------------------------------------


def test_second_build_builds_nothing_and_a_catalog_edit_rebuilds_only_its_files(
        built: Path, template: Built) -> None:
    folder = out(built)
    before = listing(folder)
    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)[0]
    assert report["built"] == []
    assert sorted(Path(f).name for f in report["files"]) == OUTPUTS
    assert listing(folder) == before  # not even the manifest was rewritten
    # how fast: a benchmark figure (tests/bench, "No-op rebuild"), not a test bound

    edit(built / ZH_PO, f'msgstr "{SUBTITLE_ZH}"', 'msgstr "重大消息！宝马携手华为！"')
    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    rebuilt = sorted(Path(f).name for f in json.loads(result.stdout)[0]["built"])
    assert rebuilt == sorted(f"{SLUG}.{e}.{fmt}" for e in ("zh", "bilingual")
                             for fmt in ("pdf", "docx"))
    after = listing(folder)
    for name in (f"{SLUG}.en.pdf", f"{SLUG}.en.docx"):
        assert after[name] == before[name], name  # same size, mtime and inode
    for name in rebuilt:
        assert after[name][2] != before[name][2], name  # a new file renamed into place
    assert "重大消息" in pdf_text(folder / f"{SLUG}.zh.pdf")
    assert "重大消息" in docx_text(folder / f"{SLUG}.bilingual.docx")
    assert_manifest_matches_files(built)


# 6. --check --------------------------------------------------------------------------------


def test_check_reports_stale_and_missing_files_and_writes_nothing(built: Path) -> None:
    folder = out(built)
    before = listing(built / "dist")
    result = run("build", "--check", cwd=built)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert listing(built / "dist") == before

    edit(built / ZH_PO, f'msgstr "{SUBTITLE_ZH}"', 'msgstr "重大消息！宝马携手华为！"')
    result = run("build", "--check", "--json", cwd=built)
    assert result.returncode == 1, result.stderr
    stale = json.loads(result.stdout)["stale"]
    assert sorted(stale) == sorted(
        [f"stale: dist/{SLUG}/{SLUG}.{e}.{fmt}" for e in ("zh", "bilingual")
         for fmt in ("pdf", "docx")] + [f"stale: dist/{SLUG}/manifest.json"])
    assert "5 file(s) out of date in dist" in result.stderr
    assert listing(built / "dist") == before

    (built / ZH_PO).write_bytes((ROOT / ZH_PO).read_bytes())
    (folder / f"{SLUG}.en.docx").unlink()
    before = listing(built / "dist")
    result = run("build", "--check", cwd=built)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"missing: dist/{SLUG}/{SLUG}.en.docx"]
    assert "Traceback" not in result.stderr
    assert listing(built / "dist") == before


def test_check_of_a_subset_ignores_the_rest_and_the_whole_set_reports_extras(
        built: Path) -> None:
    result = run("build", "--check", "--lang", "en", "--format", "pdf", cwd=built)
    assert result.returncode == 0, result.stdout + result.stderr

    # left from a removed language: a file the manifest lists (pressctl's own) is extra
    (out(built) / f"{SLUG}.fr.pdf").write_bytes(b"%PDF-1.4 left from a removed language")
    manifest = json.loads((out(built) / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": f"{SLUG}.fr.pdf", "sha256": hashlib.sha256(
        (out(built) / f"{SLUG}.fr.pdf").read_bytes()).hexdigest()})
    (out(built) / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out(built) / f"{SLUG}.notes.pdf").write_bytes(b"%PDF-1.4 the user's, not listed")
    result = run("build", "--check", cwd=built)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"stale: dist/{SLUG}/manifest.json",
                                          f"extra: dist/{SLUG}/{SLUG}.fr.pdf"]
    assert run("build", "--check", "--lang", "en", cwd=built).returncode == 0
    # the build removes what is extra, and leaves the user's file alone
    assert run("build", cwd=built).returncode == 0
    assert not (out(built) / f"{SLUG}.fr.pdf").exists()
    assert (out(built) / f"{SLUG}.notes.pdf").read_bytes() == b"%PDF-1.4 the user's, not listed"
    assert run("build", "--check", cwd=built).returncode == 0


# 7. kill -9 --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_build_killed_half_way_leaves_the_previous_outputs(built: Path) -> None:
    folder = out(built)
    before = contents(folder)
    for _attempt in range(5):
        # --jobs 1: the temporary files carry the writing process's id, watched here
        process = subprocess.Popen([sys.executable, "-m", "pressctl", "-q", "build", "--force",
                                    "--jobs", "1"], cwd=built, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if temporaries(folder, process.pid):  # it is writing a file
                break
            time.sleep(0.002)
        process.kill()  # SIGKILL: no cleanup of any kind runs
        process.wait()
        finals = {name: blob for name, blob in contents(folder).items()
                  if not name.startswith(".")}
        assert finals == before  # the old file or an identical new one, never a partial one
        if process.returncode == -signal.SIGKILL and temporaries(folder, process.pid):
            break  # killed while a file was being written: the case to recover from
    else:
        pytest.fail("never killed the build while it was writing a file")

    result = run("build", "--json", cwd=built)
    assert result.returncode == 0, result.stderr
    assert temporaries(folder) == []
    assert contents(folder) == before
    assert_manifest_matches_files(built)


# 8. --jobs and concurrent builds -----------------------------------------------------------


@pytest.mark.slow
def test_jobs_2_gives_the_same_bytes_as_jobs_1(project: Path, template: Built) -> None:
    result = run("build", "--jobs", "2", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)[0]["built"]) == len(OUTPUTS)
    assert contents(out(project)) == contents(out(template.root))


@pytest.mark.slow
def test_the_default_build_on_every_core_gives_the_bytes_of_jobs_1(project: Path,
                                                                  template: Built) -> None:
    """The template was built without --jobs: one process per core."""
    result = run("build", "--jobs", "1", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)[0]["built"]) == len(OUTPUTS)
    assert contents(out(project)) == contents(out(template.root))


def test_jobs_default_to_one_process_per_core_when_each_gets_two_files(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    from pressctl.build import run as stage

    pools: list[int | None] = []

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None, **kwargs: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(stage, "cores", lambda: 3)
    config = load(project)
    results = stage.build(config, formats=("docx",), force=True)  # 3 files: one process
    assert pools == []
    assert len(results[0].built) == 3
    results = stage.build(config, force=True)  # 6 files, 3 cores: two files each
    assert pools == [3]
    assert len(results[0].built) == 6
    stage.build(config, formats=("docx",), force=True, jobs=3)  # asked for: as asked
    assert pools == [3, 3]
    stage.build(config, force=True, jobs=1)  # asked for one
    assert pools == [3, 3]
    monkeypatch.setattr(stage, "cores", lambda: 8)
    stage.build(config, force=True)  # never fewer than two files a worker
    assert pools == [3, 3, 3]
    stage.build(config, formats=("docx",), force=True, jobs=8)  # nor more workers than files
    assert pools == [3, 3, 3, 3]


@pytest.mark.slow
def test_two_builds_at_once_into_one_folder_both_succeed(project: Path,
                                                         template: Built) -> None:
    command = [sys.executable, "-m", "pressctl", "-q", "build"]
    first = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen([*command, "--jobs", "2"], cwd=project, stderr=subprocess.PIPE,
                              text=True)
    errors = [first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]]
    assert (first.returncode, second.returncode) == (0, 0), errors
    assert temporaries(out(project)) == []
    assert_manifest_matches_files(project)
    assert contents(out(project)) == contents(out(template.root))
    assert run("build", "--check", cwd=project).returncode == 0


# 9. bad input ------------------------------------------------------------------------------


def _not_utf8(project: Path) -> str:
    seed = project / SEED
    data = seed.read_bytes()
    marker = b"BMW China announced"
    line = data[:data.index(marker)].count(b"\n") + 1
    seed.write_bytes(data.replace(marker, b"BMW China \xff announced"))
    return f"{SEED}:{line}: not UTF-8"


def _bad_yaml(project: Path) -> str:
    line = edit(project / SEED, "title: BMW to Deeply", "title: [BMW to Deeply")
    return f"{SEED}:{line}: broken front matter: expected ',' or ']'"


def _no_title(project: Path) -> str:
    edit(project / SEED, "title: BMW to Deeply Integrate with the Harmony Ecosystem in China\n",
         "")
    return f"{SEED}:1: front matter lacks title"


def _no_date(project: Path) -> str:
    edit(project / SEED, "date: 2025-03-17\n", "")
    return f"{SEED}:1: front matter lacks date"


def _bad_date(project: Path) -> str:
    line = edit(project / SEED, "date: 2025-03-17", "date: 17 March")
    return f"{SEED}:{line}: date '17 March' is not an ISO date"


def _malformed_po(project: Path) -> str:
    po = project / ZH_PO
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgid "unterminated\nmsgstr\n', encoding="utf-8")
    # the line the closing quote is missing from (polib blamed the msgstr after it)
    return f"{ZH_PO}:{text.count(chr(10)) + 2}: malformed PO file: end of line within a string"


def _empty(project: Path) -> str:
    (project / SEED).write_text("", encoding="utf-8")
    return f"{SEED}: the document is empty"


def _unknown_language(project: Path) -> str:
    line = edit(project / "pyproject.toml", 'languages = ["en", "zh"]',
                'languages = ["en", "zh", "xx"]')
    return f"pyproject.toml:{line}: unknown language 'xx' in [tool.pressctl] languages"


def _output_under_a_file(project: Path) -> str:
    (project / "not-a-folder").write_text("a file\n", encoding="utf-8")
    edit(project / "pyproject.toml", 'output_dir = "dist"', 'output_dir = "not-a-folder/dist"')
    return f"not-a-folder/dist/{SLUG}: cannot write"


def _output_in_proc(project: Path) -> str:
    edit(project / "pyproject.toml", 'output_dir = "dist"', 'output_dir = "/proc/pressctl-dist"')
    return f"/proc/pressctl-dist/{SLUG}: cannot write"


def _output_name_taken_by_a_folder(project: Path) -> str:
    (project / "dist" / SLUG / f"{SLUG}.en.pdf").mkdir(parents=True)
    return f"dist/{SLUG}: cannot write {SLUG}.en.pdf: Is a directory"


def _bell(project: Path) -> str:
    line = add_paragraph(project, "A bell \x07 rang.")
    return f"{SEED}:{line}: control character U+0007 ALERT (BEL) in the text (column 8)"


def _escape(project: Path) -> str:
    line = add_paragraph(project, "Colour \x1b[31mred\x1b[0m pasted from a terminal.")
    return f"{SEED}:{line}: control character U+001B ESCAPE (ESC) in the text (column 8)"


BAD_INPUT = {
    "not-utf8": (_not_utf8, ()),
    "bad-yaml": (_bad_yaml, ()),
    "no-title": (_no_title, ()),
    "no-date": (_no_date, ()),
    "bad-date": (_bad_date, ()),
    "malformed-po": (_malformed_po, ()),
    "empty": (_empty, ()),
    "unknown-language-pyproject": (_unknown_language, ()),
    "output-under-a-file": (_output_under_a_file, ()),
    "output-in-proc": (_output_in_proc, ()),
    "output-name-is-a-folder": (_output_name_taken_by_a_folder, ()),
    "control-bell": (_bell, ("--draft",)),
    "control-escape": (_escape, ("--draft",)),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_one_message_naming_the_file_and_exit_2(project: Path, case: str) -> None:
    mutate, args = BAD_INPUT[case]
    expected = mutate(project)
    result = run("build", *args, cwd=project)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert expected in result.stderr


def test_unknown_language_option_is_exit_2(project: Path) -> None:
    result = run("build", "--lang", "xx", cwd=project)
    assert result.returncode == 2
    assert "pyproject.toml: unknown language 'xx'" in result.stderr
    assert "configured languages: en, zh" in result.stderr
    assert "Traceback" not in result.stderr


def test_control_character_names_match_unicode() -> None:
    """The names in data/control-names.txt are Unicode's own aliases."""
    lines = [line for line in CONTROL_NAMES.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert len(lines) == 65  # C0, DEL and C1
    for line in lines:
        code, alias, _abbreviation = line.split(";")
        assert unicodedata.lookup(alias) == chr(int(code, 16)), line
    assert describe("\x1b") == "U+001B ESCAPE (ESC)"
    assert describe("😀") == "U+1F600 GRINNING FACE '😀'"
    assert describe("\u200b") == "U+200B ZERO WIDTH SPACE"


# 10. text comes out exactly as written -----------------------------------------------------

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6 + "x" * 30  # 300 letters
LONG_URL = ("https://press.example.com/releases/2025/03/17/" + "/".join(
    f"section-{n:02d}" for n in range(24)) + "?utm_source=pressctl&lang=en-GB&id=" + "7" * 40)
MARKUP = ["1 < 2 > 0", "R&D", "]]>", "&amp;", "<b>not bold</b>", "&#169;", "\\", "'quoted'",
          '"double"']


def test_markup_long_words_and_urls_come_out_exactly(project: Path) -> None:
    assert len(LONG_WORD) == 300 and len(LONG_URL) > 250
    paragraph = f"Kept as typed: {' and '.join(MARKUP[:-2])}, {MARKUP[-2]} {MARKUP[-1]}. " \
                f"{LONG_WORD} {LONG_URL} end."
    add_paragraph(project, paragraph.replace("\\", "\\\\"))  # Markdown: \\ is a backslash
    # the segment keeps the Markdown as typed; what is printed is the text it stands for
    from pressctl.source.inline import plain

    assert plain(read(project / SEED).blocks[-1].text) == paragraph
    result = run("build", "--draft", "--lang", "en", cwd=project)
    assert result.returncode == 0, result.stderr
    pdf = out(project) / f"{SLUG}.en.pdf"
    extracted = {
        "pdftotext": squeeze(unhyphenated(pdf_text(pdf))),
        "pypdf": squeeze(unhyphenated(
            "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))),
        "docx": squeeze(unhyphenated(docx_text(out(project) / f"{SLUG}.en.docx"))),
    }
    for tool, text in extracted.items():
        for piece in [*MARKUP, LONG_WORD, LONG_URL]:
            assert squeeze(piece) in text, (tool, piece)
        assert squeeze(paragraph) in text, tool
        assert "<b>notbold</b>" in text and "notbold" not in text.replace("<b>notbold</b>", ""), \
            tool
    with zipfile.ZipFile(out(project) / f"{SLUG}.en.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in xml and "&amp;amp;" in xml  # escaped once, as text


def test_long_title_and_keywords_do_not_break_the_docx(project: Path) -> None:
    """python-docx refuses core properties over 255 characters; the kit shortens them."""
    title = "BMW and Huawei " + " ".join(f"announce-{n:03d}" for n in range(30))
    edit(project / SEED, "title: BMW to Deeply Integrate with the Harmony Ecosystem in China",
         f"title: {title}")
    edit(project / SEED, "keywords: [BMW, Huawei,", "keywords: [" + ", ".join(
        f"keyword{n}" for n in range(60)) + ", BMW, Huawei,")
    result = run("build", "--draft", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    import docx

    for edition in ("en", "bilingual"):
        props = docx.Document(str(out(project) / f"{SLUG}.{edition}.docx")).core_properties
        assert 200 < len(props.title) <= 255 and props.title.endswith("…")
        assert props.title.startswith("BMW and Huawei announce-000 announce-001")
        assert len(props.keywords) <= 255 and props.keywords.startswith("keyword0, keyword1")
    assert title in docx_text(out(project) / f"{SLUG}.en.docx")  # the page shows it all


# 11. characters the font does not have -----------------------------------------------------


def test_emoji_in_the_seed_is_refused_with_its_name_line_and_fix(project: Path) -> None:
    line = add_paragraph(project, "BMW drivers 😀 will love it.")
    for args in ((), ("--draft",)):
        result = run("build", *args, cwd=project)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert f"{SEED}:{line}: U+1F600 GRINNING FACE '😀' is not in " in result.stderr
        assert "it would print as an empty box" in result.stderr
        assert "[tool.pressctl.fonts.en]" in result.stderr
        assert "fc-list ':charset=1f600' family" in result.stderr
        assert not (project / "dist").exists()


def test_rune_in_a_translation_names_the_catalog_line(project: Path) -> None:
    line = edit(project / ZH_PO, f'msgstr "{SUBTITLE_ZH}"', f'msgstr "{SUBTITLE_ZH}ᚠ"')
    result = run("build", cwd=project)
    assert result.returncode == 2, result.stderr
    assert (f"{ZH_PO}:{line}: U+16A0 RUNIC LETTER FEHU FEOH FE F 'ᚠ' is not in "
            in result.stderr)
    assert "the font for zh" in result.stderr and "[tool.pressctl.fonts.zh]" in result.stderr


def test_control_character_in_a_translation_is_refused(project: Path) -> None:
    """Raw in the catalog, or written as an escape polib decodes (\\b)."""
    line = edit(project / ZH_PO, f'msgstr "{SUBTITLE_ZH}"', f'msgstr "{SUBTITLE_ZH}\x07"')
    result = run("build", "--draft", cwd=project)
    assert result.returncode == 2, result.stderr
    # a raw control character is refused as the catalog is read, at its line and column
    assert f"{ZH_PO}:{line}: control character U+0007 ALERT (BEL) in the catalog" in result.stderr
    edit(project / ZH_PO, f'msgstr "{SUBTITLE_ZH}\x07"', f'msgstr "{SUBTITLE_ZH}\\b"')
    result = run("build", "--draft", cwd=project)
    assert result.returncode == 2, result.stderr
    assert (f"{ZH_PO}:{line}: control character U+0008 BACKSPACE (BS) in the translation"
            in result.stderr)


def test_a_font_that_has_the_character_passes(project: Path) -> None:
    """The fix the message gives works: DejaVu Sans has the emoticons block."""
    from pressctl.core.fonts import _fc_match

    dejavu = _fc_match("DejaVu Sans")
    if dejavu is None or 0x1F600 not in glyphs.coverage(dejavu):
        pytest.skip("DejaVu Sans (with U+1F600) not installed")
    add_paragraph(project, "Drivers 😀 will love it.")
    release = read(project / SEED)
    config = load(project)
    with pytest.raises(PressctlError, match="GRINNING FACE"):
        glyphs.check(config, release, {"en": make_kit(config, release, "en", draft=True)})
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8")
                         + '\n[tool.pressctl.fonts.en]\nregular = "DejaVu Sans"\n'
                           'bold = "DejaVu Sans:bold"\n', encoding="utf-8")
    config = load(project)
    glyphs.check(config, release, {"en": make_kit(config, release, "en", draft=True)})
    with pytest.raises(PressctlError, match=r"the font for zh"):  # zh still uses Noto
        glyphs.check(config, release, {"zh": make_kit(config, release, "zh", draft=True)})


def test_font_coverage_is_cached_on_disk(project: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from pressctl.core.fonts import resolve

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(glyphs, "_coverage", {})
    font = resolve("zh").regular
    codes = glyphs.coverage(font)
    assert ord("宝") in codes and ord("A") in codes and 0x1F600 not in codes
    cached = list((tmp_path / "cache" / "pressctl" / "cmaps").glob("*.json"))
    assert len(cached) == 1
    monkeypatch.setattr(glyphs, "_coverage", {})

    def unreadable(font: object) -> None:
        raise AssertionError("the font was read again")

    monkeypatch.setattr(glyphs, "_read_cmap", unreadable)
    again = glyphs.coverage(font)
    assert again.ranges() == codes.ranges()


def test_glyph_check_is_fast_once_cached(project: Path) -> None:
    config = load(project)
    release = read(project / SEED)
    kits = {lang: make_kit(config, release, lang) for lang in config.languages}
    glyphs.check(config, release, kits)  # fills the caches
    start = time.perf_counter()
    for _ in range(5):
        glyphs.check(config, release, kits)
    per_build = (time.perf_counter() - start) / 5
    # generous (cold it takes seconds, cached ~5 ms on the benchmark machine)
    assert per_build < 0.5, f"glyph check took {per_build * 1000:.0f} ms"


def test_environment_is_left_as_it_was(project: Path) -> None:
    """run_job hides SOURCE_DATE_EPOCH from reportlab only while it renders."""
    from pressctl.build.run import _without_source_date_epoch

    os.environ["SOURCE_DATE_EPOCH"] = "123"
    try:
        with _without_source_date_epoch():
            assert "SOURCE_DATE_EPOCH" not in os.environ
        assert os.environ["SOURCE_DATE_EPOCH"] == "123"
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@pytest.mark.slow
def test_a_long_release_builds_its_bilingual_pdf(project: Path) -> None:
    """Bilingual rows are tables split inside a row; a long release once crashed reportlab."""
    from tests.bench.corpus import long_release

    long_release(project, 40)
    result = run("build", "--format", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    pdf = next((project / "dist").glob("*/*.bilingual.pdf"))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines()
                    if line.startswith("Pages:"))) >= 25


def test_a_build_with_nothing_changed_only_hashes(built: Path) -> None:
    """No renderer is even imported: the inputs' hashes match the manifest."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "pressctl", "build"],
                            cwd=built, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert not imported & {"reportlab", "docx", "fontTools", "PIL"}, imported
    assert "0 file(s) built, 6 up to date" in result.stderr
    # a subset takes the same short path (the bilingual files count when both languages do)
    for args, up_to_date in ((("--lang", "zh"), 2), (("--lang", "en", "--lang", "zh"), 6),
                             (("--format", "pdf"), 3)):
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "pressctl",
                                 "build", *args], cwd=built, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                    for line in result.stderr.splitlines() if line.startswith("import time:")}
        assert not imported & {"reportlab", "docx", "fontTools", "PIL"}, (args, imported)
        assert f"0 file(s) built, {up_to_date} up to date" in result.stderr, args

    # the glossary changes no output, but the QA gate reads it: it must not be skipped
    edit(built / "locales" / "glossary.csv",
         "Huawei terminals,华为终端", "Huawei terminals,华为手机")
    result = run("build", cwd=built)
    assert result.returncode == 1, result.stderr
    assert "华为手机" in result.stderr and "glossary" in result.stderr
