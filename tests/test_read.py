"""The seed reader: structure, faithfulness to the shared seed, and clear errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pressctl.core.errors import PressctlError
from pressctl.source.read import read
from pressctl.source.release import BlockKind, Release
from tests.conftest import ROOT

SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_936b1b46dcf65b4e.txt"


def test_header_fields(release: Release) -> None:
    assert release.title == "BMW to Deeply Integrate with the Harmony Ecosystem in China"
    assert release.date == dt.date(2025, 3, 17)
    assert release.lang == "en"
    assert release.organisation == "BMW China"
    assert [f.label for f in release.facts][:2] == ["Total revenue",
                                                    "Research and development investment"]
    assert release.facts[0].value == 142_380_000_000
    assert release.facts[0].unit == "EUR"


def test_quotes_carry_their_speakers(release: Release) -> None:
    quotes = [b for b in release.blocks if b.kind is BlockKind.QUOTE]
    assert [q.speaker for q in quotes] == [
        "Gao Xiang, President and CEO of BMW Group Greater China",
        "Oliver Zipse, Chairman of the BMW Group",
    ]
    assert quotes[0].text.startswith("“In China, nearly a quarter")
    assert "said Gao Xiang" in quotes[0].text


def test_lead_is_first_paragraph(release: Release) -> None:
    assert release.lead is not None
    assert release.lead.text.startswith("On March 17, BMW China announced")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.%€’“”-]+", text)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared seed folder not beside the repo")
def test_seed_is_faithful_to_the_shared_text(release: Release) -> None:
    """Every sentence of the original stands in the seed, word for word."""
    body = " ".join(b.text for b in release.blocks)
    original = SHARED_SEED.read_text(encoding="utf-8").splitlines()
    assert "Major Announcement! BMW + Huawei!" in original[0]
    assert release.title in original[0]
    for paragraph in original[1:]:
        if paragraph.strip():
            assert " ".join(paragraph.split()) in body


def test_every_figure_in_facts_is_in_the_text(release: Release) -> None:
    body = " ".join(b.text for b in release.blocks)
    for needle in ("€142.38 billion", "€9.1 billion", "17.1%", "6.4%", "460",
                   "3 million", "1.5 million"):
        assert needle in body


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "bad.md"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("", "empty", None),
        ("Just text\n", "no front matter", 1),
        ("---\ntitle: [unclosed\n---\nBody.\n", "broken front matter", 2),
        ("---\ntitle: T\n---\nBody.\n", "lacks date, lang, organisation", 1),
        ("---\ntitle: T\ndate: 17 March\nlang: en\norganisation: O\n---\nBody.\n",
         "not an ISO date", 3),
        ("---\ntitle: T\ndate: 2025-01-01\nlang: en\norganisation: O\n---\n\n> “Hi.”\n",
         "quotation without a speaker", 8),
        ("---\ntitle: T\ndate: 2025-01-01\nlang: en\norganisation: O\nfacts:\n"
         "  - label: X\n    value: lots\n    unit: EUR\n---\nBody.\n", "must be a number", 7),
    ],
)
def test_bad_input_names_file_and_line(tmp_path: Path, content: str, message: str,
                                       line: int | None) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(PressctlError) as info:
        read(path)
    assert message in str(info.value)
    assert info.value.path == path
    assert info.value.line == line
    assert info.value.exit_code == 2


def test_not_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "---\ntitle: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(PressctlError, match="not UTF-8") as info:
        read(path)
    assert info.value.line == 2


def test_markup_characters_are_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "---\ntitle: A <b> & C ]]>\ndate: 2025-01-01\nlang: en\n"
                            "organisation: O & P\n---\n\nProfits <up> & costs ]]> down.\n")
    release = read(path)
    assert release.title == "A <b> & C ]]>"
    assert release.blocks[0].text == "Profits <up> & costs ]]> down."


@pytest.mark.parametrize(("written", "message"), [
    ("2025-02-30", "date 2025-02-30 does not exist (day is out of range for month: "
                   "February 2025 has 28 days)"),
    ('"2025-02-30"', "date 2025-02-30 does not exist (day is out of range for month: "
                     "February 2025 has 28 days)"),
    ("2024-02-30", "date 2024-02-30 does not exist (day is out of range for month: "
                   "February 2024 has 29 days)"),
    ("2025-13-01", "date 2025-13-01 does not exist (month must be in 1..12)"),
    ("17 March", "date '17 March' is not an ISO date (YYYY-MM-DD)"),
    ("2025-3-7", "date '2025-3-7' is not an ISO date (YYYY-MM-DD)"),
])
def test_an_impossible_date_says_why(tmp_path: Path, written: str, message: str) -> None:
    """Unquoted, PyYAML itself used to fail building the date (a traceback); quoted, the
    message called a well-formed date "not an ISO date"."""
    path = _write(tmp_path, f"---\ntitle: T\nlang: en\ndateline: note\ndate: {written}\n"
                            "organisation: O\n---\nBody.\n")
    with pytest.raises(PressctlError) as info:
        read(path)
    assert (info.value.message, info.value.path, info.value.line) == (message, path, 5)


@pytest.mark.parametrize(("written", "date"), [
    ("2025-03-17", dt.date(2025, 3, 17)),
    ('"2025-03-17"', dt.date(2025, 3, 17)),
    ("2025-03-17 10:30:00", dt.date(2025, 3, 17)),
    ("2025-03-17T10:30:00Z", dt.date(2025, 3, 17)),
])
def test_dates_yaml_accepted_still_read(tmp_path: Path, written: str, date: dt.date) -> None:
    path = _write(tmp_path, f"---\ntitle: T\ndate: {written}\nlang: en\norganisation: O\n---\n"
                            "Body.\n")
    assert read(path).date == date


def test_an_impossible_date_is_exit_2_not_a_traceback(project: Path) -> None:
    from tests.test_cli import run

    seed = project / "seeds" / "bmw-huawei-harmonyos.md"
    text = seed.read_text("utf-8")
    line = text[:text.index("date: 2025-03-17")].count("\n") + 1
    seed.write_text(text.replace("date: 2025-03-17", "date: 2025-02-30"), "utf-8")
    result = run("qa", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"error: seeds/bmw-huawei-harmonyos.md:{line}: date 2025-02-30 does not exist (day is "
        "out of range for month: February 2025 has 28 days)\n")


@pytest.mark.parametrize("dash", ["——", "—", "――", "–", "--"])
def test_a_chinese_double_dash_before_the_speaker_is_not_half_kept(tmp_path: Path,
                                                                     dash: str) -> None:
    """"> —— 林怡君，總經理" (GB/T 15834's double dash) names 林怡君, not "— 林怡君"."""
    seed = tmp_path / "recall.md"
    seed.write_text("---\ntitle: 召回\ndate: 2026-12-03\nlang: zh-Hant-TW\n"
                    "organisation: 晨光家電\n---\n\n"
                    f"> 「安全第一。」\n>\n> {dash} 林怡君，晨光家電總經理\n", encoding="utf-8")
    (quote,) = [b for b in read(seed).blocks if b.kind is BlockKind.QUOTE]
    assert quote.speaker == "林怡君，晨光家電總經理"
