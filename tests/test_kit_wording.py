"""The kit's own wording: pressctl ships reviewed Chinese, a project overrides it entry by entry."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from pressctl import qa
from pressctl.build import keys
from pressctl.catalogs import catalog
from pressctl.catalogs import wording as kit
from pressctl.core.config import load
from pressctl.kit.make import make_kit
from pressctl.source.read import read
from tests.conftest import ROOT, SEED, need
from tests.test_cli import run as cli

KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")
DEFAULT = ROOT / "pressctl" / "locale" / "zh_Hans" / "LC_MESSAGES" / "pressctl.po"


def _set(project: Path, msgid: str, msgstr: str, *, fuzzy: bool = False) -> None:
    """Fill one entry of the project's kit catalog as a translator would."""
    path = project / KIT_PO
    po = catalog.load(path)
    [entry] = [e for e in po if e.msgid == msgid]
    entry.msgstr = msgstr
    if fuzzy:
        entry.flags.append("fuzzy")
    po.save(str(path))


def test_a_new_project_gets_the_reviewed_chinese_wording(project: Path) -> None:
    (project / KIT_PO).unlink()  # a project that never translated the kit
    kit_ = make_kit(load(project), read(SEED), "zh")
    assert kit_.t("For immediate release") == "即时发布"
    assert kit_.page_label(2, 3) == "第 2 页，共 3 页"
    assert kit_.t("About {organisation}", organisation="宝马中国") == "关于宝马中国"
    assert kit_.end_mark == "（完）"
    assert kit_.t.missing() == []
    money = {row.label: row.value_text for row in kit_.facts}
    assert "1423.8亿欧元" in money.values(), money


def test_reviewed_override_wins_and_fuzzy_or_empty_falls_back(project: Path) -> None:
    _set(project, "For immediate release", "立即发布")
    _set(project, "Key figures", "主要数字", fuzzy=True)
    kit_ = make_kit(load(project), read(SEED), "zh")
    assert kit_.t("For immediate release") == "立即发布"
    assert kit_.t("Key figures") == "关键数据"  # fuzzy: the default
    assert kit_.t("Media contact") == "媒体联系人"  # empty: the default


def test_traditional_chinese_does_not_get_the_simplified_default() -> None:
    assert kit.default_path("zh_Hans_CN") == DEFAULT.resolve()
    assert kit.default_path("zh_CN") == DEFAULT.resolve()  # CLDR's likely script: Hans
    # Traditional gets its own default (issue 15), never the Simplified one
    assert kit.default_path("zh_Hant_TW") == kit.default_path("zh_Hant_HK") == \
        (kit.DEFAULTS_DIR / "zh_Hant" / "LC_MESSAGES" / "pressctl.po").resolve()
    assert kit.default_wording("zh_Hant_TW")["For immediate release"] == "即時發布"
    assert kit.default_path("en_GB") is None


