"""Machine translation that survives the model: every injected fault ends in no corrupted draft.

Each row of the table is one known Argos failure (``tests/faults.py``) on one
sentence of one direction, with or without markup, a link, figures and
glossary terms.  A row passes when the draft is exactly the draft the
well-behaved model gives (repaired), or is flagged with its reason, or is
refused and left untranslated with its reason — and, whatever happened, no
placeholder is left in it and its markup is that of the good draft.  A new
failure report becomes one new entry in ``FAULT_ROWS`` (or a sentence in
``SENTENCES``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polib
import pytest

from pressctl.catalogs import glossary, memory
from pressctl.catalogs.catalog import REFUSED
from pressctl.source.inline import inventory, stray
from pressctl.translate.engine import Result, Status, Translator
from pressctl.translate.machine import ConvertedEngine, Engine
from pressctl.translate.protect import protect, restore
from tests.faults import FaultEngine, word_engine

TERMS = glossary.parse("""source,target,note
BMW,宝马,
Huawei,华为,
smart cockpit,智能座舱,
Oliver Zipse,齐普策,
China,中国,
""")

#: (direction, what the sentence holds, sentence)
SENTENCES = [
    ("en", "plain", "The company will open a new research centre next spring."),
    ("en", "markup", "The company will open a **new research centre** next spring."),
    ("en", "link", "Read the [full report](https://example.com/r) before the launch."),
    ("en", "figures", "Revenue reached 1,000.5 million euros in 2024, the company said."),
    ("en", "glossary", "BMW and Huawei will bring the smart cockpit to China."),
    ("en", "all", "**BMW** will open [a centre](https://example.com/c) with 1,200.5 staff, "
                  "said Oliver Zipse."),
    ("zh", "plain", "公司将于明年春天开设新的研发中心。"),
    ("zh", "markup", "公司将于明年春天开设**新的研发中心**。"),
    ("zh", "link", "请在发布前阅读[完整报告](https://example.com/r)。"),
    ("zh", "figures", "公司营收达到1,000.5百万欧元，同比增长12.5%。"),
    ("zh", "glossary", "宝马与华为将把智能座舱带到中国。"),
    ("zh", "all", "**宝马**将开设[新中心](https://example.com/c)，员工达1,200.5人。"),
]
DIRECTIONS = [("en", "zh"), ("zh", "en"), ("en", "zh-Hant-TW")]

#: (faults, persist: the model fails again on the pieces of a refused sentence)
FAULT_ROWS: list[tuple[tuple[str, ...], bool]] = [
    (("loop",), True),
    (("filler",), True),
    (("untranslated",), True),
    (("numbers",), True),
    (("fullwidth",), True),
    (("spaced",), True),
    (("dropped",), True),
    (("dropped",), False),
    (("invented",), True),
    (("invented",), False),
    (("duplicated",), True),
    (("duplicated",), False),
    (("reorder",), True),
    (("reorder",), False),
    (("fullwidth", "invented"), False),
    (("spaced", "duplicated"), True),
    (("loop", "filler"), True),
    (("numbers", "fullwidth"), True),
    (("dropped", "reorder"), False),
]
#: Faults whose only effect is a placeholder written differently: repaired exactly.
COSMETIC = {"fullwidth", "spaced"}
#: Faults that leave a draft that looks degenerate: flagged (or refused).
VISIBLE = {"loop", "filler", "untranslated", "numbers"}

_LEFT = re.compile(r"[{｛]\s*[\d０-９]+\s*[}｝]")


def _rows() -> list[tuple[str, str, str, str, tuple[str, ...], bool]]:
    rows = []
    for source_lang, target_lang in DIRECTIONS:
        for lang, holds, sentence in SENTENCES:
            if lang != source_lang:
                continue
            for faults, persist in FAULT_ROWS:
                if "numbers" in faults and holds not in ("figures", "all"):
                    continue  # nothing to reformat
                if "reorder" in faults and holds not in ("link", "all"):
                    continue  # no link to break
                rows.append((source_lang, target_lang, holds, sentence, faults, persist))
    return rows


ROWS = _rows()


def _engine(sentence: str, source_lang: str, target_lang: str,
            faults: tuple[str, ...] = (), persist: bool = True) -> Engine:
    slots = protect(sentence, source_lang, target_lang, TERMS).slots
    inner_target = "en" if target_lang == "en" else "zh"
    engine: Engine = FaultEngine(word_engine(inner_target, slots), faults, inner_target,
                                 slots, persist) if faults else word_engine(inner_target, slots)
    if target_lang == "zh-Hant-TW":
        engine = ConvertedEngine(engine, target_lang, "OpenCC s2twp")
    return engine


def _translate(sentence: str, source_lang: str, target_lang: str, engine: Engine) -> Result:
    translator = Translator(memory.Memory(), TERMS, source_lang, target_lang, engine=engine)
    return translator.translate([sentence])[0]


def test_the_table_covers_every_fault_direction_and_kind_of_sentence() -> None:
    assert len(ROWS) >= 50
    assert {(r[0], r[1]) for r in ROWS} == set(DIRECTIONS)
    assert {f for r in ROWS for f in r[4]} == {"loop", "filler", "untranslated", "numbers",
                                               "fullwidth", "spaced", "dropped", "invented",
                                               "duplicated", "reorder"}
    assert {r[2] for r in ROWS} == {"plain", "markup", "link", "figures", "glossary", "all"}


@pytest.mark.parametrize(("source_lang", "target_lang", "holds", "sentence"),
                         [(s, t, h, x) for s, t in DIRECTIONS
                          for lang, h, x in SENTENCES if lang == s])
def test_the_well_behaved_model_gives_clean_drafts(source_lang: str, target_lang: str,
                                                    holds: str, sentence: str) -> None:
    """The reference each faulty row is compared with is itself a clean draft."""
    clean = _translate(sentence, source_lang, target_lang,
                       _engine(sentence, source_lang, target_lang))
    assert clean.status is Status.MACHINE, clean
    assert clean.warnings == [] and clean.repairs == []
    assert not _LEFT.search(clean.target)
    assert inventory(clean.target) == inventory(sentence)


@pytest.mark.parametrize(("source_lang", "target_lang", "holds", "sentence", "faults",
                          "persist"), ROWS,
                         ids=[f"{s}-{t}-{h}-{'+'.join(f)}-{'persist' if p else 'once'}"
                              for s, t, h, _, f, p in ROWS])
def test_no_injected_fault_ends_in_a_corrupted_draft(source_lang: str, target_lang: str,
                                                     holds: str, sentence: str,
                                                     faults: tuple[str, ...],
                                                     persist: bool) -> None:
    clean = _translate(sentence, source_lang, target_lang,
                       _engine(sentence, source_lang, target_lang))
    result = _translate(sentence, source_lang, target_lang,
                        _engine(sentence, source_lang, target_lang, faults, persist))
    if result.status is Status.UNTRANSLATED:  # refused, with the reason
        assert result.refused
        assert any(w.startswith(REFUSED) for w in result.warnings), result.warnings
        return
    assert result.status is Status.MACHINE
    assert not _LEFT.search(result.target), result.target  # no placeholder left, ever
    assert inventory(result.target) == inventory(clean.target), result.target  # markup whole
    assert stray(result.target) == 0
    if result.target != clean.target:
        assert result.warnings, f"corrupted draft without a flag: {result.target!r}"
    if set(faults) <= COSMETIC:
        assert result.target == clean.target and result.warnings == []
        assert result.repairs or not protect(sentence, source_lang, target_lang,
                                             TERMS).slots
    if set(faults) & VISIBLE - ({"numbers"} if holds not in ("figures", "all") else set()):
        assert result.warnings, result.target
    if set(faults) & {"invented", "duplicated", "reorder"} and result.target == clean.target:
        changed = result.repairs  # the model's first answer was refused, the pieces mended it
        assert not protect(sentence, source_lang, target_lang, TERMS).slots or \
            any("translated again" in r for r in changed) or "reorder" in faults, changed


def test_a_link_reordered_by_the_model_is_never_restored_as_a_broken_link() -> None:
    """The report of issue 25: `](https://example.com/r)报告[` with no warning."""
    sentence = "Read the [full report](https://example.com/r) before the launch."
    restored = restore("{1}报告{0}", protect(sentence, "en", "zh", TERMS), "zh")
    assert restored.text == "" and restored.failure.startswith("the model moved markup")
    # a model that also invents in the pieces: refused, with both reasons
    result = _translate(sentence, "en", "zh",
                        _engine(sentence, "en", "zh", ("reorder", "invented")))
    assert result.status is Status.UNTRANSLATED and result.target == sentence
    assert result.warnings == [REFUSED + "the model invented placeholder {7}, which stands for "
                               "nothing in the source; in pieces: the model invented "
                               "placeholder {7}, which stands for nothing in the source"]
    # the pieces hold no markers for the model to swap: the link comes back whole
    result = _translate(sentence, "en", "zh", _engine(sentence, "en", "zh", ("reorder",)))
    assert result.status is Status.MACHINE
    assert inventory(result.target) == inventory(sentence)
    assert re.search(r"\[[^\]]+\]\(https://example\.com/r\)", result.target)
    assert result.repairs == ["translated again in 3 piece(s) because the model moved markup "
                              "out of order (a link's brackets or an emphasis pair no longer "
                              "match)"]


def test_an_invented_or_repeated_placeholder_is_never_restored_blindly() -> None:
    sentence = "BMW and Huawei will bring the smart cockpit to China."
    invented = _translate(sentence, "en", "zh", _engine(sentence, "en", "zh", ("invented",)))
    assert invented.status is Status.UNTRANSLATED
    assert invented.warnings == [REFUSED + "the model invented placeholder {7}, which stands "
                                 "for nothing in the source"]
    repeated = _translate(sentence, "en", "zh", _engine(sentence, "en", "zh", ("duplicated",)))
    assert repeated.status is Status.UNTRANSLATED
    assert repeated.warnings == [REFUSED + "the model repeated {0} (glossary term 'BMW' (宝马))"]


def test_a_catalog_comment_says_what_was_repaired_and_why_a_draft_is_doubtful(
        tmp_path: Path) -> None:
    """What a translator sees in a PO editor, for each kind of finding."""
    from pressctl.core.settings import Config
    from pressctl.translate.fill import fill_catalog

    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / "faults.md"
    seed.write_text("---\ntitle: Faults\ndate: 2026-01-02\norganisation: Test\n---\n\n"
                    "BMW and Huawei will bring the smart cockpit to China.\n\n"
                    "The company will open a new research centre next spring.\n\n"
                    "Read the [full report](https://example.com/r) before the launch.\n",
                    encoding="utf-8")
    config = Config(root=tmp_path, languages=("en", "zh"))

    class PerSentence:
        """Spaced placeholders in one sentence, a loop in another, a broken link and an
        invented placeholder in a third."""

        name = "Argos Translate en→zh 1.0 (test)"

        def translate_batch(self, texts: list[str], progress: object = None) -> list[str]:
            out = []
            for text in texts:
                slots = protect(text, "en", "zh", TERMS).slots
                if text.startswith("{0} and"):
                    faults: tuple[str, ...] = ("spaced",)
                elif text.startswith("The company"):
                    faults = ("loop",)
                elif text.startswith("Read"):
                    faults = ("reorder", "invented")
                else:
                    faults = ()
                engine = FaultEngine(word_engine("zh", slots), faults, "zh", slots)
                out.extend(engine.translate_batch([text]))
            return out

    translator = Translator(memory.Memory(), TERMS, "en", "zh", engine=PerSentence())
    fill = fill_catalog(config, seed, "zh", translator)
    assert (fill.doubtful, fill.refused) == (1, 1)
    po = polib.pofile(str(fill.path))
    comments = {e.msgid: e.tcomment for e in po}
    assert comments["BMW and Huawei will bring the smart cockpit to China."].splitlines() == [
        "machine translation by Argos Translate en→zh 1.0 (test); needs review",
        "repaired: placeholder { 0 } restored as {0}",
        "repaired: placeholder { 1 } restored as {1}",
        "repaired: placeholder { 2 } restored as {2}",
        "repaired: placeholder { 3 } restored as {3}"]
    lines = comments["The company will open a new research centre next spring."].splitlines()
    assert lines[0].startswith("machine translation by")
    assert lines[1] == "doubtful: repeats itself: '阴性阴性阴性阴性阴性'"
    link = po.find("Read the [full report](https://example.com/r) before the launch.")
    assert link is not None and link.msgstr == "" and "fuzzy" not in link.flags
    assert link.tcomment.splitlines()[0] == ("machine translation refused: the model invented "
                                             "placeholder {7}, which")
    assert all(line.startswith("  ") for line in link.tcomment.splitlines()[1:])
    assert " ".join(line.strip() for line in link.tcomment.splitlines()) == (
                            "machine translation refused: the model invented placeholder {7}, "
                             "which stands for nothing in the source; in pieces: the model "
                             "invented placeholder {7}, which stands for nothing in the source")
    # the next run tries again and replaces its own comment, continuation lines too
    before = fill.path.read_text(encoding="utf-8")
    fill_catalog(config, seed, "zh", translator)
    assert fill.path.read_text(encoding="utf-8") == before


# ---------------------------------------------------------------- the tiny real model


@pytest.fixture(scope="module")
def tiny_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The tiny real Argos model (random weights), loaded through pressctl's ArgosEngine."""
    pytest.importorskip("ctranslate2")
    from pressctl.translate.machine import ArgosEngine
    from pressctl.translate.models import Installed
    from tests.argos_model import build_package

    folder = tmp_path_factory.mktemp("tiny")
    package = build_package(folder)
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder / "installed")
    path = next((folder / "installed").iterdir())
    return ArgosEngine(Installed("en", "zh", "1.0", "1.9.0", path, 0))


