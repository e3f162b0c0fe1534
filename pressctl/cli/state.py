"""The global options of the command line, as the running command set them.

A module of its own, importing nothing: :mod:`pressctl.cli.failure` reads it to
show a failure, and must be able to show one (Ctrl-C) before Typer and the
commands are imported.
"""

from __future__ import annotations

#: The global options (their names are the keys the shared options switch on) and whether
#: a JSON document was printed (so a failure under --json does not print a second one).
STATE: dict[str, bool] = {"debug": False, "quiet": False, "verbose": False,
                          "json_emitted": False}
