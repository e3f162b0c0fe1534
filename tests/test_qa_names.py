"""Names kept in Latin letters, and angle brackets read as the text they are (issue 23).

A Chinese translation keeps "Example Energy, Inc." and "Anna Berg" as the
release writes them: no leftover or unchanged warning, and the name's own
comma and full stop are not Chinese punctuation.  What stands between ``<``
and ``>`` is printed as typed, so QA reads its figures.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pressctl import qa
from pressctl.core.config import load
from pressctl.qa import leftover, punctuation, unchanged
from pressctl.qa.base import Pair
from pressctl.qa.names import kept_names
from pressctl.qa.text import mask
from tests.test_cli import run as cli

NAMES = kept_names(["Example Energy, Inc."], ["Anna Berg, Chief Executive Officer"],
                   ["Mei Lin, Head of Communications", "press@example.com", "Media Relations"])


def findings(source: str, target: str, names: tuple[str, ...] = NAMES) -> list[str]:
    pair = Pair(source, target, names=names)
    return [f"{f.check}: {f.message}" for run in qa.ENTRY_CHECKS.values() for f in run(pair)]


def test_the_release_declares_its_names() -> None:
    assert NAMES == ("Example Energy, Inc.", "Example Energy", "Example", "Anna Berg",
                     "Mei Lin")
    # a contact line of capitalised words alone is a department, not a person
    assert "Media Relations" not in NAMES


@pytest.mark.parametrize(("source", "target"), [
    ("Example Energy today ordered 12 electric ferries.", "Example Energy今天订购了12艘电动渡轮。"),
    ("Example Energy, Inc. ordered 12 ferries.", "Example Energy, Inc.订购了12艘渡轮。"),
    ("Ordered by Example Energy, Inc.", "由Example Energy, Inc.订购。"),
    ("Anna Berg leads the programme.", "Anna Berg负责该项目。"),
    ("Anna Berg", "Anna Berg"),
    ("Example Energy, Inc.", "Example Energy, Inc."),
    ("HarbourLink X2", "HarbourLink X2"),
])
def test_names_kept_in_latin_letters_raise_nothing(source: str, target: str) -> None:
    assert findings(source, target) == []


def test_an_organisation_is_also_named_by_its_first_word() -> None:
    """"Halvard will publish …" in a release by Halvard Instruments (tests/data/own/
    financial) was a leftover warning; a generic first word names nothing alone."""
    names = kept_names(["Halvard Instruments"])
    assert names == ("Halvard Instruments", "Halvard")
    assert findings("Halvard will publish its results on 4 February.",
                    "Halvard将于2月4日发布业绩。", names) == []
    assert any(m.startswith("leftover") for m in findings(
        "Halvard will publish its results on 4 February.", "Halvard将于2月4日发布业绩。", ()))
    assert kept_names(["The Harbour Company"]) == ("The Harbour Company",)
    assert kept_names(["BMW China"]) == ("BMW China", "BMW")


def test_without_the_names_the_same_pairs_were_alarms() -> None:
    """What main reported: these are the false alarms the names remove."""
    assert any(m.startswith("leftover") for m in findings(
        "Example Energy today ordered 12 electric ferries.",
        "Example Energy今天订购了12艘电动渡轮。", ()))
    assert any(m.startswith("unchanged") for m in findings("Anna Berg", "Anna Berg", ()))
    assert any(m.startswith("punctuation") for m in findings(
        "Example Energy, Inc. ordered 12 ferries.", "Example Energy, Inc.订购了12艘渡轮。", ()))


def test_names_do_not_hide_real_problems() -> None:
    # an English word left beside the name is still a leftover
    assert any("“deeply”" in m for m in findings("Example Energy deeply thanks you.",
                                               "Example Energy deeply感谢您。"))
    # a comma of the translator's own, outside the name, is still half-width
    assert any(m.startswith("punctuation") for m in findings(
        "Example Energy ordered 12 ferries, and Anna Berg signed.",
        "Example Energy订购了12艘渡轮,Anna Berg签署了合同。"))
    # an untranslated heading is still unchanged
    assert any(m.startswith("unchanged") for m in findings("Press Office", "Press Office"))
    # a name is a whole word: "Berg" in "Bergen" is not Anna Berg
    assert mask("Anna Bergen", names=("Anna Berg",)) == "Anna Bergen"


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("The plan <Harbour Lines 2030> adds 12 ferries.", "<Harbour Lines 2031>计划新增12艘渡轮。",
     "2031"),
    ("Fares <b>fall 20%</b> in May.", "票价<b>下降30%</b>，自五月起。", "30"),
])
def test_text_in_angle_brackets_is_checked(source: str, target: str, expected: str) -> None:
    """pressctl prints "<…>" as typed (README), so its figures are the kit's figures;
    main blanked every "<…>" span before the numbers check and passed these."""
    found = [m for m in findings(source, target) if m.startswith("numbers")]
    assert found and expected in found[0], findings(source, target)


def test_leftover_and_punctuation_read_the_names_from_the_pair() -> None:
    pair = Pair("Anna Berg signed.", "Anna Berg签署了。", names=("Anna Berg",))
    assert leftover.check(pair) == [] and punctuation.width(pair) == []
    assert unchanged.check(Pair("Anna Berg", "Anna Berg", names=("Anna Berg",))) == []


SEED = """---
title: Example Energy orders 12 electric ferries
date: 2026-03-02
lang: en
organisation: Example Energy, Inc.
contact: ["Mei Lin, Head of Communications", "press@example.com"]
---

