"""The Typer application and what every command shares: errors, output, config.

Commands stay thin: parse options, call a stage, print its result.  Errors
from stages are PressctlError subclasses carrying their exit code; they are
printed as one clear message, with the traceback only under --debug.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from pressctl.config import Config, load

app = typer.Typer(
    name="pressctl",
    help="Multilingual press kits: translate a press release offline and publish "
         "PDF and DOCX kits in every language.\n\n"
         "Exit codes: 0 ok, 1 a check or QA failed, 2 usage or input error, "
         "3 a missing model, font or system dependency, 70 an internal error "
         "(a bug: please report it with the --debug output).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

STATE: dict[str, bool] = {"debug": False, "quiet": False, "verbose": False,
                          "json_emitted": False}


def _version(value: bool) -> None:
    if value:
        from pressctl import __version__

        print(f"pressctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only print errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say more about each step."),
) -> None:
    STATE.update(debug=debug, quiet=quiet, verbose=verbose)


def config() -> Config:
    return load()


def info(message: str) -> None:
    """Status for people: standard error, so standard output stays for data."""
    if not STATE["quiet"]:
        print(message, file=sys.stderr)


def emit_json(data: Any) -> None:
    """Print the command's one JSON document (an error after it adds no second one)."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
    STATE["json_emitted"] = True
