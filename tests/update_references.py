"""Redraw the visual regression references (``tests/reference/pdf-page1.<lang>.png``) and
the reading-order snapshot of the English BMW kit (``tests/reference/struct-text.…en.txt``,
poppler's ``pdfinfo -struct-text``; written only once the kit is tagged, issue 16).

A separate, explicit command so that the test itself can only compare::

    .venv/bin/python -m tests.update_references

Run it after a deliberate layout or tagging change, look at the new images and read the
new reading order, and commit them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from pressctl.core.config import load
from pressctl.kit.make import make_kit
from pressctl.render import renderer
from pressctl.source.read import read
from tests.conftest import ROOT, SEED, copy_project
from tests.tagged_pdf import problems
from tests.test_accessible_pdf import BMW, STRUCT_TEXT, struct_text
from tests.test_pdf import REFERENCES, _page_image


def main() -> int:
    config, release = load(ROOT), read(SEED)
    REFERENCES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for lang in ("en", "zh"):
            pdf = Path(folder) / f"kit.{lang}.pdf"
            renderer("pdf").render(make_kit(config, release, lang), pdf)
            image = _page_image(pdf, Path(folder) / f"page1-{lang}")
            target = REFERENCES / f"pdf-page1.{lang}.png"
            target.write_bytes(image.read_bytes())
            print(f"wrote {target.relative_to(ROOT)}")
        _struct_text(Path(folder))
    return 0


def _struct_text(folder: Path) -> None:
    """The English BMW kit as ``pressctl build`` writes it, read back by poppler."""
    project = copy_project(folder / "project")
    subprocess.run([sys.executable, "-m", "pressctl", "build"], cwd=project, check=True,
                   capture_output=True)
    pdf = project / "dist" / BMW / f"{BMW}.en.pdf"
    if any("untagged" in line for line in problems(pdf)):
        print(f"skipped {STRUCT_TEXT.relative_to(ROOT)}: the kit is not tagged yet (issue 16)")
        return
    STRUCT_TEXT.write_text(struct_text(pdf), encoding="utf-8")
    print(f"wrote {STRUCT_TEXT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
