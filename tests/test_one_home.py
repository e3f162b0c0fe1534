"""Each small concept has one home in pressctl, and the others call it (issue 10, point 17)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pressctl.core.paths import cache_dir, relative
from pressctl.core.settings import Config
from pressctl.kit import (
    Kit,
    Wording,
    language_name,
    printed_texts,
    pull_quote,
    split_speaker,
)
from pressctl.kit.make import make_kit
from pressctl.render.docx.text import xml_escape
from pressctl.render.pdf.style import document_text
from pressctl.source.release import Block, BlockKind

PACKAGE = Path(__file__).resolve().parent.parent / "pressctl"


@pytest.fixture(scope="module")
def kits(config: Config, release: Any) -> dict[str, Kit]:
    return {lang: make_kit(config, release, lang) for lang in ("en", "zh")}

def _calls(node: ast.AST, name: str) -> bool:
    """A call of ``name`` (``mkstemp(…)`` or ``tempfile.mkstemp(…)``), whatever its receiver."""
    return isinstance(node, ast.Call) and name in (
        getattr(node.func, "attr", None), getattr(node.func, "id", None))


def _first_arg(node: ast.AST, name: str, values: set[str]) -> bool:
    return _calls(node, name) and bool(node.args) and \
        isinstance(node.args[0], ast.Constant) and node.args[0].value in values  # type: ignore[attr-defined]


def _constant(node: ast.AST, value: str) -> bool:
    return isinstance(node, ast.Constant) and node.value == value


def _split_dash_first(node: ast.AST) -> bool:
    """``x.split("-")[0]``: the base language spelt by hand."""
    return isinstance(node, ast.Subscript) and _first_arg(node.value, "split", {"-"}) and \
        isinstance(node.slice, ast.Constant) and node.slice.value == 0


def _printed_fact(node: ast.AST) -> bool:
    """A list of a fact row's printed fields (what ``printed_texts`` gathers)."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return False
    read = {e.attr for e in node.elts if isinstance(e, ast.Attribute)}
    return {"value_text", "period_text", "unit_text"} <= read


