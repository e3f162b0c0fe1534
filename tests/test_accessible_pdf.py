"""Issue 16: every PDF pressctl writes is a tagged PDF/UA-1 and PDF/A-2u file that reads
in order.

The BMW kit (en, zh, bilingual) and the press-office release (tests/data/press-office: a
list, a table, a photo, links) are built with the command line in throwaway copies of
their projects, then each PDF is checked three ways:

- ``tests/tagged_pdf.problems``: the structural faults page-validation misses (MCIDs
  through the ParentTree, nested marked content, Link/OBJR, list and table shapes);
- page-validation's ``ua1`` and ``2u`` profiles, with no failure;
- the structure tree read back in logical order (``tests/tagged_pdf.outline``): the
  title is the first H1, the list items, the table's TH/TD, the photo's alt text, the
  links, and the bilingual edition's columns in English then Chinese per row — every
  expected string written here by hand from the seed and the reviewed zh catalogs.

Last, a golden snapshot of poppler's ``pdfinfo -struct-text`` for the English BMW kit
(tests/reference/), so that a change of reading order shows up in review; it is written
only by ``python -m tests.update_references``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, need
from tests.tagged_pdf import Element, elements, problems
from tests.test_cli import run

BMW = "bmw-huawei-harmonyos"
OFFICE = "nordwind-leipzig-recycling"
PRESS_OFFICE = ROOT / "tests" / "data" / "press-office"
EDITIONS = ("en", "zh", "bilingual")
PDFS = [f"{slug}.{edition}" for slug in (BMW, OFFICE) for edition in EDITIONS]
STRUCT_TEXT = ROOT / "tests" / "reference" / f"struct-text.{BMW}.en.txt"

# by hand, from the seeds and the reviewed zh catalogs
TITLES = {
    BMW: ("BMW to Deeply Integrate with the Harmony Ecosystem in China",
          "宝马将在中国深度融入鸿蒙生态"),
    OFFICE: ("Nordwind Energy Opens Battery Recycling Plant in Leipzig",
             "北风能源在莱比锡开设电池回收工厂"),
}
LIST_ITEMS = {
    "en": ["95 percent of the lithium recovered",
           "12,000 tonnes of batteries a year, from three carmakers",
           "cells from electric cars", "cells from home storage", "240 new jobs in Leipzig",
           "It is discharged and taken apart.", "The cells are shredded into black mass.",
           "Lithium, nickel and cobalt are recovered from it."],
    "zh": ["回收95%的锂", "每年处理来自三家汽车制造商的12,000吨电池", "电动汽车电芯",
           "家用储能电芯", "在莱比锡新增240个就业岗位", "放电并拆解。", "将电芯粉碎成黑粉。",
           "从中回收锂、镍和钴。"],
}
PHOTO_ALT = {"en": "The Nordwind recycling plant in Leipzig-Nord",
             "zh": "位于莱比锡北区的北风回收工厂"}
TABLE_HEADERS = {"en": ["Figure", "2025", "2030 target", "Status"],
                 "zh": ["指标", "2025", "2030年目标", "进展"]}
LINKS = {"en": ["Nordwind media site", "https://nordwind.example/report", "hiring"],
         "zh": ["北风媒体网站", "https://nordwind.example/report", "招聘中"]}
KICKERS = ("For immediate release", "即时发布")
FACT_LABEL = {"en": "Total revenue", "zh": "总营收"}


def _languages(edition: str) -> tuple[str, ...]:
    return ("en", "zh") if edition == "bilingual" else (edition,)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both projects built once with the command line: ``slug.edition`` → its PDF."""
    bmw = copy_project(tmp_path_factory.mktemp("bmw") / "project")
    office = tmp_path_factory.mktemp("press-office") / "project"
    shutil.copytree(PRESS_OFFICE, office)
    for project in (bmw, office):
        done = run("build", cwd=project)
        assert done.returncode == 0, done.stderr
    found = {}
    for name in PDFS:
        slug = name.split(".")[0]
        project = bmw if slug == BMW else office
        found[name] = project / "dist" / slug / f"{name}.pdf"
        assert found[name].is_file(), found[name]
    return found


