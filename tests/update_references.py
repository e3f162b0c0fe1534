"""Redraw the visual regression references (``tests/reference/pdf-page1.<lang>.png``).

A separate, explicit command so that the test itself can only compare::

    .venv/bin/python -m tests.update_references

Run it after a deliberate layout change, look at the new images, and commit them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from pressctl.build import make_kit
from pressctl.config import load
from pressctl.read import read
from pressctl.render.pdf import render
from tests.conftest import ROOT, SEED
from tests.test_pdf import REFERENCES, _page_image


def main() -> int:
    config, release = load(ROOT), read(SEED)
    REFERENCES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for lang in ("en", "zh"):
            pdf = Path(folder) / f"kit.{lang}.pdf"
            render(make_kit(config, release, lang), pdf)
            image = _page_image(pdf, Path(folder) / f"page1-{lang}")
            target = REFERENCES / f"pdf-page1.{lang}.png"
            target.write_bytes(image.read_bytes())
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
