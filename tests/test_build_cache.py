"""What a build keeps between files and between runs, and that none of it can go stale.

* reportlab's font registry is process-wide: a process that renders many releases
  (``--jobs 1``, or a ``--jobs`` worker) must not keep every release's font subset;
* a seed that shows no picture is remembered as such (by its bytes), so a build with
  nothing to do reads no Markdown; an edit of the seed is a new entry.

Each cache is proven by what it changes in the output when an input changes —
content, never only the existence of a cache file.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from pressctl.build import run as build
from pressctl.core.atomic import sha256
from pressctl.core.config import load
from pressctl.source import cached
from tests.conftest import ROOT, copy_project

SLUG = "bmw-huawei-harmonyos"
PHOTO = ROOT / "tests/data/press-office/seeds/images/leipzig-plant.jpg"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return copy_project(tmp_path / "project")


def _registry() -> tuple[set[str], set[object], set[object]]:
    from reportlab.lib import fonts as families
    from reportlab.pdfbase import pdfmetrics

    return (set(pdfmetrics._fonts), set(families._tt2ps_map), set(families._ps2tt_map))


def test_a_files_font_subsets_are_forgotten_when_it_is_written(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfmetrics

    config = load(project)
    registered: list[str] = []
    real = pdfmetrics.registerFont
    monkeypatch.setattr(pdfmetrics, "registerFont",
                        lambda font: (registered.append(font.fontName), real(font))[1])
    before = _registry()
    first = build.build(config, langs=("en", "zh"), formats=("pdf",), force=True, jobs=1,
                        out=project / "one")
    # en and zh each registered their own subset (regular and bold) ...
    assert len(set(registered)) >= 4, registered
    # ... and none of them, nor their family mappings, outlived its file
    assert _registry() == before
    assert not set(registered) & set(pdfmetrics.getRegisteredFontNames())
    # registered again in the same process, the same subsets give the same bytes
    again = build.build(config, langs=("en", "zh"), formats=("pdf",), force=True, jobs=1,
                        out=project / "two")
    for old, new in zip(first[0].files, again[0].files, strict=True):
        assert old.name == new.name
        assert old.read_bytes() == new.read_bytes(), old.name
    assert _registry() == before


def test_a_font_used_whole_from_its_file_stays_registered() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from pressctl.render.pdf.font_registry import scoped_fonts

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not path.is_file():
        pytest.skip("DejaVu Sans not installed")
    bold = path.with_name("DejaVuSans-Bold.ttf")  # another face: reportlab shares one per face
    data = bold.read_bytes()

    with scoped_fonts():
        pdfmetrics.registerFont(TTFont("test-from-file", str(path)))
        pdfmetrics.registerFont(TTFont("test-from-bytes", io.BytesIO(data)))
        pdfmetrics.registerFontFamily("test-from-bytes", normal="test-from-bytes")
    names = pdfmetrics.getRegisteredFontNames()
    assert "test-from-file" in names  # parsing it again for every file would only cost time
    assert "test-from-bytes" not in names
    from reportlab.lib import fonts as families

    assert ("test-from-bytes", 0, 0) not in families._tt2ps_map


def _built(result: list[build.BuildResult]) -> set[str]:
    return {path.name for r in result for path in r.built}


def test_a_build_with_nothing_to_do_reads_no_seed_without_pictures(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load(project)
    build.build(config, jobs=1)
    cached._parse.cache_clear()

    def no_reading(*args: object) -> None:
        raise AssertionError("the seed was parsed")

    monkeypatch.setattr(cached, "_parse", no_reading)
    again = build.build(load(project), jobs=1)
    assert _built(again) == set()
    assert {p.name for p in again[0].files} == {
        f"{SLUG}.{e}.{f}" for e in ("en", "zh", "bilingual") for f in ("pdf", "docx")}


def test_a_picture_added_to_a_seed_and_then_changed_rebuilds(project: Path) -> None:
    """The "no picture" entry is the old seed's: the edited seed is read, and its picture
    is an input from then on (a new photo under the same name rebuilds)."""
    seed = project / "seeds" / f"{SLUG}.md"
    config = load(project)
    only = {"langs": ("en",), "formats": ("pdf",), "jobs": 1}
    build.build(config, **only)  # type: ignore[arg-type]
    assert _built(build.build(load(project), **only)) == set()  # type: ignore[arg-type]
    (project / "seeds" / "images").mkdir()
    shutil.copy(PHOTO, project / "seeds" / "images" / "plant.jpg")
    text = seed.read_text(encoding="utf-8")
    marker = "\n## "
    assert marker in text
    seed.write_text(text.replace(marker, '\n![A plant](images/plant.jpg "Photo: test")\n'
                                 + marker, 1), encoding="utf-8")
    assert _built(build.build(load(project), **only)) == {  # type: ignore[arg-type]
        f"{SLUG}.en.pdf"}
    manifest = json.loads((project / "dist" / SLUG / "manifest.json").read_text("utf-8"))
    assert [m["path"] for m in manifest["media"]] == ["media/plant.jpg"]
    assert manifest["media"][0]["sha256"] == sha256(PHOTO)
    # another photo under the same name: the seed's bytes are the same, the output is not
    other = ROOT / "tests/data/press-office/seeds/images"
    replacement = next(p for p in sorted(other.iterdir())
                       if p.suffix == ".jpg" and p.read_bytes() != PHOTO.read_bytes()) \
        if len([p for p in other.iterdir() if p.suffix == ".jpg"]) > 1 else None
    picture = project / "seeds" / "images" / "plant.jpg"
    if replacement is not None:
        shutil.copy(replacement, picture)
    else:  # the same picture, re-encoded: other bytes
        from PIL import Image

        with Image.open(PHOTO) as image:
            image.save(picture, quality=50)
    assert _built(build.build(load(project), **only)) == {  # type: ignore[arg-type]
        f"{SLUG}.en.pdf"}
    manifest = json.loads((project / "dist" / SLUG / "manifest.json").read_text("utf-8"))
    assert manifest["media"][0]["sha256"] == sha256(picture) != sha256(PHOTO)


# the QA gate's answers ------------------------------------------------------------------

ZH_PO = Path("locales/zh/LC_MESSAGES") / f"{SLUG}.po"
KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _gate(root: Path) -> set[tuple[str, str, str]]:
    from pressctl import qa

    return {(p.file, p.check, p.text) for p in qa.gate(load(root), [SLUG], ("en", "zh"))}


def _checking_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    from pressctl import qa

    def no_checking(*args: object, **kwargs: object) -> None:
        raise AssertionError("a catalog was checked again")

    monkeypatch.setattr(qa, "check_catalog", no_checking)
    monkeypatch.setattr(cached, "_parse", no_checking)


#: input → (the edit, a problem the gate must then report: (file, check, part of its text))
EDITS: dict[str, tuple[tuple[Path, str, str], tuple[str, str, str]]] = {
    "release-catalog": ((ZH_PO, "约460家", "约470家"), (str(ZH_PO), "numbers", "470")),
    "seed": ((Path("seeds") / f"{SLUG}.md", "approximately 460 local suppliers",
              "approximately 480 local suppliers"),
             (f"seeds/{SLUG}.md", "untranslated", "480")),
    "glossary": ((Path("locales/glossary.csv"), "BMW China,宝马中国,", "BMW China,华晨宝马,"),
                 (str(ZH_PO), "glossary", "")),
    "kit-catalog": ((KIT_PO, 'msgid "Page {page} of {pages}"\nmsgstr ""',
                     'msgid "Page {page} of {pages}"\nmsgstr "第{page}页"'),
                    (str(KIT_PO), "placeholders", "")),
}


@pytest.mark.parametrize("case", EDITS)
def test_an_edit_of_any_input_of_the_qa_gate_is_checked_again(
        project: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    assert _gate(project) == set()
    cached._parse.cache_clear()
    with monkeypatch.context() as patch:  # unchanged: the answer is remembered
        _checking_forbidden(patch)
        assert _gate(project) == set()
    (path, old, new), (file, check, text) = EDITS[case]
    _edit(project / path, old, new)
    found = _gate(project)
    assert any(f == file and c == check and text in t for f, c, t in found), found


def test_a_qa_setting_changes_the_gates_answer(project: Path) -> None:
    _edit(project / ZH_PO, "约460家", "约470家")
    assert {c for _, c, _ in _gate(project)} == {"numbers"}
    _edit(project / "pyproject.toml", "[tool.pressctl.qa]\n",
          '[tool.pressctl.qa]\nnumbers = "off"\n')
    assert _gate(project) == set()
    _edit(project / "pyproject.toml", 'numbers = "off"\n', 'numbers = "warning"\n')
    assert _gate(project) == set()  # a warning does not block
    _edit(project / "pyproject.toml", 'numbers = "warning"\n', 'numbers = "error"\n')
    assert {c for _, c, _ in _gate(project)} == {"numbers"}


def test_a_remembered_pass_never_publishes_a_catalog_that_fails_qa(project: Path) -> None:
    from pressctl.core.errors import CheckFailed

    first = build.build(load(project), langs=("en", "zh"), formats=("pdf",), jobs=1)
    zh_pdf = project / "dist" / SLUG / f"{SLUG}.zh.pdf"
    published = zh_pdf.read_bytes()
    assert first[0].draft is False
    _edit(project / ZH_PO, "约460家", "约470家")
    with pytest.raises(CheckFailed, match=r"numbers.*470"):
        build.build(load(project), langs=("en", "zh"), formats=("pdf",), jobs=1)
    assert zh_pdf.read_bytes() == published  # nothing written
    drafted = build.build(load(project), langs=("en", "zh"), formats=("pdf",), jobs=1,
                          draft=True)
    assert drafted[0].draft is True and drafted[0].blocking == 1


def test_a_new_version_of_a_library_the_checks_use_is_checked_again(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from pressctl import qa

    assert _gate(project) == set()
    cached._parse.cache_clear()
    with monkeypatch.context() as patch:
        _checking_forbidden(patch)
        assert _gate(project) == set()
    real_version, real_check = metadata.version, qa.check_catalog
    checked: list[str] = []
    monkeypatch.setattr(metadata, "version",
                        lambda name: "99.0" if name == "OpenCC" else real_version(name))
    monkeypatch.setattr(qa, "check_catalog",
                        lambda po, **kw: (checked.append(kw["file"]), real_check(po, **kw))[1])
    assert _gate(project) == set()
    assert sorted(checked) == sorted([str(KIT_PO), str(ZH_PO)])


def test_a_cache_that_cannot_be_written_costs_time_only(tmp_path: Path) -> None:
    """``XDG_CACHE_HOME`` naming a file (a careless dotfile, a full or read-only disk): the
    build, its no-op and a changed catalog all work, as without a cache.  The catalogs'
    reading hash used to stop the build there ("cannot write")."""
    import os
    import subprocess
    import sys

    root = copy_project(tmp_path / "project")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocked)}

    def pressctl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)

    first = pressctl("build", "--format", "pdf", "--lang", "zh")
    assert first.returncode == 0, first.stderr
    pdf = root / "dist" / SLUG / f"{SLUG}.zh.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    again = pressctl("build", "--format", "pdf", "--lang", "zh")
    assert again.returncode == 0 and "0 file(s) built" in again.stderr, again.stderr
    assert blocked.read_text(encoding="utf-8") == ""  # nothing written over it
