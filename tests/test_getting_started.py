"""What a new user reads and sees: translate's JSON statuses and the README that explains them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pressctl.translate.engine import Status
from tests.argos_model import offline_env
from tests.conftest import ROOT
from tests.test_cli import run

LINES = {  # one line of input each, and the (status, needs_review, reviewed) it gets
    "BMW China": ("memory", False, True),
    "Huawei terminals": ("glossary", False, True),  # one whole glossary term: approved
    "BMW + Huawei": ("glossary", True, False),  # assembled from terms: a person checks it
    "press@example.com": ("verbatim", False, False),  # nothing to translate
    "HiCar": ("verbatim", True, False),  # a name kept as written: a person checks it
    "BMW China has a plan.": ("untranslated", True, False),
}


def test_translate_json_says_what_needs_review(project: Path, tmp_path: Path) -> None:
    result = run("translate", "--json", "--memory-only", "--to", "zh",
                 stdin="".join(f"{line}\n" for line in LINES), cwd=project,
                 env=offline_env(tmp_path, tmp_path / "no-models"))
    assert result.returncode == 0, result.stderr
    rows = {r["source"]: (r["status"], r["needs_review"], r["reviewed"])
            for r in json.loads(result.stdout)}
    assert rows == LINES


def _section(heading: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start:end if end > 0 else len(text)]


def test_readme_documents_every_status_translate_json_reports() -> None:
    section = _section("### `pressctl translate`")
    for status in Status:
        assert re.search(rf"^\| `{status.value}` \|", section, re.MULTILINE), status
    assert "`needs_review`" in section and "`reviewed`" in section


def test_readme_documents_the_glossary() -> None:
    section = _section("### The glossary")
    assert "`locales/glossary.csv`" in section
    assert "source,target,note" in section
    assert "BMW Digital Key,BMW数字钥匙," in section  # the example row, as in the real file
    assert "BMW Digital Key,BMW数字钥匙," in (ROOT / "locales" / "glossary.csv").read_text("utf-8")
    for use in ("`glossary` check", "protected", "plural"):
        assert use in section, use
