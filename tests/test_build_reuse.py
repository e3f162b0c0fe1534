"""A build localises each release once per language and starts workers only where they pay.

The plan's gates make a kit of every release in every language; the files are
rendered from those kits (marked DRAFT or not, as the release is), not from
kits made again for each file.  Proven by what is rendered — the DRAFT mark
and the translated text read back from the PDF — and by counting the kits made.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pressctl.build import run as build
from pressctl.core.config import load
from pressctl.kit import make
from tests.bench.corpus import copy_project

SLUG = "bmw-huawei-harmonyos"
DRAFT_MARK = "Draft – not for publication"  # the header of every page of a draft


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return copy_project(tmp_path / "project")


def _count_kits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    real = make.make_kit

    def counted(config, release, lang, **options):  # type: ignore[no-untyped-def]
        made.append(lang)
        return real(config, release, lang, **options)

    monkeypatch.setattr(make, "make_kit", counted)
    return made


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_six_files_from_one_kit_a_language(project: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    made = _count_kits(monkeypatch)
    (result,) = build.build(load(project), force=True, jobs=1)
    assert len(result.built) == 6
    assert sorted(made) == ["en", "zh"]  # the gates' kits, used by all six files
    assert not build._PLANNED  # nothing kept after the build
    assert "华为" in _text(project / "dist" / SLUG / f"{SLUG}.zh.pdf")
    # a final kit, though the gates' kit was a draft
    assert DRAFT_MARK not in _text(project / "dist" / SLUG / f"{SLUG}.en.pdf")
    bilingual = _text(project / "dist" / SLUG / f"{SLUG}.bilingual.pdf")
    assert "华为" in bilingual and "Huawei" in bilingual


def test_a_draft_release_is_rendered_marked_from_the_gates_kits(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = project / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"
    text = catalog.read_text("utf-8")
    start = text.index('msgstr "', text.index("\nmsgid", text.index("\nmsgid") + 1))
    end = text.index("\n\n", start)
    catalog.write_text(text[:start] + 'msgstr ""' + text[end:], "utf-8")  # one entry untranslated
    made = _count_kits(monkeypatch)
    (result,) = build.build(load(project), draft=True, force=True, jobs=1)
    assert result.draft and sorted(made) == ["en", "zh"]
    assert DRAFT_MARK in _text(project / "dist" / SLUG / f"{SLUG}.en.pdf")


def test_workers_only_where_each_has_two_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "cores", lambda: 2)
    assert build.pool_size(None, 3) == 1  # --format docx: one process
    assert build.pool_size(None, 6) == 2
    assert build.pool_size(None, 1) == 0
    assert build.pool_size(2, 3) == 2  # asked for: as asked, at most one a file
    assert build.pool_size(4, 3) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_face_prepared_ahead_is_the_one_the_pdf_draws_with(
        project: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """A worker converts the kit's fonts while the gates run (issue 27: a first build); the
    PDF must then find them in the cache, not convert them again: same characters, same
    Latin or CJK form, same key."""
    from pressctl.build.plan import plan
    from pressctl.render.pdf import edition, fonts
    from pressctl.render.pdf.font_registry import scoped_fonts

    config = load(project)
    kits: dict[tuple[Path, str], object] = {}
    plan(config, langs=(lang,), formats=("pdf",), kits=kits)  # type: ignore[arg-type]
    (kit,) = kits.values()
    faces = kit.faces  # type: ignore[attr-defined]
    if not fonts.is_cff(faces.regular):
        pytest.skip(f"{faces.regular.path.name} is TrueType already: nothing is converted")
    converted: list[str] = []
    real = fonts.to_truetype

    def counted(font, chars, latin=False, tag=""):  # type: ignore[no-untyped-def]
        converted.append(font.path.name)
        return real(font, chars, latin, tag)

    monkeypatch.setattr(fonts, "to_truetype", counted)
    for face in ("regular", "bold"):
        edition.prepare(kit, face)  # type: ignore[arg-type]
    assert converted == [faces.regular.path.name, faces.bold.path.name]
    with scoped_fonts():  # as a build draws: the subsets leave reportlab's registry after
        pdf = edition.build(kit)  # type: ignore[arg-type]
    assert len(converted) == 2  # both taken from the cache
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf
