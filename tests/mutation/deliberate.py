"""The deliberate bugs of issue 11, each made alone in a private copy: which test fails?

    .venv/bin/python -m tests.mutation.deliberate            # all of them (~5 min)
    .venv/bin/python -m tests.mutation.deliberate kinsoku    # those whose name matches

Each bug is a literal edit of the code as it is today; when the code moves and an
edit no longer applies, the script says so (exit 2) rather than pass silently.
Prints a Markdown table (bug → the tests run → caught or not) for
``tests/MUTATIONS.md``; exit 1 when a bug got through.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.mutation.sandbox import make_copy, run_tests


@dataclass(frozen=True)
class Bug:
    name: str
    what: str  # the bug as the issue describes it
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


INC = "tests/test_incremental.py::test_an_edit_rebuilds_exactly_the_files_that_depend_on_it"
PROM = "tests/test_promises.py::"
BUGS = [
    Bug("key-ignores-seed", "input key ignores the seed file", "pressctl/build/keys.py",
        "parts = [code, fmt, lang, str(draft), _file_hash(seed),",
        "parts = [code, fmt, lang, str(draft),", (f"{INC}[seed]",)),
    Bug("key-ignores-kit-wording", "input key ignores the kit-wording catalog",
        "pressctl/build/keys.py",
        "                  _file_hash(config.catalog_path(side, catalog.KIT_DOMAIN)),\n", "",
        (f"{INC}[kit-wording]",)),
    Bug("key-ignores-sha256", "up-to-date check no longer compares the output's SHA-256",
        "pressctl/build/keys.py", '            and entry.get("sha256") == sha256(target))', ")",
        (f"{INC}[hand-edited-output]",)),
    Bug("key-ignores-source-font", "bilingual key ignores the source language's settings "
        "(found by this work: a real bug, fixed)", "pressctl/build/keys.py",
        'sides = [lang, source or config.source_lang] if fmt.startswith("bilingual") else [lang]',
        "sides = [lang]", (f"{INC}[en-font]",)),
    Bug("key-ignores-code", "input key ignores pressctl's own code (a mutation-check "
        "survivor)", "pressctl/build/keys.py",
        "parts = [code, fmt, lang, str(draft), _file_hash(seed),",
        "parts = [fmt, lang, str(draft), _file_hash(seed),",
        ("tests/test_incremental.py::test_a_change_in_pressctls_own_code_rebuilds_everything",)),
    Bug("kinsoku-no-end", "line-end kinsoku set loses （《“", "pressctl/render/pdf/linebreak.py",
        'NO_END = frozenset("（［｛〔〈《「『【〖〘〚“‘([{$£€¥￥#")',
        'NO_END = frozenset("［｛〔〈「『【〖〘〚‘([{$£€¥￥#")',
        (f"{PROM}test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one",)),
    Bug("fact-1424", "fact sheet prints 1424亿 instead of 1423.8亿", "pressctl/kit/__init__.py",
        'format_compact_decimal(value, format_type="short", locale=locale,\n'
        "                                      fraction_digits=6)",
        'format_compact_decimal(value, format_type="short", locale=locale,\n'
        "                                      fraction_digits=0)",
        (f"{PROM}test_chinese_figures_are_written_out_by_hand",)),
    Bug("fact-no-qualifier", "fact sheet drops over/about", "pressctl/kit/__init__.py",
        "    if fact.qualifier:\n        value = t(", "    if False:\n        value = t(",
        (f"{PROM}test_fact_sheet_rows_are_cldr_figures_with_their_qualifiers",)),
    Bug("medium-date", "a medium date instead of the long one", "pressctl/kit/__init__.py",
        'format_date(self.release.date, "long", locale=self.locale)',
        'format_date(self.release.date, "medium", locale=self.locale)',
        (f"{PROM}test_dates_are_cldr_long_dates_on_every_page",)),
    Bug("no-watermark", "the DRAFT watermark not drawn at all", "pressctl/render/pdf/page.py",
        "            canvas.drawPath(path, stroke=0, fill=1)\n", "",
        (f"{PROM}test_draft_watermark_is_drawn_across_every_page",)),
    Bug("no-target-prefix", "the Argos target prefix no longer passed to the model",
        "pressctl/translate/machine.py",
        "target_prefix=[[prefix]] * len(tokens) if prefix else None,", "target_prefix=None,",
        (f"{PROM}test_the_argos_target_prefix_reaches_the_model",)),
    Bug("numbers-duo-yu", "QA's numbers check no longer reads 300多万 / 1,000余",
        "pressctl/qa/numbers.py", 'alternatives.append(r"[多余]?(?P<cjk>" + cjk + ")")',
        'alternatives.append(r"(?P<cjk>" + cjk + ")")',
        (f"{PROM}test_numbers_check_reads_approximate_chinese_figures",)),
    Bug("bom-kept", "a byte-order mark at the start of a seed or catalog no longer stripped",
        "pressctl/core/textfile.py", 'return text.removeprefix("\\ufeff")', "return text",
        (f"{PROM}test_a_byte_order_mark_on_the_seed_keeps_the_title",
         f"{PROM}test_a_byte_order_mark_on_the_seed_and_catalogs_changes_nothing")),
    Bug("qa-off-reported", "a QA check set to \"off\" still reported",
        "pressctl/qa/__init__.py", "if level == OFF or finding.check in waived:",
        "if finding.check in waived:",
        (f"{PROM}test_a_check_set_to_off_is_not_reported_by_qa_nor_the_build_gate",)),
    Bug("write-in-place", "outputs written in place, not renamed (kill -9 test)",
        "pressctl/core/atomic.py", "    with atomic_path(target) as tmp:\n        produce(tmp)",
        "    target.parent.mkdir(parents=True, exist_ok=True)\n    produce(target)",
        ("tests/test_incremental.py::"
         "test_a_build_killed_while_the_new_file_waits_leaves_the_old_one",
         "tests/test_incremental.py::test_outputs_are_never_opened_for_writing_in_place")),
    Bug("latin-tagged-zh", "Latin words in Chinese DOCX tagged zh-CN (LibreOffice splits "
        "them)", "pressctl/render/docx/styles.py",
        "return Face(font.family, font.family, LATIN_IN_CJK, kit.tag, True)",
        "return Face(font.family, font.family, kit.tag, kit.tag, True)",
        ("tests/test_docx.py::test_libreoffice_keeps_latin_words_whole_in_chinese",)),
    # issue 16: tagged PDF/UA-1 and PDF/A-2u
    Bug("footer-untagged", "the footer drawn outside any marked content (not an /Artifact)",
        "pressctl/render/pdf/page.py", 'with artifact(canvas, "Footer"):', "if True:",
        ("tests/test_pdf_tags.py::test_pdf_ua_validator_finds_nothing",
         "tests/test_pdf_tags.py::test_every_mcid_is_referenced_once_and_nothing_nests")),
    Bug("alt-dropped", "figures and charts lose their /Alt", "pressctl/render/pdf/structure.py",
        '        obj.Alt = String(attrs["Alt"])', "        pass",
        ("tests/test_pdf_tags.py::test_charts_and_photo_have_their_alt_text",)),
    Bug("parent-tree-reversed", "the ParentTree lists a page's elements in reverse MCID order",
        "pressctl/render/pdf/structure.py", "[marks[i] for i in sorted(marks)]",
        "[marks[i] for i in sorted(marks, reverse=True)]",
        ("tests/test_pdf_tags.py::test_every_mcid_is_referenced_once_and_nothing_nests",)),
    Bug("pdfa-level-b", "XMP claims PDF/A-2b instead of 2u", "pressctl/render/pdf/archive.py",
        '_add(desc, "pdfaid:conformance", "U")', '_add(desc, "pdfaid:conformance", "B")',
        ("tests/test_pdf_archive.py::test_xmp_says_what_the_seed_says",)),
]


def main(argv: list[str]) -> int:
    wanted = [b for b in BUGS if not argv or any(a in b.name for a in argv)]
    rows, escaped, stale = [], 0, 0
    with tempfile.TemporaryDirectory(prefix="pressctl-deliberate-") as folder:
        copy = make_copy(Path(folder))
        for bug in wanted:
            path = copy / bug.file
            original = path.read_text(encoding="utf-8")
            if original.count(bug.old) != 1:
                stale += 1
                rows.append(f"| {bug.what} | `{bug.file}` | – | edit no longer applies |")
                continue
            path.write_text(original.replace(bug.old, bug.new), encoding="utf-8")
            try:
                outcome = run_tests(copy, list(bug.tests))
            finally:
                path.write_text(original, encoding="utf-8")
            escaped += not outcome.failed
            tests = "<br>".join(f"`{t.split('::', 1)[1]}`" for t in bug.tests)
            verdict = "**fails** (caught)" if outcome.failed else "passes (NOT caught)"
            rows.append(f"| {bug.what} | `{bug.file}` | {tests} | {verdict} |")
            print(f"{bug.name}: {verdict} in {outcome.seconds:.0f} s", file=sys.stderr)
            if not outcome.failed:
                print(outcome.output, file=sys.stderr)
        # and the tests pass on the unbroken copy, so a failure above is the bug's doing
        clean = run_tests(copy, sorted({t for b in wanted for t in b.tests}))
    print("| deliberate bug | where | test(s) | result with the bug |")
    print("| --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\nWithout any bug the same tests {'FAIL' if clean.failed else 'pass'}.")
    if clean.failed:
        print(clean.output, file=sys.stderr)
    return 2 if stale or clean.failed else 1 if escaped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
