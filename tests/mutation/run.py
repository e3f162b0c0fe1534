"""Mutation check: small deliberate changes to the modules that carry the README's
promises, each run against a fast subset of the tests; a mutant no test notices is a
gap in the suite (or an equivalent change) and is listed in the report.

    nice .venv/bin/python -m tests.mutation.run --report tests/mutation/REPORT.md  # ~25 min
    .venv/bin/python -m tests.mutation.run --module kit --max 5  # a quick look at one module

Each mutant is one change, made by rewriting the module's syntax tree: a comparison
flipped (== ↔ !=, < ↔ >=, in ↔ not in …), a number changed (n → n + 1), a condition
negated, and/or swapped, True ↔ False, one element dropped from a set, list or tuple
literal or from a ``frozenset("…")`` of characters.  Mutants are drawn with a fixed
seed (``--max`` per module, 0 for all), made in a private copy of the project
(``tests/mutation/sandbox.py``, never in the working tree), and killed when a test
fails, errors or times out.  No extra packages: mutmut 3 cannot run a test subset
per module against a copied tree the way these tests start ``python -m pressctl``
subprocesses.
"""

from __future__ import annotations

import argparse
import ast
import copy as copying
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.mutation.sandbox import ROOT, make_copy, run_tests

INC = "tests/test_incremental.py::test_an_edit_rebuilds_exactly_the_files_that_depend_on_it"
PROM = "tests/test_promises.py::"
#: module → (functions to mutate, or () for the whole module; the tests that guard it)
TARGETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pressctl/build/keys.py": (("input_key", "up_to_date"), (
        f"{INC}[seed]", f"{INC}[kit-wording]", f"{INC}[hand-edited-output]",
        f"{INC}[en-font]", f"{INC}[deleted-output]")),
    "pressctl/build/run.py": (("_nothing_to_do",), (
        f"{INC}[seed]", f"{INC}[kit-wording]", f"{INC}[hand-edited-output]",
        f"{INC}[en-font]", f"{INC}[deleted-output]")),
    "pressctl/write/manifest.py": (("entries",), (
        f"{INC}[hand-edited-output]", f"{INC}[deleted-output]")),
    "pressctl/core/atomic.py": ((), (
        "tests/test_incremental.py::test_a_build_killed_while_the_new_file_waits_leaves_the_old_one",
        "tests/test_incremental.py::test_outputs_are_never_opened_for_writing_in_place",
        "tests/test_build.py::test_check_reports_stale_and_missing_files_and_writes_nothing",
        "tests/test_incremental.py::test_outputs_are_readable_by_everyone",
        "tests/test_incremental.py::test_a_full_or_read_only_disk_is_one_message_and_no_leftover",
        "tests/test_incremental.py::test_other_write_errors_are_not_disguised_as_a_full_disk")),
    "pressctl/qa/numbers.py": ((), (
        "tests/test_qa_numbers.py", f"{PROM}test_numbers_check_reads_approximate_chinese_figures",
        f"{PROM}test_numbers_check_catches_wrong_approximate_figures",
        f"{PROM}test_numbers_check_reads_periods_and_ignores_the_verb_march",
        f"{PROM}test_numbers_check_catches_a_changed_period_or_date")),
    "pressctl/qa/glossary_check.py": ((), ("tests/test_qa.py", "tests/test_promises.py", "-k",
                                           "glossary")),
    "pressctl/catalogs/catalog.py": (("merge", "update", "counts", "is_reviewed", "reviewed"), (
        "tests/test_catalog.py",
        "tests/test_cli.py::test_catalog_update_adds_new_sentences_and_stats_counts_them",
        f"{PROM}test_merge_keeps_the_templates_flags_and_the_translators")),
    "pressctl/kit/__init__.py": ((), (
        f"{PROM}test_fact_sheet_rows_are_cldr_figures_with_their_qualifiers",
        f"{PROM}test_chinese_figures_are_written_out_by_hand",
        f"{PROM}test_dates_are_cldr_long_dates_on_every_page",
        f"{PROM}test_bilingual_edition_shows_both_long_dates",
        f"{PROM}test_pull_quote_is_the_quotation_with_a_full_stop_and_its_speaker",
        f"{PROM}test_quoted_text_takes_the_words_inside_the_first_quotation")),
    "pressctl/render/pdf/linebreak.py": ((), (
        f"{PROM}test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one",
        "tests/test_pdf.py::test_chinese_line_breaking_rules",
        "tests/test_pdf.py::test_reportlab_alone_would_break_these_rules",
        "tests/test_pdf.py::test_every_segment_is_in_the_text")),
    "pressctl/translate/machine.py": (("ArgosEngine",), (
        f"{PROM}test_the_argos_target_prefix_reaches_the_model",
        "tests/test_translate.py::test_target_prefix_is_used_and_stripped",
        "tests/test_translate.py::test_seed_through_the_real_model_loads_once_one_batch_offline")),
}