def test_shipped_default_passes_msgfmt_check_and_covers_every_message() -> None:
    need("msgfmt")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(DEFAULT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    reviewed = catalog.reviewed(catalog.load(DEFAULT))
    assert set(reviewed) == {m for m, _ in kit.KIT_MESSAGES}
    assert reviewed["Page {page} of {pages}"] == "第 {page} 页，共 {pages} 页"
    assert reviewed["{amount} {name}"] == "{amount}{name}"


def test_shipped_default_is_package_data() -> None:
    """setuptools installs what ``package-data`` names: the default must match its glob."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["pressctl"]
    package = ROOT / "pressctl"
    shipped = {p for g in globs for p in package.glob(g)}
    assert DEFAULT in shipped


def test_the_project_catalog_only_holds_overrides() -> None:
    """The repository's own pressctl.po is what ``catalog update`` makes: empty entries."""
    po = catalog.load(ROOT / KIT_PO)
    assert {e.msgid for e in po if not e.obsolete} == {m for m, _ in kit.KIT_MESSAGES}
    assert catalog.reviewed(po) == {}
    entry = next(e for e in po if e.msgid == "For immediate release")
    assert "pressctl's default “即时发布” is used" in entry.comment


def test_catalog_update_creates_the_override_catalog_and_the_build_publishes(
        project: Path) -> None:
    (project / KIT_PO).unlink()
    assert cli("catalog", "update", cwd=project).returncode == 0
    po = catalog.load(project / KIT_PO)
    assert {e.msgid for e in po} == {m for m, _ in kit.KIT_MESSAGES}
    assert all(not e.msgstr for e in po)
    stats = json.loads(cli("catalog", "stats", "--json", cwd=project).stdout)
    [row] = [r for r in stats if r["document"] == "pressctl"]
    assert (row["translated"], row["untranslated"]) == (len(kit.KIT_MESSAGES), 0)
    assert qa.run(load(project)) == []
    result = cli("build", "--format", "pdf", "--lang", "zh", cwd=project)
    assert result.returncode == 0, result.stderr
    need("pdftotext")
    pdf = project / "dist" / "bmw-huawei-harmonyos" / "bmw-huawei-harmonyos.zh.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "即时发布" in text and "第 1 页，共" in text and "（完）" in text


def test_qa_checks_a_reviewed_override_but_not_empty_or_fuzzy_ones(project: Path) -> None:
    _set(project, "Page {page} of {pages}", "第 {page} 页")
    _set(project, "Key figures", "主要数字", fuzzy=True)
    found = {(p.check, p.msgid) for p in qa.run(load(project))}
    assert found == {("placeholders", "Page {page} of {pages}")}


def test_input_key_hashes_the_shipped_default(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(DEFAULT.parent.parent.parent, copy)
    monkeypatch.setattr(keys, "SHIPPED_WORDING", copy)
    config = load(ROOT)
    before = keys.input_key(config, SEED, "zh", "pdf", False, "code")
    english = keys.input_key(config, SEED, "en", "pdf", False, "code")
    po = copy / "zh_Hans" / "LC_MESSAGES" / "pressctl.po"
    po.write_text(po.read_text("utf-8").replace("即时发布", "立即发布"), "utf-8")
    assert keys.input_key(config, SEED, "zh", "pdf", False, "code") != before
    assert keys.input_key(config, SEED, "en", "pdf", False, "code") == english


def test_a_latin_unit_symbol_is_spaced_in_a_chinese_kit() -> None:
    """"2,800kWh" in the Taiwan kit where the English kit prints "2,800 kWh" (issue 23)."""
    from pressctl.kit import Wording, fact_row
    from pressctl.source.release import Fact

    closed = Wording(None, {"{amount} {unit}": "{amount}{unit}"})
    row = fact_row(Fact("Storage", 2800, "kWh"), Fact("儲能", 2800, "kWh"), closed,
                   "zh_Hant_TW")
    assert row.value_text == "2,800 kWh"
    tonnes = fact_row(Fact("Cut", 2800, "t"), Fact("減排", 2800, "噸"), closed, "zh_Hant_TW")
    assert tonnes.value_text == "2,800噸"


def test_money_is_written_as_the_language_setting_says() -> None:
    """CLDR's symbol by default; an ISO code, a name or the project's own label
    ("RMB 1.85 billion", as the English text of a Chinese release writes it) per language."""
    from pressctl.kit import Wording, fact_row
    from pressctl.source.release import Fact

    fact = Fact("Order value", 1_850_000_000, "CNY")
    english = Wording(None)
    assert fact_row(fact, fact, english, "en_GB").value_text == "CN¥1.85 billion"
    assert fact_row(fact, fact, english, "en_GB", {"CNY": "RMB"}).value_text == \
        "RMB 1.85 billion"
    assert fact_row(fact, fact, english, "en_GB", {"display": "code"}).value_text == \
        "CNY 1.85 billion"
    # any currency CLDR knows is formatted by the kit (TWD was a unit to translate)
    refund = Fact("Maximum refund", 1990, "TWD")
    assert fact_row(refund, refund, english, "en_GB").value_text == "NT$1,990"
    assert fact_row(refund, refund, english, "en_GB", {"TWD": "NT$"}).value_text == "NT$1,990"
    assert fact_row(fact, fact, english, "en_GB", {"display": "name"}).value_text == \
        "1.85 billion Chinese yuan"


def test_an_unknown_currency_display_is_refused_naming_the_line(project: Path) -> None:
    from tests.test_cli import run

    with (project / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[tool.pressctl.currency.en]\ndisplay = "iso"\n')
    result = run("qa", cwd=project)
    assert result.returncode == 2
    assert 'currency.en] display is \'iso\'; expected "symbol", "code" or "name"' in result.stderr
