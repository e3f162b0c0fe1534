"""The benchmark (tests/bench/run.py) still runs: a quick pass on tiny inputs.

The full benchmark (Transformer-base-sized model, 200-page release, 100
releases, Pandoc and LibreOffice baselines; about 20 minutes) is marked
``bench`` and excluded by default: ``.venv/bin/python -m pytest -m bench``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.run import argos_translate_missing
from tests.conftest import ROOT

RUN = ROOT / "tests" / "bench" / "run.py"
MEASURES = (
    "Kit build, the 4 files",
    "Kit build as users run it",
    "`pressctl build --force --jobs 2`",
    "DOCX only",
    "PDF only",
    "No-op rebuild",
    "Incremental rebuild",
    "First build with an empty cache",
    "Scale: one release of",
    "Scale: 2 generated releases, `build --force --jobs 1`",
    "Scale: 2 generated releases, `--jobs 2` against `--jobs 1`",
    "Start-up: `python -c pass`",
    "Start-up: `pressctl --help`",
    "Start-up: `pressctl catalog stats`",
    "Machine translation, 8 segments",
    "Machine translation end to end",
)


def _rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith(("| measure", "| ---")):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows[cells[0]] = cells
    return rows


def _row(rows: dict[str, list[str]], start: str) -> list[str]:
    found = [cells for name, cells in rows.items() if name.startswith(start) or start in name]
    assert found, f"no row for {start!r} in {list(rows)}"
    return found[0]


def _seconds(cell: str) -> float:
    match = re.match(r"([\d.]+) s\b", cell)
    assert match, f"not a time: {cell!r}"
    return float(match.group(1))


PUBLISHED = ROOT / "tests" / "bench" / "RESULTS.md"


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes | None]:
    """One quick benchmark run: its table, and RESULTS.md as it was before the run."""
    output = tmp_path_factory.mktemp("bench") / "results.md"
    before = PUBLISHED.read_bytes() if PUBLISHED.exists() else None
    done = subprocess.run([sys.executable, str(RUN), "--quick", "--output", str(output)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    text = output.read_text("utf-8")
    assert text.strip() in done.stdout
    return text, before


@pytest.mark.slow
def test_quick_benchmark_prints_every_measure(quick: tuple[str, bytes | None]) -> None:
    text, before = quick
    rows = _rows(text.split("### Machine")[0])
    assert not [name for name in rows if "FAILED" in name], text
    for measure in MEASURES:
        _row(rows, measure)
    for measure in MEASURES[:11] + MEASURES[12:14]:
        assert 0.0 < _seconds(_row(rows, measure)[1]) < 120, measure
    assert 0.0 < _seconds(_row(rows, "Start-up: `python -c pass`")[1]) < 5
    assert "files rebuilt: 0" in _row(rows, "No-op rebuild")[3]
    assert "files rebuilt: 4 of 6" in _row(rows, "Incremental rebuild")[3]
    assert "files built: 6;" in _row(rows, "First build with an empty cache")[3]
    for measure in ("Kit build as users run it", "Scale: one release of",
                    "Scale: 2 generated releases, `build --force"):
        peak = re.search(r"peak (\d+) MB", _row(rows, measure)[3])
        assert peak and 10 < int(peak.group(1)) < 4000, measure
    rate = _row(rows, "Machine translation, 8 segments")
    assert float(rate[1].split()[0]) > 0
    assert "no attempt logged" in text  # the machine-translation runs never touched the network
    for heading in ("### Machine", "### Scale", "### Machine translation set-up",
                    "### Issue 27's goals", "### Profile of a full build"):
        assert heading in text
    assert re.search(r"\| CPU \| .+, \d+ cores \|", text)
    # a quick run never replaces the published results
    assert (PUBLISHED.read_bytes() if PUBLISHED.exists() else None) == before


@pytest.mark.slow
def test_quick_benchmark_measures_the_argostranslate_baseline(
        quick: tuple[str, bytes | None]) -> None:
    """The baseline calls argostranslate's own translate(), which the light install lacks."""
    missing = argos_translate_missing()
    rows = _rows(quick[0].split("### Machine")[0])
    rate = _row(rows, "Machine translation, 8 segments")
    end_to_end = _row(rows, "Machine translation end to end")
    if missing:
        assert rate[2] == end_to_end[2] == f"– (light install: no {', '.join(missing)})"
        pytest.skip(f"light install: argostranslate.translate needs {', '.join(missing)}")
    assert float(rate[2].split()[0]) > 0
    assert _seconds(end_to_end[2]) > 0


@pytest.mark.bench
def test_full_benchmark(tmp_path: Path) -> None:
    """The whole benchmark; writes its table to a temporary file (RESULTS.md is curated)."""
    output = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(RUN), "--output", str(output)], cwd=ROOT,
                          capture_output=True, text=True, timeout=3 * 3600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = _rows(output.read_text("utf-8").split("### Machine")[0])
    for measure in MEASURES:
        _row(rows, measure.replace("8 segments", "128 segments").replace("2 releases",
                                                                        "100 releases"))
