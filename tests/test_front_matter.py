"""Seed front matter: a field pressctl does not know is refused, not silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressctl.core.errors import PressctlError
from pressctl.source.read import read
from tests.test_build import SEED
from tests.test_cli import run

HEADER = "---\ntitle: T\ndate: 2025-01-01\nlang: en\norganisation: O\n"


@pytest.mark.parametrize(
    ("extra", "message", "line"),
    [
        ("subtitel: Big news\n",
         "unknown field 'subtitel' in the front matter (did you mean 'subtitle'?)", 6),
        ("contacts: [Press office]\n",
         "unknown field 'contacts' in the front matter (did you mean 'contact'?)", 6),
        ("author: Jane Doe\n", "unknown field 'author' in the front matter", 6),
        ("facts:\n  - label: Revenue\n    value: 3\n    unit: EUR\n    qualifer: about\n",
         "unknown fact field 'qualifer' in the front matter (did you mean 'qualifier'?)", 10),
    ],
)
def test_an_unknown_field_names_its_line_and_the_field_meant(
        tmp_path: Path, extra: str, message: str, line: int) -> None:
    path = tmp_path / "seed.md"
    path.write_text(HEADER + extra + "---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(PressctlError) as info:
        read(path)
    assert info.value.message == message
    assert (info.value.path, info.value.line, info.value.exit_code) == (path, line, 2)


def test_every_documented_field_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "seed.md"
    path.write_text(HEADER + "subtitle: S\ndateline: Beijing\ncontact: [A, B]\n"
                    "boilerplate: About\nkeywords: [K]\nfacts:\n  - label: L\n    value: 1\n"
                    "    unit: EUR\n    period: 2024\n    qualifier: about\n---\n\nBody.\n",
                    encoding="utf-8")
    release = read(path)
    assert (release.subtitle, release.dateline, release.contact) == ("S", "Beijing", ("A", "B"))
    assert release.facts[0].qualifier == "about" and release.facts[0].period == "2024"


def test_build_refuses_a_misspelt_field(project: Path) -> None:
    seed = project / SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace("\nsubtitle:", "\nsubtitel:", 1),
                    encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {SEED}:3: unknown field 'subtitel' in the front matter "
        "(did you mean 'subtitle'?)")
    assert not (project / "dist").exists()