@pytest.fixture(scope="module")
def trees(pdfs: dict[str, Path]) -> dict[str, list[Element]]:
    return {name: elements(path) for name, path in pdfs.items()}


def _role(tree: list[Element], role: str) -> list[Element]:
    return [e for e in tree if e.role == role]


# ---------------------------------------------------------------- validity


@pytest.mark.parametrize("name", PDFS)
def test_no_structural_problem(pdfs: dict[str, Path], name: str) -> None:
    assert problems(pdfs[name]) == []


@pytest.mark.parametrize("profile", ["ua1", "2u"])
@pytest.mark.parametrize("name", PDFS)
def test_page_validation_passes(pdfs: dict[str, Path], name: str, profile: str) -> None:
    import page

    report = page.validate_pdf(str(pdfs[name]), profile=profile)
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


# ---------------------------------------------------------------- what the tree says


@pytest.mark.parametrize("name", PDFS)
def test_the_title_is_the_first_heading_and_an_h1(trees: dict[str, list[Element]],
                                                  name: str) -> None:
    """Nothing but the kicker line printed above it is read before the title."""
    slug, edition = name.split(".")
    tree = trees[name]
    first = next(i for i, e in enumerate(tree) if e.role.startswith("H"))
    title = TITLES[slug][1] if edition == "zh" else TITLES[slug][0]
    if edition == "bilingual":  # one H1, the title in both languages (a Span each)
        title = TITLES[slug][0] + TITLES[slug][1]
        assert [kid.text for kid in tree[first].children] == list(TITLES[slug])
    assert (tree[first].role, tree[first].text) == ("H1", title)
    before = [e.text for e in tree[1:first] if not e.children and e.text]
    rest = " ".join(before)
    for kicker in KICKERS:  # one line, or one per language in the bilingual edition
        rest = rest.replace(kicker, "")
    assert not rest.strip(), before
    headings = [e.text for e in _role(tree, "H1")]
    assert len(headings) == 1
    for language in _languages(edition):
        assert TITLES[slug][language == "zh"] in headings[0]


@pytest.mark.parametrize("name", [n for n in PDFS if n.startswith(OFFICE)])  # BMW has none
def test_every_list_item_is_an_li(trees: dict[str, list[Element]], name: str) -> None:
    edition = name.split(".")[1]
    items = _role(trees[name], "LI")
    assert len(items) == 8 * len(_languages(edition))
    for language in _languages(edition):
        for text in LIST_ITEMS[language]:
            assert any(text in item.text for item in items), (text, [i.text for i in items])
    assert all(e.children and {c.role for c in e.children} <= {"Lbl", "LBody"} for e in items)


@pytest.mark.parametrize("name", PDFS)
def test_tables_have_header_and_data_cells(trees: dict[str, list[Element]],
                                          name: str) -> None:
    slug, edition = name.split(".")
    tree = trees[name]
    assert _role(tree, "Table")
    headers = [e.text for e in _role(tree, "TH")]
    cells = [e.text for e in _role(tree, "TD")] + headers
    assert _role(tree, "TD")
    for language in _languages(edition):
        if slug == OFFICE:
            for header in TABLE_HEADERS[language]:
                assert header in headers, (header, headers)
            assert "12,000" in cells
        else:  # the key figures: a label per row
            assert any(FACT_LABEL[language] in cell for cell in cells), cells


# the bilingual edition prints the key figures as rows, no chart: BMW's has no figure
@pytest.mark.parametrize("name", [n for n in PDFS if n != f"{BMW}.bilingual"])
def test_figures_carry_the_alt_text(trees: dict[str, list[Element]], name: str) -> None:
    slug, edition = name.split(".")
    alts = [e.alt or "" for e in _role(trees[name], "Figure")]
    assert alts
    if slug == OFFICE:  # the photo: its alt text (the caption's words) in the edition's language
        wanted = PHOTO_ALT[_languages(edition)[0]]
        assert any(wanted in alt for alt in alts), alts
    else:  # the chart's alt text states its figures
        assert any(any(ch.isdigit() for ch in alt) for alt in alts), alts


