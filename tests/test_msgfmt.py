"""Every catalog pressctl ships or writes passes GNU ``msgfmt --check``.

Translators and CI systems compile PO files with GNU gettext; a catalog that
msgfmt rejects (a ``{field}`` in a python-brace-format translation that its
msgid lacks, a broken header) stops them, so the oracle here is msgfmt itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, need

#: Shipped catalogs, package data, and the reviewed catalogs the QA tests use.
SHIPPED = sorted([*ROOT.glob("locales/**/*.po"), *ROOT.glob("pressctl/**/*.po"),
                  *ROOT.glob("tests/data/**/*.po")])


def msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    need("msgfmt")
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_the_repository_ships_catalogs() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in SHIPPED}
    assert {"locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po",
            "locales/zh/LC_MESSAGES/pressctl.po",
            "tests/data/amounts/formosa-q4-2025-results.po"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_catalog_passes_msgfmt_check(path: Path) -> None:
    result = msgfmt(path)
    assert result.returncode == 0, result.stderr


def test_msgfmt_catches_a_field_the_msgid_lacks(tmp_path: Path) -> None:
    """The oracle works: the fault that issue 14 found is a fatal error to msgfmt."""
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   '#, python-brace-format\nmsgid "{symbol}{amount}"\n'
                   'msgstr "{amount}{name}"\n', encoding="utf-8")
    result = msgfmt(bad)
    assert result.returncode != 0
    assert "'name' doesn't exist in 'msgid'" in result.stderr


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressctl", *args], cwd=project,
                          capture_output=True, text=True, timeout=300)


def test_catalogs_written_by_catalog_update_and_translate_pass(project: Path) -> None:
    messages = project / "locales" / "zh" / "LC_MESSAGES"
    (messages / "pressctl.po").unlink()  # written afresh from the kit's wording
    seed = project / "seeds" / "bmw-huawei-harmonyos.md"
    seed.write_text(seed.read_text("utf-8")
                    + "\nBMW sold over 3 million vehicles, an increase of 5%.\n", "utf-8")
    result = run(project, "catalog", "update")
    assert result.returncode == 0, result.stderr
    kit = (messages / "pressctl.po").read_text("utf-8")
    assert '#, python-brace-format\nmsgid "{symbol}{amount}"' in kit
    assert '#, python-brace-format\nmsgid "{amount} {name}"' in kit
    assert '#, python-brace-format\nmsgid "Page {page} of {pages}"' in kit
    for path in sorted(messages.glob("*.po")):
        assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    result = run(project, "translate", "--memory-only", "seeds/bmw-huawei-harmonyos.md",
                 "--to", "zh")
    assert result.returncode == 0, result.stderr
    po = (messages / "bmw-huawei-harmonyos.po").read_text("utf-8")
    assert 'msgid "BMW sold over 3 million vehicles, an increase of 5%."' in po
    for path in sorted(messages.glob("*.po")):
        assert msgfmt(path).returncode == 0, msgfmt(path).stderr
