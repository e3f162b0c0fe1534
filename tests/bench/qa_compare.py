"""pressctl's figure checks against Translate Toolkit's pofilter, on the same catalogs.

    .venv/bin/python tests/bench/qa_compare.py   # needs pofilter: pip install -e ".[bench]"

For each reviewed catalog (the BMW release and the three of tests/data/amounts)
it counts the entries each tool flags — every flag on a reviewed catalog is a
false alarm — and for each single-edit mutation of tests/test_qa_amounts.py it
asks whether the tool flags the edited entry where it did not flag the reviewed
one (a catch) or not (a miss).  pofilter runs as a process on a PO file, with the
filters that concern figures (``-t numbers``) and, separately, with all its default
filters; pressctl runs the QA it runs in ``pressctl qa`` (figure checks only).
Prints a Markdown table.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.test_qa_amounts import AMOUNT_CHECKS, CATALOGS, MUTATIONS, qa  # noqa: E402

FLAG = re.compile(r"^# \(pofilter\) (?P<check>[\w-]+):", re.MULTILINE)


def pofilter() -> str:
    found = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if not Path(found).exists():
        sys.exit("pofilter not found: pip install translate-toolkit")
    return found


def flagged(path: Path, tests: list[str]) -> dict[str, set[str]]:
    """msgid → pofilter checks that flag it."""
    args = [pofilter(), "--nofuzzy", "--progress=none"]
    for test in tests:
        args += ["-t", test]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.po"
        subprocess.run([*args, str(path), str(out)], check=True, capture_output=True)
        result: dict[str, set[str]] = {}
        for entry in polib.pofile(str(out)):
            checks = set(FLAG.findall(entry.tcomment or "") or
                         re.findall(r"\(pofilter\) ([\w-]+):", entry.tcomment or ""))
            if entry.msgid:
                result[entry.msgid] = checks
        return result


def ours(name: str, po: polib.POFile | None = None) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for problem in qa(name, po):
        if problem.check in AMOUNT_CHECKS:
            result.setdefault(problem.msgid, set()).add(f"{problem.check} ({problem.severity})")
    return result


def main() -> None:
    rows = ["| catalog | entries | pofilter -t numbers: flagged (false alarms) "
            "| pofilter, all default filters | pressctl figure checks |",
            "| --- | ---: | ---: | ---: | ---: |"]
    baseline: dict[str, dict[str, set[str]]] = {}
    for name, spec in CATALOGS.items():
        numbers = flagged(spec.path, ["numbers"])
        every = flagged(spec.path, [])
        baseline[name] = numbers
        counted = Counter(c for checks in every.values() for c in checks)
        rows.append(f"| {spec.path.name} | {len(polib.pofile(str(spec.path)))} | "
                    f"{len(numbers)} | {len(every)} entries "
                    f"({', '.join(f'{c} {n}' for c, n in counted.most_common())}) | "
                    f"{len(ours(name))} |")
    print("\n".join(rows))
    caught = {"pofilter": Counter(), "pressctl": Counter(), "flagged": Counter()}
    total: Counter[str] = Counter()
    missed: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, old, new, check, _ in MUTATIONS:
            po = polib.pofile(str(CATALOGS[name].path))
            entry = next(e for e in po if old in e.msgstr)
            entry.msgstr = entry.msgstr.replace(old, new, 1)
            path = Path(folder) / f"{name}.po"
            po.save(str(path))
            total[check] += 1
            theirs = flagged(path, ["numbers"]).get(entry.msgid, set())
            caught["flagged"][check] += bool(theirs)
            if theirs and entry.msgid not in baseline[name]:
                caught["pofilter"][check] += 1
            else:
                missed.append(f"{name}: {old} → {new} ({check})")
            if check in {c.split(" ")[0] for c in ours(name, po).get(entry.msgid, set())}:
                caught["pressctl"][check] += 1
    print()
    print("| mutation kind | mutations | pofilter -t numbers catches (entry flagged, and not "
          "when reviewed) | pofilter flags the entry at all | pressctl catches (right check) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for check, count in sorted(total.items()):
        print(f"| {check} | {count} | {caught['pofilter'][check]} | {caught['flagged'][check]} "
              f"| {caught['pressctl'][check]} |")
    print(f"| all | {sum(total.values())} | {sum(caught['pofilter'].values())} | "
          f"{sum(caught['flagged'].values())} | {sum(caught['pressctl'].values())} |")
    print("\npofilter misses:\n" + "\n".join(f"- {m}" for m in missed))


if __name__ == "__main__":
    main()
