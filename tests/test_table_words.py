"""A Latin word in a narrow table cell is never cut without a hyphen (issue 23).

The ferry release (tests/data/own/ferry: a Chinese original with a four-column
route table, translated by hand) in the bilingual edition, where each language
gets half the page: "Xiamen–Gulangyu" used to come out as "Xiamen–Gulangy" / "u".
Columns are now measured with the font, a word reportlab cannot hyphenate
keeps its column wide enough, and the others are hyphenated by pyphen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, need
from tests.test_cli import run

DATA = ROOT / "tests" / "data" / "own" / "ferry"


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ferry")
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(DATA / "ferry.md", root / "seeds" / "ferry.md")
    catalog = root / "locales" / "en" / "LC_MESSAGES" / "ferry.po"
    catalog.parent.mkdir(parents=True)
    shutil.copy(DATA / "ferry.en.po", catalog)
    # --draft: a false QA alarm (八分钟) must not hide the typesetting from this test
    result = run("build", "--format", "pdf", "--draft", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_no_word_of_the_english_table_is_cut_bare(ferry: Path) -> None:
    need("pdftotext")
    text = subprocess.run(["pdftotext", "-raw", str(ferry / "dist/ferry/ferry.bilingual.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    vocabulary = {word for entry in polib.pofile(str(DATA / "ferry.en.po"))
                  for word in re.findall(r"[A-Za-z]+", entry.msgstr)}
    joined = re.sub(r"([A-Za-z])-\n([a-z])", r"\1\2", text)  # a hyphenated word, made whole
    words = set(re.findall(r"[A-Za-z]+", joined))
    kit = {"English", "For", "immediate", "release", "Press", "November", "Page", "of"}
    cut = sorted(words - vocabulary - kit)
    assert "Xiamen–Gulangyu" in text
    assert cut == [], f"words cut without a hyphen: {cut}"
