"""The cache folder is pruned: by age, then by size, at most once a day (pressctl.core.cache)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pressctl.core import cache
from tests.test_cli import run

DAY = 86400


def _file(path: Path, size: int, age_days: float, now: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (now - age_days * DAY, now - age_days * DAY))
    return path


def test_old_files_go_then_the_oldest_past_the_size(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    now = time.time()
    old = _file(tmp_path / "qa" / "old.json", 10, 45, now)
    recent = _file(tmp_path / "qa" / "recent.json", 10, 1, now)
    monkeypatch.setenv("PRESSCTL_CACHE_MB", str(1.5 / 1024))  # 1.5 KiB
    big_old = _file(tmp_path / "fonts" / "a.ttf", 1000, 10, now)
    big_new = _file(tmp_path / "fonts" / "b.ttf", 1000, 2, now)
    assert cache.prune(tmp_path, now=now) == 2
    assert not old.exists() and not big_old.exists()
    assert recent.exists() and big_new.exists()
    # at most once a day: a new stale file waits for tomorrow
    stale = _file(tmp_path / "pictures" / "m", 0, 60, now)
    assert cache.prune(tmp_path, now=now + 3600) == 0 and stale.exists()
    assert cache.prune(tmp_path, now=now + DAY + 1) == 1 and not stale.exists()


def test_a_build_prunes_the_users_cache(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "cache"
    stale = _file(home / "pressctl" / "qa" / "stale.json", 10, 400, time.time())
    result = run("qa", cwd=project, env={"XDG_CACHE_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert (home / "pressctl" / cache.STAMP).exists()
