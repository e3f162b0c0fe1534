"""Translation QA (pressctl qa) and the release gate: each check passes good text and catches bad.

Checks are tested on English/Chinese pairs; the real announcement catalog
must pass clean, and copies of it with one seeded error each must fail with
the right check through the command line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pressctl import qa
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config
from pressctl.qa import glossary_check, leftover, length, placeholders, punctuation, unchanged
from pressctl.qa.base import Pair, Term
from pressctl.qa.severity import DEFAULTS
from pressctl.qa.terms import load_terms
from tests.conftest import ROOT
from tests.test_cli import run as cli

PO = Path("locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po")
KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")
TERMS = (
    Term("BMW Group Greater China", "宝马集团大中华区"), Term("BMW Group", "宝马集团"),
    Term("BMW China", "宝马中国"), Term("BMW Digital Key", "BMW数字钥匙"),
    Term("MyBMW App", "MyBMW App"), Term("HUAWEI HiCar", "HUAWEI HiCar"),
    Term("HarmonyOS NEXT", "HarmonyOS NEXT"), Term("Huawei terminals", "华为终端"),
    Term("Huawei", "华为"), Term("BMW", "宝马"), Term("smart cockpit", "智能座舱"),
    Term("Oliver Zipse", "齐普策"),
)


def pair(source: str, target: str, **kwargs: object) -> Pair:
    return Pair(source, target, terms=TERMS, **kwargs)  # type: ignore[arg-type]


def en(source: str, target: str, **kwargs: object) -> Pair:
    """Chinese source, English translation."""
    return Pair(source, target, source_lang="zh", target_lang="en", source_locale="zh_Hans_CN",
                target_locale="en_GB", **kwargs)  # type: ignore[arg-type]


def messages(findings: list[qa.Finding]) -> list[str]:  # type: ignore[name-defined]
    return [f.message for f in findings]


def edit(project: Path, old: str, new: str, po: Path = PO) -> None:
    path = project / po
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def configure(project: Path, settings: str) -> None:
    path = project / "pyproject.toml"
    path.write_text(path.read_text("utf-8").replace("[tool.pressctl.qa]\n",
                                                    f"[tool.pressctl.qa]\n{settings}\n"), "utf-8")


# --- the real project ------------------------------------------------------------------------

def test_real_catalogs_pass_clean(config: Config) -> None:
    assert qa.run(config) == []


def test_qa_command_is_clean_on_the_announcement() -> None:
    result = cli("qa")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no errors, 0 warning(s)" in result.stderr


def test_glossary_terms_come_from_the_project_glossary(config: Config) -> None:
    terms = load_terms(config, "zh")
    assert Term("Oliver Zipse", "齐普策") in terms
    assert Term("HUAWEI HiCar", "HUAWEI HiCar") in terms


# --- seeded errors, through the command line ---------------------------------------------------

SEEDED = [
    ("changed figure", "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。", "numbers",
     "1432.8亿"),
    ("missing glossary term", "宣布与华为终端达成合作协议", "宣布与华为达成合作协议", "glossary",
     "Huawei terminals"),
    ("half-width comma", "msgstr \"3月17日，宝马中国", "msgstr \"3月17日,宝马中国", "punctuation",
     "3月17日,宝马中国宣布"),
    ("unbalanced quote", "msgstr \"“2025年将是", "msgstr \"2025年将是", "punctuation-balance", "”"),
    ("lost full stop", "营收的6.4%。\"", "营收的6.4%\"", "punctuation-final", "6.4%"),
    ("dropped placeholder", 'msgid "Page {page} of {pages}"\nmsgstr ""',
     'msgid "Page {page} of {pages}"\nmsgstr "第 {page} 页，共 页"', "placeholders", "{pages}"),
]


@pytest.mark.parametrize(("old", "new", "check", "text"),
                         [s[1:] for s in SEEDED], ids=[s[0] for s in SEEDED])
def test_seeded_error_is_caught_by_its_check(project: Path, old: str, new: str, check: str,
                                             text: str) -> None:
    po = KIT_PO if "{page}" in old else PO
    edit(project, old, new, po)
    result = cli("qa", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{po}:")
    assert f": error: {check}: " in lines[0]
    assert re.search(rf"\[text: “[^”]*{re.escape(text)}", lines[0]), lines[0]
    assert "QA found 1 error(s)" in result.stderr


def test_problem_line_points_at_the_entry(project: Path) -> None:
    edit(project, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    result = cli("qa", "--json", cwd=project)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"] == 1 and report["warnings"] == 0
    [problem] = report["problems"]
    assert problem["check"] == "numbers" and problem["severity"] == "error"
    assert problem["file"] == str(PO) and problem["lang"] == "zh"
    assert problem["msgid"].startswith("Recently, BMW announced its financial report")
    assert problem["text"] == "1432.8亿"
    lines = (project / PO).read_text("utf-8").splitlines()
    block = "\n".join(lines[problem["line"] - 1:problem["line"] + 4])
    assert "Recently, BMW announced its financial report" in block


def test_json_is_clean_on_the_announcement() -> None:
    result = cli("qa", "--json", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "errors": 0, "warnings": 0, "problems": []}


def test_warnings_alone_exit_0(project: Path) -> None:
    edit(project, "近日，宝马发布2024年财报", "近日，宝马recently发布2024年财报")
    result = cli("qa", cwd=project)
    assert result.returncode == 0, result.stderr
    assert ": warning: leftover: " in result.stdout
    assert "no errors, 1 warning(s)" in result.stderr


def test_severity_is_configurable(project: Path) -> None:
    edit(project, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    configure(project, 'numbers = "warning"')
    result = cli("qa", cwd=project)
    assert result.returncode == 0 and ": warning: numbers: " in result.stdout
    configure(project, 'punctuation = "off"')
    assert qa.run(load(project), levels={"numbers": "off"}) == []


@pytest.mark.parametrize("setting", ['numbrs = "error"', 'numbers = "fatal"'])
def test_bad_severity_settings_are_input_errors(project: Path, setting: str) -> None:
    configure(project, setting)
    result = cli("qa", cwd=project)
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and "Traceback" not in result.stderr


def test_unknown_language_is_an_input_error() -> None:
    result = cli("qa", "--lang", "fr")
    assert result.returncode == 2 and "unknown language 'fr'" in result.stderr


def test_a_translator_can_waive_a_check_for_one_entry(project: Path) -> None:
    edit(project, "近日，宝马发布2024年财报", "近日，宝马recently发布2024年财报")
    edit(project, "# €142.38 billion = 1423.8亿欧元.", "# €142.38 billion = 1423.8亿欧元.\n"
                                                      "# qa-ignore: leftover")
    assert qa.run(load(project)) == []


def test_status_cannot_be_waived(project: Path) -> None:
    edit(project, "# €142.38 billion = 1423.8亿欧元.\n", "# qa-ignore: fuzzy, untranslated\n"
                                                        "#, fuzzy\n")
    assert [p.check for p in qa.run(load(project))] == ["fuzzy"]


# --- status ------------------------------------------------------------------------------------

def test_untranslated_fuzzy_and_missing_entries(project: Path) -> None:
    edit(project, 'msgstr "宝马中国"', 'msgstr ""')
    edit(project, "#. heading\n#: seeds/bmw-huawei-harmonyos.md:57\n",
         "#. heading\n#: seeds/bmw-huawei-harmonyos.md:57\n#, fuzzy\n")
    edit(project, 'msgid "suppliers"\nmsgstr "家"\n', "")
    found = {(p.check, p.msgid, p.file) for p in qa.run(load(project))}
    assert found == {
        ("untranslated", "BMW China", str(PO)),
        ("fuzzy", "Local cooperation 2.0", str(PO)),
        ("untranslated", "suppliers", "seeds/bmw-huawei-harmonyos.md"),
    }


def test_a_missing_catalog_is_untranslated(project: Path) -> None:
    (project / PO).unlink()
    [problem] = qa.run(load(project))
    assert problem.check == "untranslated" and problem.file == str(PO)
    assert "catalog update" in problem.message


# --- the release gate ------------------------------------------------------------------------

def test_gate_passes_the_announcement(config: Config) -> None:
    assert qa.gate(config, ["bmw-huawei-harmonyos"], ("en", "zh")) == []


def test_gate_blocks_errors_and_fuzzy_but_not_warnings(project: Path) -> None:
    edit(project, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    edit(project, "#. heading\n#: seeds/bmw-huawei-harmonyos.md:57\n",
         "#. heading\n#: seeds/bmw-huawei-harmonyos.md:57\n#, fuzzy\n")
    edit(project, "近日，宝马发布2024年财报", "近日，宝马recently发布2024年财报")
    configure(project, 'fuzzy = "warning"')
    config = load(project)
    blocking = qa.gate(config, ["bmw-huawei-harmonyos"], ("en", "zh"))
    assert sorted(p.check for p in blocking) == ["fuzzy", "numbers"]
    assert all(p.severity == "error" for p in blocking)
    assert "leftover" in {p.check for p in qa.run(config)}
    message = qa.gate_message(blocking)
    assert message.startswith("QA found 2 blocking problem(s):")
    assert f"{PO}:" in message and "1432.8亿" in message and "Local cooperation 2.0" in message


def test_gate_checks_only_the_releases_and_languages_built(project: Path) -> None:
    edit(project, "全年总营收达1423.8亿欧元。", "全年总营收达1432.8亿欧元。")
    config = load(project)
    assert qa.gate(config, ["bmw-huawei-harmonyos"], ("en",)) == []
    assert qa.gate(config, [], ("zh",)) == []  # only the kit's own wording
    assert len(qa.gate(config, None, None)) == 1


def test_gate_message_is_capped() -> None:
    problems = [qa.Problem("x.po", i, "zh", "m", "numbers", "error", "bad", "1") for i in range(25)]
    message = qa.gate_message(problems)
    assert message.count("\n") == 21 and "… and 5 more" in message


# --- glossary ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "target"), [
    ("Gao Xiang, President and CEO of BMW Group Greater China",
     "高翔，宝马集团大中华区总裁兼首席执行官"),
    ("The BMW Digital Key will launch.", "BMW数字钥匙将上线。"),  # not also 宝马
    ("users of HUAWEI HiCar and MyBMW App", "HUAWEI HiCar和MyBMW App用户"),
    ("BMW’s smart cockpit", "宝马智能座舱"),
    ("Smart cockpits for BMW", "宝马智能座舱"),
    ("launching the BMW Digital Key", "推出BMW 数字钥匙"),
    ("The HUAWEI Mate phone", "HUAWEI Mate手机"),  # a name is matched as written
    ("MyBMW users", "MyBMW用户"),  # BMW inside MyBMW is not the term BMW
])
def test_glossary_terms_used_pass(source: str, target: str) -> None:
    assert glossary_check.check(pair(source, target)) == []


def test_glossary_applies_from_chinese_to_english() -> None:
    terms = (Term("本土合作2.0", "local cooperation 2.0"), Term("齐普策", "Oliver Zipse"))
    assert glossary_check.check(en("本土合作2.0", "Local cooperation 2.0", terms=terms)) == []
    [finding] = glossary_check.check(en("齐普策表示。", "Mr Zipse said.", terms=terms))
    assert finding.text == "齐普策"


@pytest.mark.parametrize(("source", "target", "term"), [
    ("an agreement with Huawei terminals", "与华为达成协议", "Huawei terminals"),
    ("said Oliver Zipse", "奥利弗·齐普斯表示", "Oliver Zipse"),
    ("The BMW Digital Key", "宝马数字钥匙", "BMW Digital Key"),
    ("BMW Group", "宝马集团公司", None),
    ("users of HUAWEI HiCar", "华为HiCar用户", "HUAWEI HiCar"),
    ("BMW China", "宝马", "BMW China"),
])
def test_glossary_terms_missing_fail(source: str, target: str, term: str | None) -> None:
    findings = glossary_check.check(pair(source, target))
    if term is None:
        assert findings == []
        return
    assert [f.text for f in findings] == [term]
    assert "is not translated as" in findings[0].message


# --- placeholders ------------------------------------------------------------------------------

KIT = ("python-brace-format",)


@pytest.mark.parametrize(("source", "target", "comment"), [
    ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页", ""),
    ("{amount} {unit}", "{amount}{unit}", ""),
    ("{amount} {name}", "{amount}{name}", ""),
    ("About {organisation}", "关于{organisation}", ""),
    ("See https://www.bmw.com.cn for details.", "详情请见https://www.bmw.com.cn。", ""),
    ("Write to <b>press@bmw.com</b>.", "请致信<b>press@bmw.com</b>。", ""),
])
def test_placeholders_kept_pass(source: str, target: str, comment: str) -> None:
    assert placeholders.check(pair(source, target, flags=KIT, comment=comment)) == []


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("Page {page} of {pages}", "第 {page} 页，共 {page} 页", "placeholder {pages} is missing"),
    ("about {value}", "约{amount}", "placeholder {amount} is not in the source"),
    ("{symbol}{amount}", "{amount}{name}", "placeholder {name} is not in the source"),
    ("about {value}", "约{value", "broken placeholder"),
    ("See https://www.bmw.com.cn for details.", "详情请见宝马官网。", "URL https://www.bmw.com.cn"),
    ("Write to press@bmw.com.", "请致信press@bmw.cn。", "e-mail address press@bmw.com is"),
])
def test_placeholders_broken_fail(source: str, target: str, expected: str) -> None:
    found = messages(placeholders.check(pair(source, target, flags=KIT)))
    assert any(m.startswith(expected) for m in found), found


@pytest.mark.parametrize(("source", "target"), [
    ("[Book <now>](https://x.example)", "[立即预订](https://x.example)"),
    ("A <b>bold</b> move.", "大胆之举。"),
])
def test_angle_brackets_are_text_as_printed(source: str, target: str) -> None:
    """README: `<`, `>` and inline HTML are printed literally, so a translator may
    translate `<now>` like any word; the link and its URL must still survive."""
    from pressctl.qa import ENTRY_CHECKS

    assert [f.message for run in ENTRY_CHECKS.values() for f in run(pair(source, target))] == []


def test_a_link_around_angle_brackets_must_still_survive() -> None:
    from pressctl.qa import ENTRY_CHECKS

    found = messages(ENTRY_CHECKS["markup"](pair("[Book <now>](https://x.example)", "立即预订")))
    assert any("https://x.example" in m for m in found), found


def test_printf_placeholders_under_python_format() -> None:
    flags = ("python-format",)
    assert placeholders.check(pair("%(count)d cars", "%(count)d辆", flags=flags)) == []
    assert placeholders.check(pair("%(count)d cars", "辆", flags=flags)) != []
    assert placeholders.check(pair("up 6.4% of revenue", "营收的6.4%")) == []


# --- punctuation -------------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "target"), [
    ("On March 17, BMW China announced it.", "3月17日，宝马中国宣布。"),
    ("Revenue was €142.38 billion.", "营收为1423.8亿欧元。"),
    ("Local cooperation 2.0", "本土合作2.0"),
    ("BMW’s smart cockpit", "宝马的智能座舱"),
    ("the era of “people-vehicle-home”.", "“人-车-家”时代。"),
    ("Cumulative sales (plan)", "累计销量（计划）"),
    ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
])
def test_chinese_punctuation_passes(source: str, target: str) -> None:
    assert punctuation.width(pair(source, target, flags=KIT)) == []


@pytest.mark.parametrize(("target", "mark"), [
    ("3月17日,宝马中国宣布。", ","),
    ("宝马宣布:双方合作。", ":"),
    ("宝马中国宣布.", "."),
    ("累计销量(计划)", "("),
    ('实现"人-车-家"生态。', '"'),
    ("重磅!宝马携手华为!", "!"),
    ("这是真的吗?", "?"),
])
def test_half_width_punctuation_in_chinese_fails(target: str, mark: str) -> None:
    found = punctuation.width(pair("Source.", target))
    assert found and f"half-width “{mark}”" in found[0].message


def test_full_width_punctuation_in_english_fails() -> None:
    assert punctuation.width(en("宝马中国宣布。", "BMW China announced it.")) == []
    assert punctuation.width(en("宝马中国（北京）", "BMW China（Beijing）")) != []
    found = punctuation.width(en("3月17日，宝马中国宣布。",
                                 "On March 17，BMW China announced it。"))
    assert [f.message for f in found] == ["full-width “，” in en text",
                                          "full-width “。” in en text"]


@pytest.mark.parametrize(("source", "target"), [
    ("BMW China announced it.", "宝马中国宣布。"),
    ("Major Announcement! BMW + Huawei!", "重磅！宝马携手华为！"),
    ("Is it true?", "这是真的吗？"),
    ("Media contact", "媒体联系人"),
    ("Key figures in {unit}", "关键数据（单位：{unit}）"),
    ("“In China, users utilize Huawei devices.", "“在中国，用户使用华为设备。"),
    ("scenarios,” said Gao Xiang.", "场景。”高翔表示。"),
    ("“The year 2025 will be a milestone,” stated Oliver Zipse.",
     "“2025年将是里程碑。”齐普策表示。"),
    ("Contact:", "联系方式："),
    ("And so on…", "等等……"),
    ("BMW China", "宝马中国"),
])
def test_sentence_final_punctuation_kept_passes(source: str, target: str) -> None:
    assert punctuation.final(pair(source, target, flags=KIT)) == []


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("BMW China announced it.", "宝马中国宣布", "the source ends with a full stop; the translation "
                                              "does not"),
    ("Media contact", "媒体联系人。", "the translation ends with a full stop; the source has none"),
    ("Is it true?", "这是真的。", "the source ends with a question mark; the translation with a "
                                 "full stop"),
    ("BMW announced it.", "宝马宣布！", "the translation with a exclamation mark"),
])
def test_sentence_final_punctuation_changed_fails(source: str, target: str,
                                                  expected: str) -> None:
    found = messages(punctuation.final(pair(source, target)))
    assert found and expected in found[0], found


def test_balanced_brackets_and_quotes_pass() -> None:
    cases = [("Sales (plan)", "销量（计划）"), ("the “people-vehicle-home” idea", "“人-车-家”理念"),
             ("BMW’s users", "宝马用户"), ("the book", "《书》"),
             ("“In China, nearly a quarter of users.", "“在中国，近四分之一的用户。")]
    for source, target in cases:
        assert punctuation.balance([pair(source, target)]) == [[]], (source, target)


def test_quotation_spanning_two_segments_passes() -> None:
    paragraph = [pair("“In China, users utilize Huawei devices.", "“在中国，用户使用华为设备。"),
                 pair("BMW will upgrade it,” said Gao Xiang.", "宝马将全面升级。”高翔表示。")]
    assert punctuation.balance(paragraph) == [[], []]
    moved = [pair("“In China, users utilize Huawei devices.", "在中国，用户使用华为设备。"),
             pair("BMW will upgrade it,” said Gao Xiang.", "“宝马将全面升级。”高翔表示。")]
    assert punctuation.balance(moved) == [[], []]  # the quotation still opens and closes


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("“The year 2025 will be a milestone,” said he.", "2025年将是里程碑。”他表示。",
     "double quote ” closes nothing"),
    ("Sales (plan)", "销量（计划", "bracket （ is never closed"),
    ("the “people-vehicle-home” idea", "“人-车-家理念", "double quote “ is never closed"),
    ("“In China, users utilize Huawei devices.", "在中国，用户使用华为设备。",
     "the source's double quote “, which pairs with the next segment, is missing"),
    ("a 《book》", "《书", "title mark 《 is never closed"),
])
def test_unbalanced_brackets_and_quotes_fail(source: str, target: str, expected: str) -> None:
    [findings] = punctuation.balance([pair(source, target)])
    assert expected in messages(findings), findings


def test_unbalanced_quote_in_a_paragraph_fails() -> None:
    paragraph = [pair("“In China, users utilize Huawei devices.", "“在中国，用户使用华为设备。"),
                 pair("BMW will upgrade it,” said Gao Xiang.", "宝马将全面升级。高翔表示。")]
    first, second = punctuation.balance(paragraph)
    assert first == [] and messages(second) == [
        "the source's double quote ”, which pairs with the previous segment, is missing"]


# --- unchanged, length, leftover ---------------------------------------------------------------

@pytest.mark.parametrize(("source", "target"), [
    ("MyBMW App", "MyBMW App"),
    ("HUAWEI HiCar", "HUAWEI HiCar"),
    ("{amount} {unit}", "{amount} {unit}"),
    ("2024", "2024"),
    ("###", "###"),
    ("BMW China", "宝马中国"),
])
def test_unchanged_allowed_passes(source: str, target: str) -> None:
    assert unchanged.check(pair(source, target, flags=KIT)) == []


@pytest.mark.parametrize(("source", "target"), [
    ("BMW China announced it.", "BMW China announced it."),
    ("Key figures", "Key  figures"),
    ("宝马中国宣布。", "宝马中国宣布。"),
])
def test_unchanged_translation_fails(source: str, target: str) -> None:
    assert messages(unchanged.check(pair(source, target))) == [
        "the translation is the source text unchanged"]


LONG = ("It is reported that, in preparation for the smart era, BMW is closely collaborating "
        "with Chinese tech partners on advanced technologies.")


@pytest.mark.parametrize(("source", "target"), [
    (LONG, "据悉，为迎接智能化时代，宝马正与中国科技伙伴在前沿技术领域紧密合作。"),
    ("suppliers", "家"),  # labels and units are too short to judge
    ("Research and development investment", "研发投入"),
    ("宝马正与中国科技伙伴在前沿技术领域紧密合作。",
     "BMW is closely collaborating with Chinese tech partners on advanced technologies."),
])
def test_plausible_length_passes(source: str, target: str) -> None:
    kwargs = {"target_lang": "en"} if target.isascii() else {}
    assert length.check(pair(source, target, **kwargs)) == []


@pytest.mark.parametrize(("source", "target", "what"), [
    (LONG, "据悉，宝马正在合作。", "short"),
    (LONG, "据悉，为迎接智能化时代，宝马正与中国科技伙伴在前沿技术领域紧密合作。" * 3, "long"),
    ("宝马正与中国科技伙伴在前沿技术领域紧密合作。", "BMW works with partners.", "short"),
])
def test_length_outliers_fail(source: str, target: str, what: str) -> None:
    [finding] = length.check(pair(source, target))
    assert f"unusually {what}" in finding.message


@pytest.mark.parametrize(("source", "target"), [
    ("users of HUAWEI HiCar and MyBMW App", "HUAWEI HiCar和MyBMW App的用户"),
    ("based on HarmonyOS NEXT", "基于HarmonyOS NEXT"),
    ("The BMW Digital Key", "BMW数字钥匙"),
    ("a range of 600 km", "续航600 km"),
    ("the BMW iX3 and 5G", "宝马iX3与5G"),
    ("About {organisation}", "关于{organisation}"),
    ("BMW China announced it.", "BMW China announced it."),  # not Chinese: unchanged's job
    # accented Latin letters belong to the word: not "S" + a leftover "hne"
    ("with O'Brien & Söhne and Škoda", "与O'Brien & Söhne及Škoda合作"),
])
def test_names_and_terms_in_latin_pass(source: str, target: str) -> None:
    assert leftover.check(pair(source, target, flags=KIT)) == []


@pytest.mark.parametrize(("source", "target", "left"), [
    ("BMW will deeply integrate with Harmony.", "宝马将deeply integrate鸿蒙。", "deeply integrate"),
    ("In China, users like it.", "In中国，用户喜欢。", "In"),
    ("users of HiCar", "HiCar的users", "users"),
    ("BMW launched it.", "宝马推出了Digital Key。", "Digital Key"),
    ("The plant opens in München.", "工厂在münchen开业。", "münchen"),
])
def test_leftover_latin_words_fail(source: str, target: str, left: str) -> None:
    assert [f.text for f in leftover.check(pair(source, target))] == [left]


def test_leftover_only_judges_chinese_and_japanese() -> None:
    assert leftover.check(en("宝马中国宣布。", "BMW China announced it.")) == []


# --- API shape ---------------------------------------------------------------------------------

def test_every_check_has_a_default_severity() -> None:
    assert set(DEFAULTS) == {*qa.ENTRY_CHECKS, "punctuation-balance", "untranslated", "fuzzy"}
    assert {k for k, v in DEFAULTS.items() if v == "warning"} == {"length", "leftover",
                                                                 "unchanged", "degenerate"}


def test_stages_never_print() -> None:
    for path in (ROOT / "pressctl" / "qa").glob("*.py"):
        assert not re.search(r"\bprint\(", path.read_text("utf-8")), path


def test_unknown_severity_raises_input_error(project: Path) -> None:
    configure(project, 'glossary = "loud"')
    with pytest.raises(PressctlError, match="glossary must be one of"):
        qa.run(load(project))
