"""``pressctl new`` and ``pressctl doctor``: starting and checking a release repository."""

from __future__ import annotations

from pathlib import Path

import typer

from pressctl.cli.app import app, config, emit_json, info
from pressctl.core.paths import shown


@app.command("new")
def new_command(
    slug: str = typer.Argument(..., metavar="SLUG",
                               help="File name of the release, e.g. 2025-q1-results."),
    title: str = typer.Option(None, "--title", metavar="TEXT", help="The headline."),
    date: str = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                             help="Release date, an ISO date (default: today)."),
    lang: str = typer.Option(None, "--lang", metavar="LANG",
                             help="Source language (default: the config's source_lang)."),
) -> None:
    """Scaffold seeds/<slug>.md, create its catalogs with what memory and glossary know."""
    from pressctl.project.new import new_release, next_steps, parse_date

    cfg = config()
    made = new_release(cfg, slug, title=title, date=parse_date(date) if date else None,
                       lang=lang)
    info(f"created {shown(cfg, made.seed)}")
    for target, path in made.catalogs.items():
        filled = made.filled.get(target, [])
        known = "; ".join(f"{source} → {translation}" for source, translation in filled[:5])
        info(f"created {shown(cfg, path)}: {len(filled)} entr"
             f"{'y' if len(filled) == 1 else 'ies'} already known, entered as reviewed"
             + (f" ({known})" if known else ""))
    info("next steps:")
    for number, step in enumerate(next_steps(cfg, made), start=1):
        info(f"  {number}. {step}")


@app.command("doctor")
def doctor_command(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List what pressctl found (config, fonts, models, output folder) and how to fix the rest."""
    from pressctl.core.config import Config, ProjectNotFound
    from pressctl.core.errors import MissingDependency
    from pressctl.project.doctor import diagnose

    try:
        cfg = config()
    except ProjectNotFound:  # doctor still checks the machine, and says the config is missing
        cfg = Config.model_validate({"root": Path.cwd().resolve()})
    findings = diagnose(cfg)
    if as_json:
        emit_json([f.as_dict() for f in findings])
    else:
        for f in findings:
            mark = "ok  " if f.ok else ("MISSING" if f.required else "note")
            line = f"{mark:<8}{f.area:<8}{f.item:<16}{f.detail}"
            print(line + (f"\n{'':<32}fix: {f.fix}" if f.fix and not f.ok else ""))
    broken = [f for f in findings if f.required and not f.ok]
    if broken:
        raise MissingDependency(f"{len(broken)} required item(s) missing: "
                                + ", ".join(f"{f.area} {f.item}" for f in broken))