@pytest.mark.parametrize("faults", [(), *(f for f, _ in FAULT_ROWS)],
                         ids=lambda f: "+".join(f) or "none")
@pytest.mark.parametrize("holds", ["plain", "markup", "link", "figures", "all"])
def test_the_tiny_real_model_with_faults_gives_no_corrupted_draft(
        tiny_engine: Engine, holds: str, faults: tuple[str, ...]) -> None:
    """Gibberish from a real CTranslate2 model, corrupted further: never a clean-looking draft."""
    sentence = next(x for lang, h, x in SENTENCES if lang == "en" and h == holds)
    slots = protect(sentence, "en", "zh", TERMS).slots
    engine = FaultEngine(tiny_engine, faults, "zh", slots) if faults else tiny_engine
    result = _translate(sentence, "en", "zh", engine)
    if result.status is Status.UNTRANSLATED:
        assert any(w.startswith(REFUSED) for w in result.warnings)
        return
    assert not _LEFT.search(result.target)
    assert inventory(result.target) == inventory(sentence)
    if set(faults) & VISIBLE - ({"numbers"} if holds not in ("figures", "all") else set()):
        assert result.warnings, result.target


# ---------------------------------------------------------------- the degenerate-draft check


@pytest.mark.parametrize(("source", "target", "langs", "doubt"), [
    ("The test result was negative.", "检测结果为阴性阴性阴性阴性。", ("en", "zh"),
     "repeats itself"),
    ("The plant opens today in the city.", "工厂今天在该市开业现现现现。", ("en", "zh"),
     "repeats itself: '现现现现'"),
    ("宝马今天开设新工厂。", "BMW opens a new plant today today today.", ("zh", "en"),
     "repeats itself"),
    ("BMW thanked its partners warmly.", "宝马感谢合作伙伴。(掌声)", ("en", "zh"),
     "a parenthetical the source does not have: (掌声)"),
    ("BMW thanked its partners warmly.", "BMW thanked its partners warmly.", ("en", "zh"),
     "the model returned the source text untranslated"),
    ("BMW thanked its partners warmly.", "BMW dankte seinen Partnern.", ("en", "zh"),
     "no Chinese characters"),
    ("宝马感谢合作伙伴。", "BMW thanked its 合作伙伴.", ("zh", "en"),
     "Chinese characters in a draft"),
    ("BMW thanked all of its partners in China for the cooperation.", "谢", ("en", "zh"),
     "length 0.02 × the source's"),
    ("Revenue reached 1,000.5 million euros.", "营收达到1.000,5百万欧元。", ("en", "zh"),
     "a figure changed form: 1,000.5 → 1.000,5"),
])
def test_each_sign_of_a_degenerate_draft_is_named(source: str, target: str,
                                                  langs: tuple[str, str], doubt: str) -> None:
    from pressctl.translate.degenerate import doubts

    found = doubts(source, target, *langs)
    assert any(d.startswith(doubt) for d in found), found


