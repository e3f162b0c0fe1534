"""Translation memory: reviewed entries only, both directions, exact after normalising."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pressctl.catalogs import memory
from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config


def write_catalog(locales: Path, lang: str, domain: str,
                  entries: list[tuple[str, str, bool]]) -> Path:
    """A catalog of (msgid, msgstr, fuzzy) under locales/<lang>/LC_MESSAGES/<domain>.po."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path = locales / lang / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


@pytest.fixture
def tm(tmp_path: Path) -> memory.Memory:
    locales = tmp_path / "locales"
    write_catalog(locales, "zh", "news", [
        ("BMW China announced a partnership.", "宝马中国宣布了一项合作。", False),
        ("“In China, nearly a quarter of users utilize Huawei devices.",
         "“在中国，近四分之一的用户使用华为设备。", False),
        ("A machine guess.", "机器猜测。", True),
        ("Not yet translated.", "", False),
    ])
    write_catalog(locales, "zh", "other", [("Key figures", "关键数据", False),
                                           ("Press release", "新闻稿", False)])
    po = polib.pofile(str(locales / "zh" / "LC_MESSAGES" / "other.po"))
    po.append(polib.POEntry(msgid="Gone", msgstr="已删除", obsolete=True))
    po.save()
    return memory.load(locales, "en", root=tmp_path)


def test_reviewed_entries_of_every_catalog_only(tm: memory.Memory) -> None:
    assert tm.lookup("Key figures", "en", "zh") is not None
    assert tm.lookup("BMW China announced a partnership.", "en", "zh") is not None
    assert tm.lookup("A machine guess.", "en", "zh") is None  # fuzzy
    assert tm.lookup("Not yet translated.", "en", "zh") is None
    assert tm.lookup("Gone", "en", "zh") is None  # obsolete
    own = [e for table in tm._exact.values() for e in table.values()
           if not e.origin.startswith("pressctl/")]  # the rest is the shipped kit wording
    assert len(own) == 2 * 4


def test_both_directions(tm: memory.Memory) -> None:
    entry = tm.lookup("宝马中国宣布了一项合作。", "zh", "en")
    assert entry is not None
    assert entry.target == "BMW China announced a partnership."
    assert entry.origin == "locales/zh/LC_MESSAGES/news.po"
    found = tm.lookup("Key figures", "en-GB", "zh_CN")
    assert found is not None and found.target == "关键数据"
    assert tm.lookup("Key figures", "en", "fr") is None


@pytest.mark.parametrize("variant", [
    "  BMW China   announced a\tpartnership. ",
    "BMW China announced a partnership .",
])
def test_exact_after_normalising_whitespace(tm: memory.Memory, variant: str) -> None:
    entry = tm.lookup(variant, "en", "zh")
    assert entry is not None and entry.target == "宝马中国宣布了一项合作。"


@pytest.mark.parametrize("variant", [
    "宝马中国宣布了一项合作.",  # half-width full stop
    "宝马中国 宣布了 一项合作。",  # spaces between Chinese words
    "\"在中国, 近四分之一的用户使用华为设备.",  # straight quote, half-width comma
    "“在中国，近四分之一的用户使用华为设备。",
    "＂在中国，近四分之一的用户使用华为设备。",  # full-width straight quote
])
def test_exact_after_normalising_punctuation_width(tm: memory.Memory, variant: str) -> None:
    assert tm.lookup(variant, "zh", "en") is not None


def test_different_words_do_not_match(tm: memory.Memory) -> None:
    assert tm.lookup("BMW China announced a new partnership.", "en", "zh") is None
    assert tm.lookup("bmw china announced a partnership.", "en", "zh") is None


def test_near_matches_are_suggestions(tm: memory.Memory) -> None:
    text = "BMW China announced a new partnership."
    found = tm.suggest(text, "en", "zh", threshold=75)
    assert [s.target for s in found] == ["宝马中国宣布了一项合作。"]
    assert 75 <= found[0].score < 100
    assert tm.suggest(text, "en", "zh", threshold=99) == []
    assert tm.suggest("宝马中国宣布了一项新合作。", "zh", "en", threshold=75)[0].target == \
        "BMW China announced a partnership."


def test_normalise() -> None:
    assert memory.normalise("  a\n b  ") == "a b"
    assert memory.normalise("宝马 中国，华为 。") == "宝马中国,华为."
    assert memory.normalise("“Hi” — ‘x’…") == "\"Hi\" - 'x'..."
    assert memory.normalise("ＢＭＷ　１２３") == "BMW 123"  # full-width forms, ideographic space


def test_malformed_catalog_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "zh" / "LC_MESSAGES" / "bad.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    with pytest.raises(PressctlError) as caught:
        memory.load(tmp_path / "locales", "en")
    assert caught.value.path == path


def test_no_locales_folder(tmp_path: Path) -> None:
    tm = memory.load(tmp_path / "locales", "en")  # only the shipped kit wording
    assert {e.origin for table in tm._exact.values() for e in table.values()} == {
        "pressctl/locale/zh_Hans/LC_MESSAGES/pressctl.po",
        "pressctl/locale/zh_Hant/LC_MESSAGES/pressctl.po"}  # Traditional: issue 15
    # its msgids are English whatever the project's source_lang: still only en <-> zh
    german = memory.load(tmp_path / "locales", "de")
    assert german.languages() == {("en", "zh"), ("zh", "en"), ("en", "zh-Hant-TW"),
                                  ("zh-Hant-TW", "en")}
    assert german.lookup("For immediate release", "en", "zh-Hant-TW").target == "即時發布"
    assert german.lookup("For immediate release", "de", "zh") is None
    assert german.lookup("For immediate release", "en", "zh").target == "即时发布"


def test_project_memory(config: Config) -> None:
    tm = memory.load(config.root / config.locales_dir, config.source_lang, root=config.root)
    found = tm.lookup("重磅！宝马携手华为！", "zh", "en")
    assert found is not None and found.target == "Major Announcement! BMW + Huawei!"


def test_the_shipped_kit_wording_is_in_memory_after_the_project(tm: memory.Memory) -> None:
    found = tm.lookup("For immediate release", "en", "zh")
    assert found is not None and found.target == "即时发布"
    assert found.origin == "pressctl/locale/zh_Hans/LC_MESSAGES/pressctl.po"
    own = tm.lookup("Key figures", "en", "zh")  # the project's own catalog wins
    assert own is not None and own.origin == "locales/zh/LC_MESSAGES/other.po"
