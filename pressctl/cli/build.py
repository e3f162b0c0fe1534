"""``pressctl build``: the press kits of every seed, in every language and format."""

from __future__ import annotations

import typer

from pressctl.cli.app import app, config, emit_json, info
from pressctl.cli.progress import Bar
from pressctl.core.cache import prune as prune_cache
from pressctl.core.paths import shown


@app.command("build")
def build_command(
    slugs: list[str] = typer.Argument(None, metavar="SLUG", show_default=False,
                                      help="Only these releases (seeds/<slug>.md); "
                                           "default: every release."),
    lang: list[str] = typer.Option(None, "--lang", "-l", metavar="LANG",
                                   help="Only this language (repeatable)."),
    fmt: list[str] = typer.Option(None, "--format", metavar="FORMAT",
                                  help="Only pdf, docx, html or email (repeatable)."),
    draft: bool = typer.Option(False, "--draft",
                               help="Build a release even with missing translations or QA "
                                    "errors, marking its pages DRAFT; releases that pass are "
                                    "built as final."),
    check: bool = typer.Option(False, "--check",
                               help="Write nothing; exit 1 if dist/ is stale or incomplete."),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, metavar="N", show_default=False,
                             help="Build files in parallel in N processes [default: one "
                                  "per core, when each process gets two files or more]."),
    shard: str = typer.Option(None, "--shard", metavar="K/N", show_default=False,
                              help="Only shard K of N (1 <= K <= N): a stable, balanced "
                                   "share of the releases, for N CI runners."),
    listing: bool = typer.Option(False, "--list",
                                 help="Print the plan (releases, files, input keys, up to "
                                      "date or not) without building."),
    force: bool = typer.Option(False, "--force", help="Rebuild even files that are up to date."),
    now: str = typer.Option(None, "--now", metavar="ISO-TIME", show_default=False,
                            help="The moment that decides which embargoes have lifted, with "
                                 "its time zone (2025-03-17T09:00+08:00) [default: the clock]."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Build the kits (PDF, DOCX, web page, e-mail) into the output folder (default dist/).

    Every release, or only the SLUGs named (pressctl build 2025-q1-results).
    Each release is gated on its own: missing or unreviewed translations or a
    QA error stop the build (exit 1) unless --draft, which marks only the
    releases that need it.  Files whose inputs (seed, catalogs, settings,
    fonts, pressctl itself) did not change since the last build are left as
    they are.
    """
    from pressctl.build import run as stage
    from pressctl.build.shard import parse
    from pressctl.core.errors import CheckFailed, PressctlError
    from pressctl.core.paths import relative
    from pressctl.core.settings import KNOWN_FORMATS

    for f in fmt or ():
        if f not in KNOWN_FORMATS:
            raise PressctlError(f"unknown format {f!r}", hint=f"use {', '.join(KNOWN_FORMATS)}")
    cfg = config()
    prune_cache()  # at most once a day: see pressctl/core/cache.py
    langs = tuple(lang) if lang else None
    formats = tuple(fmt) if fmt else None
    chosen = tuple(slugs) if slugs else None
    part = parse(shard) if shard is not None else None
    from pressctl.source import embargo

    moment = embargo.now(now)
    if listing or check:  # a build imports no more than it runs (issue 27: no-op ≤ 0.2 s)
        from pressctl.build import check as checking
    if listing:
        planned = checking.listing(cfg, langs=langs, formats=formats, draft=draft,
                                   slugs=chosen, shard=part, now=moment)
        if as_json:
            emit_json(planned)
            return
        for release in planned["releases"]:  # type: ignore[attr-defined]
            for file in release["files"]:
                print(f"{shown(cfg, file['path'])}\t"
                      f"{'up to date' if file['up_to_date'] else 'to build'}")
        return
    if check:
        stale = checking.check(cfg, langs=langs, formats=formats, draft=draft, slugs=chosen,
                               shard=part, jobs=jobs, now=moment)
        if as_json:
            emit_json({"up_to_date": not stale, "stale": stale})
        for line in stale if not as_json else ():
            print(line)
        if stale:
            raise CheckFailed(f"{len(stale)} file(s) out of date in {shown(cfg, cfg.dist)}",
                              hint="run 'pressctl build' and commit the result")
        info(f"{shown(cfg, cfg.dist)} is up to date")
        return
    bar = Bar("building")

    def progress(name: str, done: int, total: int) -> None:
        bar(done, total)
        if not bar.shown:
            info(f"wrote {shown(cfg, name)}")

    try:
        results = stage.build(cfg, langs=langs, formats=formats, draft=draft, jobs=jobs,
                              force=force, progress=progress, slugs=chosen, shard=part,
                              now=moment)
    finally:
        bar.close()
    if as_json:
        emit_json([{"slug": r.slug, "files": [relative(cfg, f) for f in r.files],
                    "built": [relative(cfg, f) for f in r.built],
                    "manifest": relative(cfg, r.manifest) if r.manifest else None,
                    "draft": r.draft, "untranslated": r.untranslated} for r in results])
        return
    for r in results:
        if r.untranslated:
            total = sum(len(v) for v in r.untranslated.values())
            info(f"DRAFT: {r.slug} has {total} untranslated or unreviewed segment(s): machine "
                 "drafts shown highlighted, the source text where there is none")
        if r.blocking:
            info(f"DRAFT: {r.slug} has {r.blocking} blocking QA problem(s) "
                 "(run 'pressctl qa')")
        skipped = len(r.files) - len(r.built)
        info(f"{r.slug}: {len(r.built)} file(s) built, {skipped} up to date, in "
             f"{shown(cfg, r.folder)}")