@pytest.mark.parametrize(("source", "target", "langs"), [
    ("Revenue reached €142.38 billion in 2024.", "2024年营收达1423.8亿欧元。", ("en", "zh")),
    ("See [the report](https://example.com/r) (in English).", "见[报告](https://example.com/r)"
     "（英文）。", ("en", "zh")),
    ("宝马集团计划在2025年实现全球电动车累计销量超过300万辆。",
     "The BMW Group plans to exceed 3 million cumulative EV sales worldwide in 2025.",
     ("zh", "en")),
    ("Sales rose by 10000 units.", "销量增长10000辆。", ("en", "zh")),
])
def test_good_translations_raise_no_doubt(source: str, target: str,
                                          langs: tuple[str, str]) -> None:
    from pressctl.translate.degenerate import doubts

    assert doubts(source, target, *langs) == []


def test_the_qa_check_reads_fuzzy_drafts_only() -> None:
    from pressctl.qa import degenerate
    from pressctl.qa.base import Pair

    loop = Pair("The test result was negative.", "检测结果为阴性阴性阴性阴性。", flags=("fuzzy",))
    assert [f.message for f in degenerate.check(loop)] == [
        "the draft looks degenerate: repeats itself: '阴性阴性阴性阴性'"]
    reviewed = Pair("The test result was negative.", "检测结果为阴性阴性阴性阴性。")
    assert degenerate.check(reviewed) == []
