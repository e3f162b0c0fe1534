"""A rich progress bar on standard error, only where a person is watching.

Shared by the commands that can take more than a moment (translate, build).
Nothing is drawn when standard error is not a terminal (CI logs, pipes) or
under --quiet, and rich is imported only when a bar is really shown, so
short runs do not pay for it.
"""

from __future__ import annotations

import sys
from typing import Any

from pressctl.cli.app import STATE


class Bar:
    """Call with (done, total) after each step; ``close()`` when the run ends."""

    def __init__(self, label: str, minimum: int = 1) -> None:
        self.label = label
        self.minimum = minimum
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < self.minimum or STATE["quiet"] or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), console=Console(stderr=True),
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        self.progress.update(self.task, completed=done)

    @property
    def shown(self) -> bool:
        return self.progress is not None

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
