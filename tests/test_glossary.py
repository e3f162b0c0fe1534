"""The glossary: parsed with clear errors, oriented both ways, matched longest first."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressctl.catalogs import glossary
from pressctl.core.errors import PressctlError
from pressctl.core.settings import Config

CSV = """source,target,note
BMW Group Greater China,宝马集团大中华区,Regional organisation
BMW Group,宝马集团,
BMW,宝马,Brand
BMW Digital Key,BMW数字钥匙,Product
HUAWEI HiCar,HUAWEI HiCar,keep
smart cockpit,智能座舱,
people-vehicle-home,人-车-家,
"Oliver Zipse",齐普策,"Chairman, BMW AG"
"""


def _g() -> glossary.Glossary:
    return glossary.parse(CSV, source_lang="en", target_lang="zh")


def _found(text: str, src: str = "en", tgt: str = "zh") -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.term.target) for m in _g().find(text, src, tgt)]


def test_longest_term_wins_and_no_overlap() -> None:
    assert _found("BMW Group Greater China and the BMW Group, says BMW.") == [
        ("BMW Group Greater China", "宝马集团大中华区"), ("BMW Group", "宝马集团"), ("BMW", "宝马")]
    assert _found("the BMW Digital Key") == [("BMW Digital Key", "BMW数字钥匙")]


def test_latin_terms_match_whole_words_only() -> None:
    assert _found("MyBMW App users") == []
    assert _found("MyBMW and BMW’s cars") == [("BMW", "宝马")]


def test_lower_case_terms_match_any_case_names_as_written() -> None:
    assert _found("Smart cockpits everywhere") == [("Smart cockpits", "智能座舱")]
    assert _found("huawei hicar") == []
    assert _found("HUAWEI  HiCar") == [("HUAWEI  HiCar", "HUAWEI HiCar")]
    assert _found("people‐vehicle‐home") == [("people‐vehicle‐home", "人-车-家")]


def test_reverse_direction_matches_chinese_without_word_boundaries() -> None:
    found = _found("宝马集团大中华区与宝马集团携手，推出BMW数字钥匙。", "zh", "en")
    assert found == [("宝马集团大中华区", "BMW Group Greater China"), ("宝马集团", "BMW Group"),
                     ("BMW数字钥匙", "BMW Digital Key")]
    assert _found("MyBMW数字钥匙", "zh", "en") == []


def test_other_pairs_have_no_terms() -> None:
    assert _g().direction("en", "fr") == []
    assert len(_g().direction("zh-CN", "en")) == len(_g())


def test_quoted_fields_and_notes() -> None:
    term = next(t for t in _g().terms if t.source == "Oliver Zipse")
    assert (term.target, term.note, term.line) == ("齐普策", "Chairman, BMW AG", 9)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("term,translation\nBMW,宝马\n", 1, "header must be source,target,note"),
    ("source,target,note\nBMW,宝马\nHuawei,,company\n", 3, "empty target term"),
    ("source,target,note\n,宝马\n", 2, "empty source term"),
    ("source,target,note\nBMW,宝马,brand,extra\n", 2, "expected 3 columns"),
    ("source,target,note\nBMW,宝马\nHuawei,华为\nBMW,宝马汽车\n", 4, "'BMW' is translated twice"),
    ("source,target,note\nBMW,\"宝马\n", 2, "not valid CSV"),
])
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(PressctlError) as caught:
        glossary.load(path)
    assert message in caught.value.message
    assert caught.value.path == path and caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes("source,target,note\nBMW,宝马\n".encode("gbk"))
    with pytest.raises(PressctlError, match="not UTF-8"):
        glossary.load(path)


def test_missing_file_is_an_empty_glossary(tmp_path: Path) -> None:
    assert len(glossary.load(tmp_path / "none.csv")) == 0


def test_repeated_identical_rows_and_blank_lines_are_fine() -> None:
    g = glossary.parse("\ufeffsource,target\n\nBMW,宝马\nBMW,宝马\n# comment,x\n")
    assert [(t.source, t.target) for t in g.terms] == [("BMW", "宝马")]


def test_project_glossary_loads(config: Config) -> None:
    loaded = glossary.load(config.glossary_path, source_lang=config.source_lang,
                           target_lang=config.target_languages[0])
    assert len(loaded) > 10
    assert {t.source for t in loaded.direction("zh", "en")} >= {"宝马", "华为"}
