"""Ordinals (issue 23): "Year two" is 第二年, and 第三年 is a wrong translation of it.

English ordinal words and suffixes (first, twenty-first, 2nd, "Phase 3") and
Chinese 第N (第三, 第21) and 首 before a measure word are read as ordinals and
compared when both sides write one; numbers and spelled counts leave them alone.
"""

from __future__ import annotations

import pytest

from pressctl.qa import ENTRY_CHECKS
from pressctl.qa.base import Pair
from pressctl.qa.numbers import extract


def zh(source: str, target: str) -> list[str]:
    pair = Pair(source, target)
    return [f"{f.check}: {f.message}" for run in ENTRY_CHECKS.values() for f in run(pair)]


def en(source: str, target: str) -> list[str]:
    pair = Pair(source, target, source_lang="zh", target_lang="en", source_locale="zh_Hans_CN",
                target_locale="en_GB")
    return [f"{f.check}: {f.message}" for run in ENTRY_CHECKS.values() for f in run(pair)]


@pytest.mark.parametrize(("text", "locale", "values"), [
    ("Year two begins in May.", "en_GB", [2]),
    ("the twenty-first ferry and the 3rd one", "en_GB", [21, 3]),
    ("Phase 3 and Stage four", "en_GB", [3, 4]),
    ("the first electric ferry", "en_GB", [1]),
    ("第三年", "zh_Hans_CN", [3]),
    ("第二十一艘和第3艘", "zh_Hans_CN", [21, 3]),
    ("首艘电动渡轮", "zh_Hans_CN", [1]),
    # periods are dates, not ordinals; 首席 is "chief"; a second of time is no ordinal
    ("first quarter sales and one second", "en_GB", []),
    ("第一季度，首席执行官", "zh_Hans_CN", []),
    # a fraction is the spelled check's: "a third of it" is 三分之一, "a second ferry" is 2nd
    ("a third of it and one fifth of the fleet", "en_GB", []),
    ("a second ferry", "en_GB", [2]),
])
def test_ordinals_are_read(text: str, locale: str, values: list[int]) -> None:
    found = [n.value[0] for n in extract(text, locale) if n.kind == "ordinal"]  # type: ignore[index]
    assert found == values


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("Year two begins in May.", "第三年于五月开始。", "Year two vs 第三: ordinal 2 ≠ 3"),
    ("It is the second order.", "这是第三份订单。", "second vs 第三: ordinal 2 ≠ 3"),
    ("Phase 3 starts in 2027.", "第二阶段于2027年开始。", "Phase 3 vs 第二: ordinal 3 ≠ 2"),
    ("The 21st ferry is ready.", "第二十艘渡轮已就绪。", "21st vs 第二十: ordinal 21 ≠ 20"),
])
def test_a_changed_ordinal_is_an_error(source: str, target: str, expected: str) -> None:
    found = zh(source, target)
    assert f"ordinals: {expected}" in found, found


def test_a_changed_ordinal_from_chinese() -> None:
    found = en("这是第二份订单。", "It is the third order.")
    assert "ordinals: 第二 vs third: ordinal 2 ≠ 3" in found


@pytest.mark.parametrize(("source", "target"), [
    ("Year two begins in May.", "第二年于五月开始。"),
    ("It is the 2nd order.", "这是第二份订单。"),
    ("The 21st edition opens.", "第21届开幕。"),
    ("The twenty-first ferry and the second.", "第二十一艘渡轮和第二艘。"),
    ("The first ferry sails in May.", "首艘渡轮将于五月起航。"),
    ("For the first time, 12 ferries sail.", "12艘渡轮首次同时航行。"),
    ("In the third year, 2 ferries arrive.", "第三年，两艘渡轮到达。"),
    ("Sales in the first quarter rose 5%.", "第一季度销量增长5%。"),
    ("The second port funds a third of it.", "第二个港口资助其中三分之一。"),
    # an ordinal on one side only is how good translations often read: no finding
    ("The operator is the first to do so.", "该运营商率先这样做。"),
])
def test_the_same_ordinal_passes(source: str, target: str) -> None:
    assert zh(source, target) == []


def test_the_same_ordinal_passes_from_chinese() -> None:
    assert en("这是第二份订单。", "It is the 2nd order.") == []
    assert en("这是第二份订单。", "It is the second order.") == []


def test_first_is_only_a_warning() -> None:
    """首 and "first" have other readings: a finding about them is ambiguous (a warning)."""
    pair = Pair("The first ferry sails in May.", "第二艘渡轮将于五月起航。")
    found = ENTRY_CHECKS["ordinals"](pair)
    assert [f.ambiguous for f in found] == [True]