@pytest.mark.parametrize("name", [n for n in PDFS if n.startswith(OFFICE)])
def test_links_are_link_elements_with_their_text(trees: dict[str, list[Element]],
                                                  name: str) -> None:
    edition = name.split(".")[1]
    links = _role(trees[name], "Link")
    texts = [e.text for e in links]
    for language in _languages(edition):
        for text in LINKS[language]:
            assert any(text in t for t in texts), (text, texts)
    assert all(e.annotations for e in links)  # each holds the OBJR of its annotation(s)


@pytest.mark.parametrize("slug", [BMW, OFFICE])
def test_the_bilingual_columns_carry_their_language_row_by_row(
        trees: dict[str, list[Element]], slug: str) -> None:
    """The outermost elements with a /Lang read English then Chinese, row after row."""
    def outermost(e: Element) -> bool:
        parent = e.parent
        while parent is not None:
            if parent.lang and parent.role != "Document":
                return False
            parent = parent.parent
        return True

    def title_span(e: Element) -> bool:  # the one H1 holds a Span per language
        return e.role == "Span" and e.parent is not None and e.parent.role == "H1"

    columns = [e for e in trees[f"{slug}.bilingual"]
               if e.lang and (e.role not in ("Span", "Document") or title_span(e))
               and outermost(e)]
    languages = [e.lang.split("-")[0].lower() for e in columns if e.lang]
    assert len(languages) >= 10, languages  # the title row and the body rows at least
    assert languages == ["en", "zh"] * (len(languages) // 2), languages
    # the title: one H1, whose Spans are the outermost elements with a /Lang
    first = next(i for i, e in enumerate(columns) if e.parent and e.parent.role == "H1")
    assert TITLES[slug][0] in columns[first].text and TITLES[slug][1] in columns[first + 1].text
    assert len([e for e in trees[f"{slug}.bilingual"] if e.role == "H1"]) == 1


# ---------------------------------------------------------------- the reading order, for review


def struct_text(pdf: Path) -> str:
    """poppler's reading of the structure tree with its text."""
    done = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_the_bmw_reading_order_matches_the_reviewed_snapshot(pdfs: dict[str, Path]) -> None:
    need("pdfinfo")
    if not STRUCT_TEXT.exists():
        pytest.skip(f"no {STRUCT_TEXT.relative_to(ROOT)} yet: once the kit is tagged, run "
                    "`.venv/bin/python -m tests.update_references`, read it, commit it")
    assert struct_text(pdfs[f"{BMW}.en"]) == STRUCT_TEXT.read_text(encoding="utf-8")


@pytest.mark.parametrize("markdown", ["![](images/leipzig-plant.jpg)",
                                      '![ ](images/leipzig-plant.jpg "Photo: Nordwind")'])
def test_a_picture_without_alt_text_is_refused_with_its_line(tmp_path: Path,
                                                             markdown: str) -> None:
    """The alt text is the picture's caption and its Figure /Alt; without one the PDF
    would fail PDF/UA-1 (a Figure needs /Alt) and a screen reader would skip the photo."""
    shutil.copytree(PRESS_OFFICE, tmp_path, dirs_exist_ok=True)
    seed = tmp_path / "seeds" / f"{OFFICE}.md"
    text = seed.read_text()
    old = ('![The Nordwind recycling plant in Leipzig-Nord](images/leipzig-plant.jpg '
           '"Photo: Nordwind Energy / J. Keller")')
    line = text[:text.index(old)].count("\n") + 1
    seed.write_text(text.replace(old, markdown))
    done = run("build", "--draft", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert (f"seeds/{OFFICE}.md:{line}: figure 'images/leipzig-plant.jpg' has no alt text"
            in done.stderr)
    assert "Traceback" not in done.stderr and not (tmp_path / "dist").exists()
