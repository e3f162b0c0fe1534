"""``pressctl build``: the press kits of every seed, in every language and format."""

from __future__ import annotations

import typer

from pressctl.cli.app import app, config, emit_json, info


@app.command("build")
def build_command(
    lang: list[str] = typer.Option(None, "--lang", "-l", help="Only this language (repeatable)."),
    fmt: list[str] = typer.Option(None, "--format", "-f", help="Only pdf or docx (repeatable)."),
    draft: bool = typer.Option(False, "--draft",
                               help="Build even with missing translations; marks the kit DRAFT."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Build PDF and DOCX kits into the output folder (default dist/)."""
    from pressctl import build as stage
    from pressctl.config import KNOWN_FORMATS
    from pressctl.errors import PressctlError

    for f in fmt or ():
        if f not in KNOWN_FORMATS:
            raise PressctlError(f"unknown format {f!r}", hint=f"use {', '.join(KNOWN_FORMATS)}")
    cfg = config()
    results = stage.build(cfg, langs=tuple(lang) if lang else None,
                          formats=tuple(fmt) if fmt else None, draft=draft,
                          progress=lambda name: info(f"writing {name}"))
    if as_json:
        emit_json([{"slug": r.slug, "files": [stage.relative(cfg, f) for f in r.files],
                    "manifest": stage.relative(cfg, r.manifest) if r.manifest else None,
                    "draft": draft, "untranslated": r.untranslated} for r in results])
        return
    for r in results:
        if r.untranslated:
            total = sum(len(v) for v in r.untranslated.values())
            info(f"DRAFT: {r.slug} has {total} untranslated segment(s), source text used")
        info(f"built {len(r.files)} file(s) for {r.slug} in {stage.relative(cfg, r.folder)}")
