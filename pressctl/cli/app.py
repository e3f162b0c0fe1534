"""The Typer application and what every command shares: errors, output, config.

Commands stay thin: parse options, call a stage, print its result.  Errors
from stages are PressctlError subclasses carrying their exit code; they are
printed as one clear message, with the traceback only under --debug.
"""

from __future__ import annotations

import copy
import json
import sys
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperGroup

from pressctl.cli import plain
from pressctl.cli.state import STATE

if TYPE_CHECKING:
    from pressctl.core.settings import Config


def _switch_on(ctx: Any, param: Any, value: bool) -> None:
    if value and param.name:
        STATE[param.name] = True


def _no_type(ctx: Any) -> None:
    return None


class Group(TyperGroup):
    """A command group whose commands (and sub-groups) also take the global options.

    Users put ``-q`` or ``--debug`` after the command as often as before it.
    Each command Click looks up here gets a copy of the root's --quiet,
    --verbose and --debug (the ``STATE`` keys) that switches the setting on,
    so no command repeats them in its signature.  Its plain options are converted
    by :mod:`pressctl.cli.plain`, not by a pydantic adapter each.
    """

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not any(p.name in STATE for p in command.params):
            for param in command.params:
                if isinstance(param, TyperArgument):  # "FILE", not "FILE <path>"
                    param.display_type_rich = _no_type  # type: ignore[method-assign]
            for option in ctx.find_root().command.params:
                if option.name in STATE:
                    shared = copy.copy(option)
                    shared.expose_value, shared.callback = False, _switch_on
                    command.params.append(shared)
        if command is not None:
            plain.preset(command.get_params(ctx))  # --help too: no pydantic adapter for it
        return command

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        plain.preset(params)
        return params


#: Plain help (Typer's rich panels print "<bool>" beside every flag) and -h as --help.
SETTINGS: dict[str, Any] = {"cls": Group, "rich_markup_mode": None,
                            "context_settings": {"help_option_names": ["-h", "--help"]}}

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
    **SETTINGS,
)


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
    STATE.update(debug=debug, quiet=quiet, verbose=verbose)  # a command's own may add to them


def config() -> Config:
    """The project's config; imported here, as pydantic is not needed for --help.  Ctrl-C
    waits while pydantic builds and runs the validators (it swallows the interruption
    and then refuses a valid config: :mod:`pressctl.core.interrupts`)."""
    from pressctl.core.interrupts import signals_held

    with signals_held():
        from pressctl.core.config import load

        return load()


def info(message: str) -> None:
    """Status for people: standard error, so standard output stays for data."""
    if not STATE["quiet"]:
        print(message, file=sys.stderr)


def emit_json(data: Any) -> None:
    """Print the command's one JSON document (an error after it adds no second one)."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
    STATE["json_emitted"] = True