Example Energy, Inc. today ordered 12 electric ferries.

> “The ferries start in Year two,” said Anna Berg.
>
> — Anna Berg, Chief Executive Officer
"""
PO_ENTRIES = {
    "Example Energy orders 12 electric ferries": "Example Energy订购12艘电动渡轮",
    "Example Energy, Inc. today ordered 12 electric ferries.":
        "Example Energy, Inc.今天订购了12艘电动渡轮。",
    "“The ferries start in Year two,” said Anna Berg.": "“渡轮将于第二年启用，”Anna Berg说。",
    "Anna Berg, Chief Executive Officer": "Anna Berg，首席执行官",
    "Example Energy, Inc.": "Example Energy, Inc.",
    "Mei Lin, Head of Communications": "Mei Lin，传讯主管",
    "press@example.com": "press@example.com",
}


def _project(tmp_path: Path, entries: dict[str, str]) -> Path:
    root = tmp_path / "ferries"
    (root / "seeds").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.pressctl]\nsource_lang = "en"\nlanguages = ["en", "zh"]\n'
        'organisation = "Example Energy, Inc."\n', "utf-8")
    (root / "seeds" / "ferries.md").write_text(SEED, "utf-8")
    assert cli("catalog", "update", cwd=root).returncode == 0
    path = root / "locales/zh/LC_MESSAGES/ferries.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in entries:
            entry.msgstr = entries[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(path))
    return root


def test_a_release_by_example_energy_inc_passes_qa(tmp_path: Path) -> None:
    """The organisation, the speaker and the contact are kept in Latin letters: no alarm."""
    root = _project(tmp_path, PO_ENTRIES)
    problems = [p for p in qa.run(load(root), langs=["zh"], slugs=["ferries"])
                if p.file.endswith("ferries.po")]
    assert problems == [], [str(p) for p in problems]
    result = cli("qa", "ferries", "--lang", "zh", cwd=root)
    assert "ferries.po" not in result.stdout + result.stderr, result.stdout


def test_the_release_still_catches_a_wrong_ordinal(tmp_path: Path) -> None:
    root = _project(tmp_path, {**PO_ENTRIES, "“The ferries start in Year two,” said Anna Berg.":
                               "“渡轮将于第三年启用，”Anna Berg说。"})
    result = cli("qa", "ferries", "--lang", "zh", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ordinals: Year two vs 第三: ordinal 2 ≠ 3" in result.stdout, result.stdout


def test_init_with_an_organisation_with_its_own_punctuation_passes_qa(tmp_path: Path) -> None:
    """`pressctl init --organisation "Example Energy, Inc."`: the sample's Chinese keeps the
    name with its comma and full stop; main called the "." half-width punctuation (exit 1)."""
    folder = tmp_path / "newsroom"
    made = cli("init", str(folder), "--organisation", "Example Energy, Inc.", "--lang", "en",
               "--lang", "zh", cwd=tmp_path, stdin="")
    assert made.returncode == 0, made.stderr
    assert "Example Energy, Inc." in (folder / "locales/zh/LC_MESSAGES/first-release.po"
                                      ).read_text("utf-8")
    result = cli("qa", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "QA: no errors, 0 warning(s)" in result.stderr