#: module → the wider tests a survivor of the fast subset is tried against (``--recheck``)
BROAD: dict[str, tuple[str, ...]] = {
    "pressctl/build/keys.py": ("tests/test_incremental.py", "tests/test_build.py",
                               "-m", "not slow"),
    "pressctl/build/run.py": ("tests/test_incremental.py", "tests/test_build.py", "-m", "not slow"),
    "pressctl/write/manifest.py": ("tests/test_incremental.py", "tests/test_build.py",
                                   "-m", "not slow"),
    "pressctl/core/atomic.py": ("tests/test_incremental.py", "tests/test_build.py",
                                 "-m", "not slow"),
    "pressctl/qa/numbers.py": ("tests/test_qa_numbers.py", "tests/test_qa.py",
                               "tests/test_promises.py"),
    "pressctl/qa/glossary_check.py": ("tests/test_qa.py", "tests/test_build.py", "-k",
                                      "glossary or qa or gate"),
    "pressctl/catalogs/catalog.py": ("tests/test_catalog.py", "tests/test_cli.py",
                                     "tests/test_qa.py",
                            "tests/test_translate.py"),
    "pressctl/kit/__init__.py": ("tests/test_promises.py", "tests/test_pdf.py",
                                 "tests/test_docx.py",
                        "tests/test_cli.py", "tests/test_catalog.py", "-m", "not slow"),
    "pressctl/render/pdf/linebreak.py": ("tests/test_pdf.py", "tests/test_promises.py",
                                    "tests/test_properties.py"),
    "pressctl/translate/machine.py": ("tests/test_translate.py", "tests/test_promises.py", "-k",
                            "model or prefix or machine or engine"),
}
#: fewer mutants where each costs whole builds (seconds of CPU per test)
CAPS = {"pressctl/build/keys.py": 6, "pressctl/build/run.py": 2,
        "pressctl/write/manifest.py": 2, "pressctl/core/atomic.py": 12,
        "pressctl/translate/machine.py": 10}

FLIP: dict[type, type] = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
    ast.LtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    what: str
    index: int  # which mutation point of the module, in tree-walk order


