"""Nothing of a release is silently lost (issue 21, point 4): every word of every source
block, and of the front matter a kit prints, is found in the PDF (read back with poppler's
``pdftotext``) and in the DOCX (read back with python-docx), for every seed the tests have:
the project's own, ``tests/data``'s and the two templates ``pressctl new`` writes.

Words are compared as counts (each Latin word and number, each Chinese character), so a
dropped paragraph, a truncated cell or a block swallowed by markup fails the test with the
words that are missing; the kit's own wording (headings, footer) only adds words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from pressctl.source.inline import plain
from pressctl.source.read import read
from pressctl.source.release import Release
from tests.conftest import ROOT, copy_project, need
from tests.test_cli import run

docx = pytest.importorskip("docx")

DATA = ROOT / "tests" / "data"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def words(text: str) -> Counter[str]:
    """Latin words and numbers as tokens, each Chinese character on its own."""
    found: Counter[str] = Counter()
    for token in re.findall(r"[^\W_]+", text):
        pieces = re.split(f"({_CJK.pattern})", token)
        found.update(piece.casefold() for piece in pieces if piece)
    return found


def source_words(release: Release) -> Counter[str]:
    """What a reader must find in the kit, as the reader understood it: body blocks (text,
    speakers, credits, cells) and the front matter a kit prints."""
    texts = [release.title, release.subtitle or "", release.dateline or "",
             *release.contact, *release.boilerplate, *(f.label for f in release.facts)]
    for block in release.blocks:
        texts += [block.text, block.speaker or "", block.credit or "",
                  *(cell for row in block.rows for cell in row)]
    total: Counter[str] = Counter()
    for text in texts:
        total += words(plain(text))
    return total


def typed_words(seed: Path) -> Counter[str]:
    """The words of the body as typed, independent of the reader (a reader that swallowed
    a block would lose it from :func:`source_words` too): comments, link destinations and
    list numbers (DOCX numbers its lists itself) are left out, the rest must be printed."""
    text = seed.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    # a comment ends at its first -->, and one left open is not closed by the next one's
    body = re.sub(r"<!--(?:(?!<!--).)*?-->", " ", body, flags=re.DOTALL)
    body = re.sub(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)", "] ", body)
    body = re.sub(r"^\s*\d+[.)]\s", " ", body, flags=re.MULTILINE)
    return words(body)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _projects(tmp: Path) -> list[tuple[Path, str]]:
    """(project folder, slug) for every seed the tests have, each in a project of its own."""
    found = []
    own = copy_project(tmp / "own")
    found += [(own, seed.stem) for seed in sorted((own / "seeds").glob("*.md"))]
    office = tmp / "office"
    shutil.copytree(DATA / "press-office", office)
    found += [(office, seed.stem) for seed in sorted((office / "seeds").glob("*.md"))]
    zh = copy_project(tmp / "zh")
    for seed in sorted((zh / "seeds").glob("*.md")):
        seed.unlink()
    for seed in sorted((DATA / "zh-source").glob("*.md")):
        shutil.copy(seed, zh / "seeds" / seed.name)
        found.append((zh, seed.stem))
    templates = copy_project(tmp / "templates")
    for lang in ("en", "zh"):
        slug = f"template-{lang}"
        done = run("new", slug, "--lang", lang, "--title", f"Template {lang}", cwd=templates)
        assert done.returncode == 0, done.stderr
        found.append((templates, slug))
    return found


def test_every_source_word_is_in_the_pdf_and_the_docx(tmp_path: Path) -> None:
    need("pdftotext")
    lost = {}
    for project, slug in _projects(tmp_path):
        release = read(project / "seeds" / f"{slug}.md", default_lang="en")
        done = run("build", "--draft", "--lang", release.lang, "--jobs", "1", slug, cwd=project)
        assert done.returncode == 0, done.stderr
        folder = project / "dist" / slug
        expected = source_words(release)
        assert sum(expected.values()) > 20, slug  # a seed with words to lose
        typed = typed_words(project / "seeds" / f"{slug}.md")
        expected |= typed  # the larger count of each word
        for kind, text in (("pdf", _pdf_text(folder / f"{slug}.{release.lang}.pdf")),
                           ("docx", _docx_text(folder / f"{slug}.{release.lang}.docx"))):
            missing = expected - words(text)
            if missing:
                lost[f"{slug}.{release.lang}.{kind}"] = dict(missing.most_common(10))
    assert not lost, lost
