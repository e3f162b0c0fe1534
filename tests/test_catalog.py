"""Catalogs: the real zh catalog is complete and reviewed, round-trips, and merges like msgmerge."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from pressctl.catalogs import catalog
from pressctl.catalogs import project as catalogs
from pressctl.catalogs.wording import KIT_MESSAGES
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config
from pressctl.source.release import Release
from pressctl.source.segment import Segment, segments


def _zh(config: Config, domain: str) -> polib.POFile:
    return catalog.load(config.catalog_path("zh", domain))


def test_zh_catalog_complete_and_reviewed(config: Config, release: Release) -> None:
    po = _zh(config, release.slug)
    wanted = {s.text for s in segments(release)}
    entries = {e.msgid: e for e in po if not e.obsolete}
    assert set(entries) == wanted
    assert all(e.msgstr and "fuzzy" not in e.flags for e in entries.values())
    kit = _zh(config, catalog.KIT_DOMAIN)  # overrides only: the shipped default is used
    assert {e.msgid for e in kit if not e.obsolete} == {m for m, _ in KIT_MESSAGES}


def test_zh_catalog_uses_chinese_conventions(config: Config, release: Release) -> None:
    po = _zh(config, release.slug)
    for entry in po:
        target = entry.msgstr
        if re.search(r"[\u4e00-\u9fff]", target):
            assert not re.search(r"[\u4e00-\u9fff][,;:?!]", target), target  # half-width
            assert '"' not in target
            assert not re.search(r"[\u4e00-\u9fff]\.(?!\d)", target), target
    text = "".join(e.msgstr for e in po)
    for figure in ("1423.8亿欧元", "91亿欧元", "17.1%", "6.4%", "460家", "300万辆", "150万辆",
                   "2026年", "3月17日", "2024年", "2025年"):
        assert figure in text
    assert text.count("“") == text.count("”")


def test_glossary_terms_are_used(config: Config, release: Release) -> None:
    """Each glossary term's Chinese form appears wherever the English term does."""
    import csv

    with config.glossary_path.open(encoding="utf-8") as fh:
        terms = sorted(csv.DictReader(fh), key=lambda r: -len(r["source"]))
    checked: set[str] = set()
    for entry in _zh(config, release.slug):
        source = entry.msgid
        for term in terms:
            pattern = rf"(?<![\w-]){re.escape(term['source'])}(?![\w-])"
            if re.search(pattern, source, flags=re.IGNORECASE):
                assert term["target"] in entry.msgstr, (term["source"], entry.msgstr)
                checked.add(term["source"])
                source = re.sub(pattern, " ", source, flags=re.IGNORECASE)
    # something was checked: the release uses these terms (an empty glossary or catalog,
    # or a pattern that never matches, would otherwise pass)
    assert {"BMW Group", "BMW China", "BMW Digital Key", "HUAWEI HiCar",
            "Harmony ecosystem"} <= checked, checked


def test_round_trip_through_polib(config: Config, tmp_path: Path) -> None:
    original = config.catalog_path("zh", "bmw-huawei-harmonyos")
    po = catalog.load(original)
    copy = tmp_path / "copy.po"
    catalog.save(po, copy)
    assert copy.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")
    again = catalog.load(copy)
    assert [(e.msgid, e.msgstr, e.flags, e.tcomment) for e in again] == \
        [(e.msgid, e.msgstr, e.flags, e.tcomment) for e in po]


def _pot(*texts: str) -> polib.POFile:
    return catalog.template([Segment(t, "body", i + 1) for i, t in enumerate(texts)],
                            "seeds/x.md", project="x")


