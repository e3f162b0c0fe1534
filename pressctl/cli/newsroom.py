"""``pressctl newsroom``: index pages, feeds and sitemap from the built releases."""

from __future__ import annotations

import typer

from pressctl.cli.app import app, config, emit_json, info


@app.command("newsroom")
def newsroom_command(
    now: str = typer.Option(None, "--now", metavar="ISO-TIME", show_default=False,
                            help="The moment that decides which embargoes have lifted, with "
                                 "its time zone [default: the clock]."),
    as_json: bool = typer.Option(False, "--json", help="Print the files written as JSON."),
) -> None:
    """Write the newsroom into the output folder: per language an index page (index.LANG.html),
    an Atom feed (feed.LANG.atom) and a JSON Feed (feed.LANG.json), and sitemap.xml.

    It reads every dist/*/manifest.json and the web pages beside them, so run it after
    'pressctl build' (after all shards, in a sharded build).  Drafts and releases whose
    embargo holds at --now are left out; a release built under an embargo that has since
    lifted is refused (exit 1) until it is built again.  Needs base_url in [tool.pressctl].
    """
    from pressctl.build import newsroom
    from pressctl.source import embargo

    cfg = config()
    written = newsroom.write(cfg, embargo.now(now))
    if as_json:
        emit_json({"written": newsroom.describe(cfg, written)})
        return
    from pressctl.core.paths import shown

    for name in newsroom.describe(cfg, written):
        info(f"wrote {shown(cfg, name)}")