def _parses_locale(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr == "parse" and getattr(node.func.value, "id", None) == "Locale"


def _imports_font_resolve(node: ast.AST) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "pressctl.core.fonts" and \
        any(alias.name == "resolve" for alias in node.names)


def _writes_pdf_metadata(node: ast.AST) -> bool:
    """The Info dictionary, reportlab's document dates or its metadata arguments."""
    return (isinstance(node, ast.Attribute) and node.attr == "docinfo") or \
        _calls(node, "setDateFormatter") or (isinstance(node, ast.Call) and any(
            k.arg in ("displayDocTitle", "author") for k in node.keywords))


def _reads_dateline(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "dateline" and \
        isinstance(node.ctx, ast.Load)


def _width_estimate(node: ast.AST) -> bool:
    """``1.0 if <wide> else 0.55``: a character's width in ems spelt out, or Unicode's
    wide/full-width property read."""
    return _calls(node, "east_asian_width") or (
        isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant) and
        node.body.value == 1.0 and isinstance(node.orelse, ast.Constant) and
        isinstance(node.orelse.value, float) and 0 < node.orelse.value < 1)


def _punctuation_table(node: ast.AST) -> bool:
    """A dict pairing a half-width mark with its full-width form, either way round."""
    if not isinstance(node, ast.Dict):
        return False
    pairs = {(getattr(k, "value", None), getattr(v, "value", None))
             for k, v in zip(node.keys, node.values, strict=True)}
    return bool(pairs & {(",", "，"), ("，", ","), ("。", "."), (".", "。")})


def _tagged_row(node: ast.AST) -> bool:
    """A PDF ``TR`` element made, or a header cell's ``Scope`` set (``attrs["Scope"] = …``
    or ``Scope=`` given to the call making the element)."""
    made = any(_first_arg(node, name, {"TR"}) for name in ("element", "Element"))
    scoped = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and \
        _constant(node.slice, "Scope")
    given = isinstance(node, ast.Call) and \
        getattr(node.func, "attr", None) in ("element", "para", "marked", "tag") and \
        any(k.arg == "Scope" for k in node.keywords)
    return made or scoped or given


#: A concept → (what spells out its logic, by the syntax tree, the modules allowed to).
#: Found by the tree, not by a text search: renaming a variable or reformatting a line
#: does not hide a second home.
HOMES: dict[str, tuple[Callable[[ast.AST], bool], list[str]]] = {
    "displayed paths": (lambda n: _calls(n, "relative_to"),
                        # core/inputs.py: file names inside the package hash, never shown
                        ["core/inputs.py", "core/paths.py"]),
    "the cache folder": (lambda n: _constant(n, "XDG_CACHE_HOME"), ["core/paths.py"]),
    "atomic writes": (lambda n: _calls(n, "mkstemp"), ["core/atomic.py"]),
    "XML escaping (the standard library's)": (
        lambda n: _first_arg(n, "replace", {"&", "<", ">"}), []),
    "language names": (lambda n: _calls(n, "get_language_name"), ["kit/__init__.py"]),
    "the speaker's name and title": (lambda n: _first_arg(n, "find", {",", "，"}),
                                     ["kit/__init__.py"]),
    "base language": (_split_dash_first, ["core/lang.py"]),
    "printed fact texts": (_printed_fact, ["kit/__init__.py"]),
    "CLDR locales": (_parses_locale, ["core/lang.py"]),
    "the Simplified Chinese document tag": (lambda n: _constant(n, "zh-CN"), ["core/lang.py"]),
    # the kit resolves fonts for renderers; doctor reports them, the build hashes their files
    # (core/fonts.py, the home, is below the kit: a build with nothing to do needs no kit)
    "font resolution": (_imports_font_resolve,
                        ["build/keys.py", "kit/make.py", "project/doctor.py"]),
    "character width estimate": (_width_estimate, ["core/script.py"]),
    "half-/full-width punctuation": (_punctuation_table, ["core/script.py"]),
    "PDF metadata": (_writes_pdf_metadata, ["render/pdf/archive.py"]),
    "tagged table rows (PDF)": (_tagged_row, ["render/pdf/table.py"]),
    # w:tblHeader / w:cantSplit on a row: mark_row
    "Word table row properties": (lambda n: _calls(n, "get_or_add_trPr"),
                                  ["render/docx/table.py"]),
    "pressctl's bullet symbols and their fallbacks": (
        lambda n: _constant(n, "•") or _constant(n, "・"), ["kit/__init__.py"]),
    # the reader and the catalogs carry the dateline; only the kit joins it to the date
    "the date line": (_reads_dateline,
                      ["catalogs/localize.py", "kit/__init__.py", "source/segment.py"]),
}


def homes_of(spells: Callable[[ast.AST], bool], package: Path = PACKAGE) -> list[str]:
    return sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                  if any(spells(node) for node in ast.walk(ast.parse(path.read_text("utf-8")))))


@pytest.mark.parametrize("concept", sorted(HOMES))
def test_concept_is_spelled_out_only_in_its_home(concept: str) -> None:
    spells, home = HOMES[concept]
    assert homes_of(spells) == home


def test_a_second_home_is_found_whatever_its_names(tmp_path: Path) -> None:
    """The oracle: each concept's spelling is found in code that renames everything."""
    (tmp_path / "second.py").write_text(
        "import tempfile as t\nfrom babel import Locale\n"
        "from pressctl.core.fonts import resolve as find_fonts\n"
        "def f(who, when, pdf, doc):\n"
        "    fd, n = t.mkstemp(dir='.')\n"
        "    loc = Locale.parse(when.replace('-', '_'))\n"
        "    base = who.split('-')[0]\n"
        "    cut = who.find('，')\n"
        "    pdf.docinfo.Title = who\n"
        "    return [doc.release.dateline, (who.value_text, who.period_text, who.unit_text),\n"
        "            'zh-CN', who.relative_to(when), 'XDG_CACHE_HOME', who.replace('&', 'x'),\n"
        "            loc.get_language_name('en'),\n"
        "            sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in who), {'。': '.'},\n"
        "            pdf.element('TR'), doc.rows[0]._tr.get_or_add_trPr(), {'•': '-'}]\n",
        "utf-8")
    for concept, (spells, _home) in HOMES.items():
        assert homes_of(spells, tmp_path) == ["second.py"], concept


