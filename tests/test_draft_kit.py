"""Draft kits a reviewer can read: source text standing in keeps its own spacing and quotes.

A ``--draft`` kit puts the source sentence where a translation is missing.
Joined by the kit language's rules, English stand-ins in a Chinese kit read
"devices.Through deep integration" and the pull-quote 「In China, …」.
"""

from __future__ import annotations

from pathlib import Path

from pressctl.catalogs.localize import localise
from pressctl.kit import pull_quote
from pressctl.source.read import read
from pressctl.source.release import BlockKind
from tests.conftest import shared_project

SEED = "bmw-huawei-harmonyos"


def _release():  # type: ignore[no-untyped-def]
    return read(Path(shared_project()) / "seeds" / f"{SEED}.md", default_lang="en")


def test_english_stand_ins_in_a_chinese_draft_keep_their_spaces() -> None:
    release = _release()
    localised = localise(release, {}, "zh-Hant-TW")
    text = next(b.text for b in localised.blocks if "Huawei devices. Through" in b.text
                or "Huawei devices.Through" in b.text)
    assert "devices. Through deep integration" in text
    assert "devices.Through" not in text


def test_a_translated_sentence_after_a_stand_in_is_spaced_and_chinese_ones_are_not() -> None:
    release = _release()
    block = next(b for b in release.blocks if b.text.startswith("Specifically"))
    first, second = ("Specifically, this partnership will bring a comprehensive upgrade in smart "
                     "experiences for BMW users using Huawei devices."), block.text.split(
                         "devices. ", 1)[1]
    translated = localise(release, {second: "宝马数字钥匙将于年内上线。"}, "zh")
    text = next(b.text for b in translated.blocks if b.line == block.line)
    assert text == first + " 宝马数字钥匙将于年内上线。"
    both = localise(release, {first: "合作将带来升级。", second: "钥匙将上线。"}, "zh")
    joined = next(b.text for b in both.blocks if b.line == block.line)
    assert joined == "合作将带来升级。钥匙将上线。"


def test_an_untranslated_pull_quote_keeps_its_own_quotes() -> None:
    from dataclasses import dataclass

    release = _release()
    quote = next(b for b in release.blocks if b.kind is BlockKind.QUOTE)

    @dataclass
    class KitLike:
        lang: str

    assert pull_quote(KitLike("zh-Hant-TW"), quote).startswith("“In China")  # type: ignore[arg-type]
    from pressctl.source.segment import split_sentences

    sentences = split_sentences(quote.text)
    wording = {s: "他补充道。" for s in sentences}
    wording[sentences[0]] = "“在中国，近四分之一的用户使用华为设备。”"
    translated = localise(release, wording, "zh-Hant-TW")
    tq = next(b for b in translated.blocks if b.kind is BlockKind.QUOTE)
    assert pull_quote(KitLike("zh-Hant-TW"), tq).startswith("「")  # type: ignore[arg-type]
