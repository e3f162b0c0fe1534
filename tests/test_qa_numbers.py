"""Figures compared by value across English and Chinese conventions (pressctl.qa.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressctl.qa import dates
from pressctl.qa.base import Pair
from pressctl.qa.numbers import check, extract, scales

EN, ZH = "en_GB", "zh_Hans_CN"


def values(text: str, locale: str) -> list[object]:
    return [n.value for n in extract(text, locale)]


def zh(source: str, target: str) -> list[str]:
    """Dates and periods (dates), then figures (numbers), as qa runs them."""
    return [f.message for f in dates.check(Pair(source, target)) + check(Pair(source, target))]


def test_scale_words_come_from_cldr() -> None:
    assert scales(EN)["billion"] == 10**9
    assert scales(EN)["million"] == 10**6
    assert scales(ZH) == {"万": 10**4, "亿": 10**8, "万亿": 10**12}


@pytest.mark.parametrize(("english", "chinese"), [
    ("revenue of €142.38 billion", "营收1423.8亿欧元"),
    ("€9.1 billion", "91亿欧元"),
    ("over 3 million vehicles", "超过300万辆"),
    ("more than 1.5 million", "超过150万"),
    ("€9.1bn", "91亿欧元"),
    ("10 thousand", "1万"),
    ("2 trillion", "2万亿"),
    ("30 million", "3千万"),
    ("3,000 units", "3千台"),
    ("1,234,567.5 units", "1234567.5台"),
    ("up 17.1%", "增长17.1%"),
    ("up 17.1 per cent", "增长17.1%"),
    ("up 17.1%", "增长１７．１％"),
    ("approximately 460 local suppliers", "约460家本土供应商"),
    ("On March 17, BMW China announced", "3月17日，宝马中国宣布"),
    ("on 17 March 2025", "2025年3月17日"),
    ("on March 17th", "3月17日"),
    ("by 2026", "2026年"),
    ("in March", "3月"),
    ("Local cooperation 2.0", "本土合作2.0"),
    ("nearly a quarter of users", "近四分之一的用户"),
    ("the 2024-2025 season", "2024-2025赛季"),
    ("in Q1 2025", "2025年第一季度"),
    ("in the third quarter", "第三季度"),
    ("Q4 sales", "四季度销量"),
    ("in H1", "上半年"),
    ("in the second half of 2025", "2025年下半年"),
    ("3 new models", "三款新车型"),
    ("three plants", "3家工厂"),
])
def test_same_figures_pass_both_ways(english: str, chinese: str) -> None:
    assert zh(english, chinese) == []
    reverse = Pair(chinese, english, source_lang="zh", target_lang="en", source_locale=ZH,
                   target_locale=EN)
    assert check(reverse) == [] and dates.check(reverse) == []


@pytest.mark.parametrize(("english", "chinese", "expected"), [
    ("revenue of €142.38 billion", "营收1432.8亿欧元", "number changed: 142.38 billion"),
    ("revenue of €142.38 billion", "营收142.38亿欧元", "number changed"),
    ("over 3 million vehicles", "超过30万辆", "number changed"),
    ("about 460 suppliers", "约家供应商", "number missing from the translation: 460"),
    ("about 460 suppliers", "约460家供应商，共500家", "number not in the source: 500"),
    ("On March 17, BMW announced", "3月18日，宝马宣布",
     "March 17 (month 3, day 17) vs 3月18日 (month 3, day 18): date changed"),
    ("On March 17, BMW announced", "17日，宝马宣布", "March 17 (month 3, day 17) missing"),
    ("in March", "4月", "March (month 3) vs 4月 (month 4): month changed"),
    ("by 2026", "2027年", "number changed: 2026"),
    ("up 17.1%", "增长71.1%", "number changed: 17.1"),
    ("in Q1 2025", "2025年第二季度", "Q1 (quarter 1) vs 第二季度 (quarter 2): quarter changed"),
    ("in H1", "下半年", "H1 (half 1) vs 下半年 (half 2)"),
])
def test_changed_missing_or_extra_figures_fail(english: str, chinese: str,
                                               expected: str) -> None:
    messages = zh(english, chinese)
    assert messages and expected in messages[0], messages


def test_changed_figure_names_both_values() -> None:
    [finding] = check(Pair("revenue of €142.38 billion", "营收1432.8亿欧元"))
    assert finding.text == "1432.8亿"
    assert "142,380,000,000" in finding.message and "143,280,000,000" in finding.message


def test_words_that_look_like_units_are_not_multipliers() -> None:
    assert values("全长5千米，重3千克", ZH) == [Decimal(5), Decimal(3)]
    assert values("BMW may announce 3 models in May", EN) == [Decimal(3)]
    assert values("3个月内", ZH) == [Decimal(3)]
    assert values("统一月度报告", ZH) == []


def test_placeholders_and_urls_hold_no_figures() -> None:
    assert values("Page {page} of {pages}, see https://example.com/2024/report", EN) == []


def test_repeated_figures_compare_as_sets() -> None:
    assert zh("In 2025 the company will focus on 2025 targets.", "2025年公司将聚焦目标。") == []


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=2))
def test_billions_in_english_are_yi_in_chinese(cents: int, places: int) -> None:
    amount = Decimal(cents).scaleb(-places)
    yi = (amount * 10).normalize()
    assert zh(f"revenue of €{amount} billion", f"营收{yi:f}亿欧元") == []


@given(st.integers(min_value=1, max_value=9_999))
def test_millions_in_english_are_wan_in_chinese(tenths: int) -> None:
    amount = Decimal(tenths).scaleb(-1)
    wan = (amount * 100).normalize()
    assert zh(f"{amount} million cars", f"{wan:f}万辆") == []
    assert zh(f"{amount} million cars", f"{wan + 1:f}万辆") != []


@given(st.integers(min_value=0, max_value=10**9))
def test_grouped_and_full_width_digits_read_alike(number: int) -> None:
    full = str(number).translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    assert values(f"{number:,} units", EN) == values(f"{full}台", ZH) == [Decimal(number)]


def test_a_locale_cldr_does_not_know_falls_back_to_its_language_or_english() -> None:
    assert values("3 million on March 17", "xx_YY") == [Decimal(3_000_000), (3, 17)]
    assert values("300万", "zh-CN") == [Decimal(3_000_000)]


def all_checks(pair: Pair) -> list[str]:
    """Every entry check qa runs, as ``check: message``."""
    from pressctl.qa import ENTRY_CHECKS

    return [f"{name}: {f.message}" for name, run in ENTRY_CHECKS.items() for f in run(pair)]


def from_zh(source: str, target: str) -> Pair:
    return Pair(source, target, source_lang="zh", target_lang="en", source_locale="zh_Hans_CN",
                target_locale="en_GB")


def test_chinese_percentages_in_words_are_read_as_percentages() -> None:
    assert values("能耗降低百分之二十", ZH) == [Decimal(20)]
    assert values("增长百分之三点五，达到百分之百", ZH) == [Decimal("3.5"), Decimal(100)]
    assert all_checks(from_zh("能耗降低**百分之二十**", "Energy use **20 percent** lower")) == []
    assert all_checks(from_zh("增长百分之三点五", "up 3.5%")) == []
    assert zh("Energy use 25% lower", "能耗降低百分之二十") == [
        "number changed: 25 in the source, 二十 (= 20) in the translation"]


def test_years_written_digit_by_digit_are_the_year() -> None:
    assert values("二〇〇五年的计划", ZH) == [Decimal(2005)]
    assert values("二零二五年", ZH) == [Decimal(2025)]
    assert all_checks(Pair("The 2005 plan", "二〇〇五年的计划")) == []
    assert all_checks(from_zh("二零二五年的目标", "The 2025 targets")) == []
    assert zh("The 2005 plan", "二〇〇六年的计划") == [
        "number changed: 2005 in the source, 二〇〇六 (= 2006) in the translation"]


def test_ten_years_and_a_decade_are_both_shi_nian() -> None:
    quote = from_zh("“这款列车代表了我们十年的研发成果。”张伟表示。",
                    "“This train represents ten years of our research and development,” "
                    "said Zhang Wei.")
    assert all_checks(quote) == []
    assert all_checks(Pair("over the next decade", "未来十年")) == []
    assert all_checks(from_zh("未来十年", "over the next decade")) == []
    assert any(m.startswith("spelled:") for m in
               all_checks(from_zh("我们五年的研发成果", "ten years of our research")))


@pytest.mark.parametrize(("source", "target"), [
    ("每艘渡轮在码头充电仅需八分钟", "each ferry charges at the quay in just eight minutes"),
    ("每艘渡轮在码头充电仅需八分钟", "each ferry charges at the quay in just 8 minutes"),
    ("公司订购了十二艘电动渡轮", "The company ordered twelve electric ferries"),
    ("公司订购了十二艘电动渡轮", "The company ordered 12 electric ferries"),
    ("每天运营十六个小时", "in service 16 hours a day"),
    ("每天運營十六個小時", "in service 16 hours a day"),
    ("三点五万辆", "35,000 vehicles"),
    ("三家工厂和五款车型", "three plants and five models"),
    ("增长百分之一万", "up 10,000%"),
    ("成立三周年", "its third anniversary"),
    ("第三季", "Q3"),
    # h23type's harmony-devices release: 余 between the numeral and its measure word
    ("已有三百余款设备接入", "more than three hundred devices are connected"),
    ("已有三百余款设备接入", "more than 300 devices are connected"),
    ("两百辆车", "two hundred cars"),
    ("充电功率最高可达480千瓦", "charging power of up to 480 kW"),
])
def test_numerals_before_a_measure_word_or_time_unit_are_counts(source: str,
                                                                 target: str) -> None:
    assert all_checks(from_zh(source, target)) == []


@pytest.mark.parametrize(("source", "target", "wrong"), [
    ("公司订购了十二艘电动渡轮", "The company ordered 13 electric ferries", "十二"),
    ("每天运营十六个小时", "in service 15 hours a day", "十六"),
    ("每艘渡轮充电仅需八分钟", "each ferry charges in just nine minutes", "八"),
    ("三家工厂和五款车型", "three plants and four models", "五"),
    ("已有三百余款设备接入", "more than four hundred devices are connected", "三百"),
    ("充电功率最高可达480千瓦", "charging power of 480 kW", "最高"),
])
def test_a_changed_count_in_numerals_is_found(source: str, target: str, wrong: str) -> None:
    assert any(wrong in message for message in all_checks(from_zh(source, target)))


def test_time_units_come_from_cldr() -> None:
    from pressctl.qa.words import time_units

    assert {"分钟", "分鐘", "小时", "小時", "天", "个月", "個月", "秒"} <= set(time_units())
    assert "月" not in time_units()  # 三月 is March


def test_percentages_with_wan_are_read() -> None:
    assert values("增长百分之一万", ZH) == [Decimal(10000)]


@pytest.mark.parametrize(("source", "target"), [
    # the Taiwan recall notice (issue 23): three false alarms
    ("經內部測試發現，底座溫控元件在連續使用三十分鐘後可能失效。",
     "Internal tests found that the thermostat in the base may fail after thirty minutes of "
     "continuous use."),
    ("消費者可辦理全額退款，最高新臺幣1,990元。", "Customers get a full refund of up to NT$1,990."),
    ("晨光家電股份有限公司", "Chenguang Appliances Co., Ltd."),
    ("全台二十五家门市", "twenty-five stores across Taiwan"),
])
def test_the_recall_notice_reads_without_a_false_alarm(source: str, target: str) -> None:
    pair = Pair(source, target, source_lang="zh-Hant-TW", target_lang="en",
                source_locale="zh_Hant_TW", target_locale="en_GB")
    assert all_checks(pair) == []


def test_english_counts_in_words_reach_ninety_nine() -> None:
    assert any("count 30 ≠ 40" in m for m in all_checks(from_zh("連續使用三十分鐘",
                                                                 "after forty minutes")))