def test_merge_new_changed_removed() -> None:
    old = catalog.merge(None, _pot("The sky is blue.", "Sales rose 5%.", "Goodbye now."),
                        lang="zh_CN")
    translations = {"The sky is blue.": "天空是蓝色的。", "Sales rose 5%.": "销量增长5%。",
                    "Goodbye now.": "再见。"}
    for entry in old:
        entry.msgstr = translations[entry.msgid]
    merged = catalog.merge(old, _pot("The sky is blue.", "Sales rose 7%.", "A new line."),
                           lang="zh_CN")
    by_id = {e.msgid: e for e in merged if not e.obsolete}
    assert by_id["The sky is blue."].msgstr == "天空是蓝色的。"
    assert "fuzzy" not in by_id["The sky is blue."].flags
    changed = by_id["Sales rose 7%."]
    assert changed.msgstr == "销量增长5%。" and "fuzzy" in changed.flags
    assert changed.previous_msgid == "Sales rose 5%."
    assert by_id["A new line."].msgstr == ""
    obsolete = {e.msgid: e.msgstr for e in merged if e.obsolete}
    # the edited sentence is stored once: as the fuzzy entry, not also as a #~ copy
    assert obsolete == {"Goodbye now.": "再见。"}
    text = merged.__unicode__()
    assert '#~ msgid "Sales rose 5%."' not in text
    assert '#| msgid "Sales rose 5%."' in text
    assert '#~ msgid "Goodbye now."' in text


def test_catalog_update_on_a_changed_seed(project: Path) -> None:
    config = load(project)
    seed = project / "seeds" / "bmw-huawei-harmonyos.md"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("approximately 460 local suppliers", "approximately 470 local suppliers")
    text = text.replace("## Local cooperation 2.0", "## Local cooperation 2.0 in China")
    text += "\nA brand new closing sentence appears here.\n"
    text = text.replace("Additionally, both parties will develop a variety of smart "
                        "applications and features based on HarmonyOS NEXT.", "")
    seed.write_text(text, encoding="utf-8")
    reports = {r.path.name: r for r in catalogs.update_all(config)}
    report = reports["bmw-huawei-harmonyos.po"]
    # the two edited sentences are stored once, as fuzzy entries; only the removed one is obsolete
    assert report.written and report.added == 1 and report.obsolete == 1 and report.fuzzy == 2
    po = catalog.load(config.catalog_path("zh", "bmw-huawei-harmonyos"))
    entries = {e.msgid: e for e in po if not e.obsolete}
    changed = entries["As of now, BMW has approximately 470 local suppliers in China."]
    assert "fuzzy" in changed.flags and changed.msgstr == "目前，宝马在中国拥有约460家本土供应商。"
    assert changed.previous_msgid == \
        "As of now, BMW has approximately 460 local suppliers in China."
    assert entries["A brand new closing sentence appears here."].msgstr == ""
    gone = {e.msgid for e in po if e.obsolete}
    assert "Additionally, both parties will develop a variety of smart applications and " \
           "features based on HarmonyOS NEXT." in gone
    # Reviewed entries were kept as they were.
    assert entries["Total revenue"].msgstr == "总营收"
    stats = {r["document"]: r for r in catalogs.stats(config)}
    assert stats["bmw-huawei-harmonyos"]["fuzzy"] == 2
    assert stats["bmw-huawei-harmonyos"]["untranslated"] == 1
    # A second update changes nothing.
    assert not any(r.written for r in catalogs.update_all(config))


def test_malformed_catalog_is_reported_and_nothing_written(project: Path) -> None:
    config = load(project)
    bad = config.catalog_path("zh", catalog.KIT_DOMAIN)
    bad.write_text('msgid "a"\nmsgstr "b"\nthis is not PO\n', encoding="utf-8")
    good = config.catalog_path("zh", "bmw-huawei-harmonyos")
    (project / "seeds" / "bmw-huawei-harmonyos.md").write_text(
        (project / "seeds" / "bmw-huawei-harmonyos.md").read_text(encoding="utf-8")
        + "\nOne more sentence.\n", encoding="utf-8")
    before = good.read_bytes()
    with pytest.raises(PressctlError) as info:
        catalogs.update_all(config)
    assert info.value.path == bad
    assert info.value.line == 3
    assert good.read_bytes() == before