def test_xml_escape_round_trips_through_a_parser() -> None:
    text = 'BMW & Huawei <HarmonyOS> "智能" \'s'
    xml = f'<a title="{xml_escape(text)}">{xml_escape(text)}</a>'
    element = etree.fromstring(xml)
    assert (element.get("title"), element.text) == (text, text)


def test_relative_inside_and_outside_the_project(tmp_path: Path) -> None:
    config: Any = type("C", (), {"root": tmp_path.resolve()})()
    assert relative(config, tmp_path / "locales" / "zh" / "x.po") == "locales/zh/x.po"
    assert relative(config, Path("/etc/hosts")) == "/etc/hosts"


def test_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir("fonts") == tmp_path / "pressctl" / "fonts"
    assert cache_dir() == tmp_path / "pressctl"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir("cmaps") == Path.home() / ".cache" / "pressctl" / "cmaps"


def test_glyph_coverage_is_cached_in_the_one_cache(kits: dict[str, Kit], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The font coverage cache is written whole (no temporary left) under cache_dir("cmaps")."""
    from pressctl.kit import glyphs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(glyphs, "_coverage", {})
    font = kits["zh"].faces.regular
    assert ord("宝") in glyphs.coverage(font)
    files = list((tmp_path / "pressctl" / "cmaps").iterdir())
    assert [f.suffix for f in files] == [".json"]


def test_language_name_and_speaker(kits: dict[str, Kit]) -> None:
    assert language_name(kits["zh"]) == "中文"
    assert language_name(kits["en"]) == "English"
    unknown: Any = None
    odd = Kit(release=unknown, lang="xx", tag="xx-YY", locale="not a locale",
              t=Wording(None), facts=())
    assert language_name(odd) == "xx-YY"
    assert split_speaker("Gao Xiang, President, BMW Group") == ("Gao Xiang",
                                                                ", President, BMW Group")
    assert split_speaker("高翔，宝马集团大中华区总裁") == ("高翔", "，宝马集团大中华区总裁")
    assert split_speaker("Jane Doe") == ("Jane Doe", "")


def test_the_glyph_check_and_the_font_subset_read_the_same_texts(kits: dict[str, Kit]) -> None:
    """A pull-quote ending "，" is printed with "。": both the glyph check and the PDF font
    subset must see that character, even where no other text has it."""
    quote = Block(BlockKind.QUOTE, "“我们将深化合作，”高翔说", speaker="高翔")
    release = kits["zh"].release.replace(title="宝马", subtitle=None, dateline=None,
                                         contact=(), boilerplate=(), keywords=("宝马",),
                                         blocks=(quote,))
    kit = replace(kits["zh"], release=release, t=Wording(None), facts=())
    texts = printed_texts(kit)
    assert "我们将深化合作。" in texts
    assert "中文" in texts  # the bilingual edition's column head
    assert "".join(texts).count("。") == 1
    assert set(document_text(kit)) == set("".join(texts))
    # what the renderers add of their own: the speaker's dash, the running heads' dot and
    # the pull-quote's marks (issue 23: they passed only because both fonts have them)
    assert {"——", "·"} <= set(texts)
    pulled = pull_quote(kit, quote)
    assert pulled[0] + pulled[-1] in texts


#: (module, function, parameter): every caller passes it, so a default would only let a
#: new caller skip a step (an untagged table, a list item outside the list's structure,
#: a bullet the font may lack, a PDF without its structure tree).
REQUIRED = [("render/pdf/table.py", "build_table", "element"),
            ("render/pdf/lists.py", "list_item", "tree"),
            ("render/pdf/page.py", "_lay_out", "tags"),
            ("render/docx/lists.py", "__init__", "bullets"),
            ("kit/__init__.py", "item_marker", "bullets"),
            ("render/pdf/archive.py", "finish", "structure_tree")]


@pytest.mark.parametrize(("module", "function", "parameter"), REQUIRED)
def test_no_dead_default(module: str, function: str, parameter: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text("utf-8"))
    found = [node.args for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef) and node.name == function]
    assert len(found) == 1
    args = found[0]
    positional = [*args.posonlyargs, *args.args]
    names = [a.arg for a in positional]
    assert parameter in names, names
    with_default = names[len(names) - len(args.defaults):] if args.defaults else []
    assert parameter not in with_default
    assert args.vararg is None  # no open-ended *steps for a fixed number of steps
