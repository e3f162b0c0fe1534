"""The newsroom test project (``tests/data/newsroom``): Chinese originals in zh, en and
zh-Hant-TW, one under embargo until 2025-03-17T09:00+08:00, built at moments before and
after the lift."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_cli import run

DATA = Path(__file__).resolve().parent / "data" / "newsroom"
EMBARGOED = "hangzhou-electric-ferries"
OPEN = "hangzhou-night-cruises"
BEFORE = "2025-03-17T08:59+08:00"  # a minute before the lift
AFTER = "2025-03-17T01:00Z"  # the lift itself, written in UTC
LANGS = ("zh", "en", "zh-Hant-TW")


def copy(folder: Path) -> Path:
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("dist"))
    return folder


def build(project: Path, *args: str) -> None:
    result = run("build", *args, cwd=project)
    assert result.returncode == 0, result.stderr


def web_project(folder: Path, now: str) -> Path:
    """The project built as web pages and e-mails at ``now``, with its newsroom."""
    project = copy(folder)
    build(project, "--format", "html", "--format", "email", "--now", now)
    result = run("newsroom", "--now", now, cwd=project)
    assert result.returncode == 0, result.stderr
    return project
