"""Sentence segmentation for English and Chinese."""

from __future__ import annotations

import pytest

from pressctl.source.release import Release
from pressctl.source.segment import join_sentences, segments, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("It costs €9.1 billion. Up 17.1% year on year.",
         ["It costs €9.1 billion.", "Up 17.1% year on year."]),
        ("Dr. Smith met U.S. officials. Fine.", ["Dr. Smith met U.S. officials.", "Fine."]),
        ("“Great news.” Then more.", ["“Great news.”", "Then more."]),
        ("“Good,” said Ann. She left.", ["“Good,” said Ann.", "She left."]),
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("“在中国，近四分之一的用户使用华为设备。通过融合提升驾趣。”高翔表示。他还说。",
         ["“在中国，近四分之一的用户使用华为设备。", "通过融合提升驾趣。”高翔表示。", "他还说。"]),
        ("他说：“很好！”然后离开了会场并前往下一个地点参加活动。",
         ["他说：“很好！”", "然后离开了会场并前往下一个地点参加活动。"]),
        ("宝马发布HarmonyOS NEXT应用。Next sentence.",
         ["宝马发布HarmonyOS NEXT应用。", "Next sentence."]),
        ("No final stop", ["No final stop"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_join() -> None:
    assert join_sentences(["第一句。", "第二句。"], "zh") == "第一句。第二句。"
    assert join_sentences(["One.", "Two."], "en") == "One. Two."


def test_release_segments(release: Release) -> None:
    segs = list(segments(release))
    texts = [s.text for s in segs]
    assert texts[0] == release.title
    assert "Gao Xiang, President and CEO of BMW Group Greater China" in texts
    assert "Total revenue" in texts
    assert "EUR" not in texts  # currencies are formatted by CLDR, not translated
    assert {s.role for s in segs} >= {"title", "body", "quote", "speaker", "heading",
                                      "fact label", "fact unit"}
    body = [s for s in segs if s.role == "body"]
    assert all(s.line > 0 for s in body)