def _in_scope(tree: ast.Module, functions: tuple[str, ...]) -> set[int]:
    """ids of the nodes to mutate: inside the named functions/classes, or everywhere."""
    roots: list[ast.AST] = [tree] if not functions else [
        node for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in functions]
    return {id(node) for root in roots for node in ast.walk(root)}


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _points(tree: ast.Module, scope: set[int]) -> list[tuple[ast.AST, str, str]]:
    """Every (node, kind, description) that can be mutated, in a stable order."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):  # annotations and f-strings are not behaviour
        if isinstance(node, (ast.AnnAssign, ast.arg)) and node.annotation is not None:
            skip |= {id(n) for n in ast.walk(node.annotation)}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            skip |= {id(n) for n in ast.walk(node.returns)}
        if isinstance(node, ast.JoinedStr):
            skip |= {id(n) for n in ast.walk(node)}
    points: list[tuple[ast.AST, str, str]] = []
    for node in ast.walk(tree):
        if id(node) not in scope or id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in FLIP:
                    points.append((node, f"cmp{i}", f"{_op(op)} → {_op(FLIP[type(op)]())}"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            points.append((node, "bool", f"{node.value} → {not node.value}"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            points.append((node, "num", f"{node.value!r} → {node.value + 1!r}"))
        elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
            points.append((node, "not", "condition negated"))
        elif isinstance(node, ast.BoolOp):
            new = "or" if isinstance(node.op, ast.And) else "and"
            points.append((node, "boolop", f"{_op(node.op)} → {new}"))
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple)) and len(node.elts) > 1 \
                and isinstance(node.ctx if hasattr(node, "ctx") else ast.Load(), ast.Load):
            points.append((node, "drop0", "first element dropped"))
            points.append((node, "drop-1", "last element dropped"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("frozenset", "set") and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value,
                                                                           str):
            chars = node.args[0].value
            for i in sorted({0, len(chars) // 2, len(chars) - 1}):
                points.append((node, f"char{i}", f"{chars[i]!r} dropped from the set"))
    return points


def _op(op: ast.AST) -> str:
    return {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.GtE: ">=", ast.Gt: ">",
            ast.LtE: "<=", ast.In: "in", ast.NotIn: "not in", ast.Is: "is",
            ast.IsNot: "is not", ast.And: "and", ast.Or: "or"}[type(op)]


def _apply(node: ast.AST, kind: str) -> None:
    if kind.startswith("cmp"):
        i = int(kind[3:])
        node.ops[i] = FLIP[type(node.ops[i])]()  # type: ignore[attr-defined]
    elif kind == "bool":
        node.value = not node.value  # type: ignore[attr-defined]
    elif kind == "num":
        node.value = node.value + 1  # type: ignore[attr-defined]
    elif kind == "not":
        node.test = ast.UnaryOp(ast.Not(), node.test)  # type: ignore[attr-defined]
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()  # type: ignore
    elif kind.startswith("drop"):
        del node.elts[0 if kind == "drop0" else -1]  # type: ignore[attr-defined]
    elif kind.startswith("char"):
        i = int(kind[4:])
        text = node.args[0].value  # type: ignore[attr-defined]
        node.args[0].value = text[:i] + text[i + 1:]  # type: ignore[attr-defined]


def mutants(file: str, functions: tuple[str, ...]) -> list[Mutant]:
    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    return [Mutant(file, getattr(node, "lineno", 0), what, i)
            for i, (node, _kind, what) in enumerate(_points(tree, _in_scope(tree, functions)))]


def mutated_source(file: str, functions: tuple[str, ...], index: int) -> str:
    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    node, kind, _ = _points(tree, _in_scope(tree, functions))[index]
    _apply(node, kind)
    return ast.unparse(ast.fix_missing_locations(copying.deepcopy(tree)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", default=[],
                        help="only modules whose path contains this (repeatable)")
    parser.add_argument("--max", type=int, default=25,
                        help="mutants per module (0: all; build, write and machine get fewer)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--report", type=Path, default=None,
                        help="write the Markdown report here (default: print it)")
    parser.add_argument("--recheck", type=Path, default=None,
                        help="a log of a run (its standard error): try each SURVIVED mutant "
                             "against the module's wider tests (BROAD) and report the result")
    args = parser.parse_args(argv)
    if args.recheck:
        return recheck(args.recheck, args.report)
    targets = {f: t for f, t in TARGETS.items()
               if not args.module or any(m in f for m in args.module)}
    rows: list[str] = []
    survivors: list[str] = []
    totals = {"mutants": 0, "killed": 0, "timeouts": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pressctl-mutation-") as folder:
        copy = make_copy(Path(folder))
        for file, (functions, tests) in targets.items():
            clean = run_tests(copy, list(tests))
            if clean.failed:
                print(f"{file}: its tests fail without a mutant:\n{clean.output}",
                      file=sys.stderr)
                return 2
            timeout = max(60.0, clean.seconds * 3 + 20)
            every = mutants(file, functions)
            cap = min(args.max, CAPS.get(file, args.max)) if args.max > 0 else 0
            chosen = every if cap <= 0 or len(every) <= cap else sorted(
                random.Random(args.seed).sample(every, cap), key=lambda m: m.index)
            original = (copy / file).read_text(encoding="utf-8")
            killed = timeouts = 0
            for mutant in chosen:
                (copy / file).write_text(mutated_source(file, functions, mutant.index),
                                         encoding="utf-8")
                try:
                    outcome = run_tests(copy, list(tests), timeout=timeout)
                finally:
                    (copy / file).write_text(original, encoding="utf-8")
                killed += outcome.failed
                timeouts += outcome.timed_out
                state = ("timeout" if outcome.timed_out else "killed" if outcome.failed
                         else "SURVIVED")
                print(f"{file}:{mutant.line}: {mutant.what}: {state} "
                      f"({outcome.seconds:.0f} s)", file=sys.stderr, flush=True)
                if not outcome.failed:
                    survivors.append(f"| `{file}:{mutant.line}` | {mutant.what} |")
            totals["mutants"] += len(chosen)
            totals["killed"] += killed
            totals["timeouts"] += timeouts
            scope = ", ".join(f"`{f}`" for f in functions) or "whole module"
            rows.append(f"| `{file}` ({scope}) | {len(every)} | {len(chosen)} | {killed} "
                        f"| {len(chosen) - killed} | {100 * killed / max(1, len(chosen)):.0f} % |")
    score = 100 * totals["killed"] / max(1, totals["mutants"])
    minutes = (time.perf_counter() - started) / 60
    report = "\n".join([
        "| module (mutated scope) | mutation points | mutants run | killed | survived "
        "| score |", "| --- | ---: | ---: | ---: | ---: | ---: |", *rows, "",
        f"**Score: {totals['killed']} of {totals['mutants']} mutants killed ({score:.0f} %)**, "
        f"{totals['timeouts']} of them by a timeout; {minutes:.0f} min wall clock "
        f"(seed {args.seed}, at most {args.max or 'all'} per module).", "",
        "### Surviving mutants", "",
        "| where | mutation |", "| --- | --- |", *(survivors or ["| – | none |"]), ""])
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    print(report)
    return 0


def recheck(log: Path, report_path: Path | None) -> int:
    """Run the survivors named in ``log`` against wider tests: which does the suite kill?"""
    lines = [line.rsplit(": ", 1)[0] for line in log.read_text(encoding="utf-8").splitlines()
             if line.endswith(")") and ": SURVIVED (" in line]
    rows = []
    with tempfile.TemporaryDirectory(prefix="pressctl-mutation-") as folder:
        copy = make_copy(Path(folder))
        for line in lines:
            where, what = line.rsplit(": SURVIVED", 1)[0].split(": ", 1)
            file, number = where.rsplit(":", 1)
            functions, _tests = TARGETS[file]
            matching = [m for m in mutants(file, functions)
                        if m.line == int(number) and m.what == what]
            original = (copy / file).read_text(encoding="utf-8")
            verdicts = []
            for mutant in matching:
                (copy / file).write_text(mutated_source(file, functions, mutant.index),
                                         encoding="utf-8")
                try:
                    outcome = run_tests(copy, list(BROAD[file]), timeout=900)
                finally:
                    (copy / file).write_text(original, encoding="utf-8")
                failed = [x.split(" ")[1] for x in outcome.output.splitlines()
                          if x.startswith("FAILED ")]
                verdicts.append(f"killed by `{failed[0].split(' - ')[0]}`" if failed else
                                "killed" if outcome.failed else "**survives**")
            row = f"| `{where}` | {what} | {'; '.join(verdicts) or 'not found'} |"
            print(row, file=sys.stderr, flush=True)
            rows.append(row)
    report = "\n".join(["| where | mutation | with the wider tests |", "| --- | --- | --- |",
                        *rows, ""])
    if report_path:
        report_path.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
