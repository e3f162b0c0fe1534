"""``pressctl catalog update|stats``: the gettext catalogs translators work in."""

from __future__ import annotations

from pathlib import Path

import typer

from pressctl.cli.app import SETTINGS, app, config, emit_json, info
from pressctl.core.paths import shown

catalog_app = typer.Typer(help="Extract, merge and count the translation catalogs.",
                          no_args_is_help=True, **SETTINGS)
app.add_typer(catalog_app, name="catalog")


@catalog_app.command("update")
def update_command() -> None:
    """Extract segments from every seed and merge them into each language's catalog.

    New segments are added, a changed sentence keeps its old translation as
    fuzzy (with the previous source recorded), removed ones become obsolete.
    """
    from pressctl.catalogs import project as catalogs

    cfg = config()
    for report in catalogs.update_all(cfg):
        info(f"{shown(cfg, report.path)}: {report.kept} kept, {report.added} new, "
             f"{report.fuzzy} fuzzy, {report.obsolete} obsolete"
             + ("" if report.written else " (unchanged)"))


@catalog_app.command("check")
def check_command(
    files: list[Path] = typer.Argument(None, metavar="[FILE]...",
                                       help="Seeds, catalogs and the glossary to read "
                                            "(default: all of the project's)."),
) -> None:
    """Read seeds, catalogs and the glossary as every command does; exit 2 naming the
    file and line of the first malformed one (the pre-commit hook runs this)."""
    from pressctl.catalogs import project as catalogs

    checked = catalogs.check_files(config(), list(files or []))
    info(f"{len(checked)} file(s) read, all well-formed")


@catalog_app.command("stats")
def stats_command(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Translated / fuzzy / untranslated counts per document and language."""
    from pressctl.catalogs import project as catalogs

    rows = catalogs.stats(config())
    if as_json:
        emit_json(rows)
        return
    print(f"{'document':<28} {'lang':<5} {'translated':>10} {'fuzzy':>6} {'untranslated':>12}"
          f" {'doubtful':>8} {'refused':>7}")
    for row in rows:
        print(f"{row['document']:<28} {row['lang']:<5} {row['translated']:>10} "
              f"{row['fuzzy']:>6} {row['untranslated']:>12} {row['doubtful']:>8} "
              f"{row['refused']:>7}")
