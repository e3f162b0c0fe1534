"""``pressctl qa``: check every translation against its source before a release goes out."""

from __future__ import annotations

import typer

from pressctl.cli.app import app, config, emit_json, info
from pressctl.core.cache import prune as prune_cache


@app.command("qa")
def qa_command(
    slugs: list[str] = typer.Argument(None, metavar="SLUG", show_default=False,
                                      help="Only these releases (seeds/<slug>.md), as build "
                                           "names them; the kit's wording is checked too."),
    lang: list[str] = typer.Option(None, "--lang", "-l", metavar="LANG",
                                   help="Only this target language (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the problems as JSON (for CI)."),
) -> None:
    """Check the translation catalogs like pofilter or Xbench.

    Every release, or only the SLUGs named (pressctl qa 2025-q1-results), with the
    names and the unknown-name error of ``build``.

    Figures (142.38 billion = 1423.8亿), glossary terms, placeholders,
    untranslated and fuzzy entries, punctuation, unchanged text, length and
    leftover Latin words.  One line per problem: file:line, severity, check,
    message, the entry and the offending text.  Severities (error, warning,
    off) are set per check in pyproject.toml, table tool.pressctl.qa.  Exit 1
    when an error-level problem is found.
    """
    from pressctl import qa
    from pressctl.core.errors import CheckFailed

    cfg = config()
    prune_cache()  # at most once a day: see pressctl/core/cache.py
    problems = qa.run(cfg, langs=tuple(lang) if lang else None,
                      slugs=tuple(slugs) if slugs else None)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if as_json:
        emit_json({"ok": not errors, "errors": errors, "warnings": warnings,
                   "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            print(problem.shown(cfg))
    if errors:
        raise CheckFailed(f"QA found {errors} error(s) and {warnings} warning(s)",
                          hint="fix the entries in the PO files, or waive a check for one entry "
                               "with a '# qa-ignore: CHECK' comment")
    info(f"QA: no errors, {warnings} warning(s)")
