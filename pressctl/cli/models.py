"""``pressctl models list|install|remove``: the Argos Translate models machine translation uses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from pressctl.cli.app import SETTINGS, STATE, app, emit_json, info

models_app = typer.Typer(help="List, install and remove Argos Translate models "
                              "(kept in ARGOS_PACKAGES_DIR).", no_args_is_help=True,
                        **SETTINGS)
app.add_typer(models_app, name="models")


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"


@models_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Installed pairs with package version, size and location."""
    from pressctl.translate import models

    found = models.installed()
    if as_json:
        emit_json([pkg.to_json() for pkg in found])
        return
    if not found:
        info(f"no models installed in {models.packages_dir()}; "
             "install one with 'pressctl models install en zh' or "
             "'pressctl models install FILE.argosmodel'")
        return
    print(f"{'pair':<10} {'version':<9} {'size':>10}  location")
    for pkg in found:
        print(f"{pkg.from_code + '-' + pkg.to_code:<10} {pkg.version:<9} "
              f"{_size(pkg.size):>10}  {pkg.path}")


class _Download:
    """Download progress on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        if STATE["quiet"] or not sys.stderr.isatty():
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TransferSpeedColumn,
            )

            self.progress = Progress(TextColumn("downloading"), BarColumn(), DownloadColumn(),
                                     TransferSpeedColumn(), console=Console(stderr=True),
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task("download", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@models_app.command("install")
def install_command(
    what: list[str] = typer.Argument(..., metavar="FILE.argosmodel | FROM TO",
                                     help="A package file, or two language codes to download "
                                          "from the package index (ARGOS_PACKAGE_INDEX)."),
) -> None:
    """Install a model from a .argosmodel file (offline) or from the Argos package index."""
    from pressctl.translate import models

    if len(what) == 1:
        pkg = models.install_file(Path(what[0]))
    elif len(what) == 2:
        info(f"fetching the package index {models.index_url()}")
        bar = _Download()
        try:
            pkg = models.install_pair(what[0], what[1], progress=bar)
        finally:
            bar.close()
    else:
        raise typer.BadParameter("give a .argosmodel file or two language codes (en zh)")
    info(f"installed {pkg.pair} {pkg.version} ({_size(pkg.size)}) in {pkg.path}")


@models_app.command("remove")
def remove_command(
    from_code: str = typer.Argument(..., metavar="FROM"),
    to_code: str = typer.Argument(..., metavar="TO"),
) -> None:
    """Remove the installed model(s) for a language pair."""
    from pressctl.translate import models

    for pkg in models.remove(from_code, to_code):
        info(f"removed {pkg.pair} {pkg.version} from {pkg.path}")
