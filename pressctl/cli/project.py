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
    from pressctl.core.errors import MissingDependency
    from pressctl.core.settings import ProjectNotFound, defaults
    from pressctl.project.doctor import diagnose

    try:
        cfg = config()
    except ProjectNotFound:  # doctor still checks the machine, and says the config is missing
        cfg = defaults(Path.cwd())
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


def _ask(value: str | None, question: str, default: str) -> str:
    """An option's value; asked on a terminal only (never when stdin is a pipe or a file)."""
    import sys

    if value is not None:
        return value
    return str(typer.prompt(question, default=default)) if sys.stdin.isatty() else default


@app.command("init")
def init_command(
    folder: Path = typer.Argument(Path("."), metavar="[FOLDER]",
                                  help="Where to make the release repository (default: here)."),
    organisation: str = typer.Option(None, "--organisation", metavar="NAME",
                                     help="The organisation named on the kits "
                                          "(default: the folder's name)."),
    colour: str = typer.Option(None, "--colour", metavar="HEX",
                               help="The kits' accent colour (default: #1C69D4)."),
    lang: list[str] = typer.Option(None, "--lang", metavar="LANG",
                                   help="A language of the kits; repeat it "
                                        "(default: --lang en --lang zh)."),
    source_lang: str = typer.Option(None, "--source-lang", metavar="LANG",
                                    help="The language releases are written in "
                                         "(default: the first --lang)."),
    ci: str = typer.Option("github", "--ci", metavar="github|gitlab|none",
                           help="The CI workflow to write."),
) -> None:
    """Make a release repository: config, a sample release that builds, catalogs, CI.

    Example: pressctl init newsroom --organisation "Example Energy" --lang en --lang zh
    """
    from pressctl.project.init import DEFAULT_COLOUR, Settings, init_project

    where = folder.resolve()
    name = where.name.replace("-", " ").replace("_", " ").strip().title() or "Press office"
    organisation = _ask(organisation, "Organisation", name)
    colour = _ask(colour, "Accent colour", DEFAULT_COLOUR)
    languages = lang or _ask(None, "Languages (space-separated)", "en zh").split()
    source = _ask(source_lang, "Source language", languages[0] if languages else "en")
    made = init_project(where, Settings(organisation, colour, tuple(languages), source, ci))
    shown = folder if not folder.is_absolute() else where
    if made.appended:
        info(f"added [tool.pressctl] to {shown / made.appended}")
    for written in made.written:
        info(f"created {shown / written}")
    info(f"organisation: {organisation}, languages: {', '.join(languages)} "
         "(change them in pyproject.toml)")
    if made.untranslated:
        info(f"the sample has no shipped translation into {', '.join(made.untranslated)}: "
             "translate it (pressctl translate) or build with --draft")
    info("next steps:")
    steps = ([f"cd {shown}"] if where != Path.cwd().resolve() else []) + [
        "pressctl doctor                    # fonts and models on this machine",
        "pressctl build                     # the sample's kits, into dist/first-release/",
        "pressctl new <slug>                # your first release",
    ]
    for number, step in enumerate(steps, start=1):
        info(f"  {number}. {step}")
