"""A malformed PO file stops every command with file:line and is never overwritten.

polib (and Babel) read ``msgstr "投资`` without its closing quote as "投"; a
kit built from it was published truncated with exit 0.  GNU msgfmt is the
oracle for what is malformed: every variant here is one msgfmt refuses.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pressctl.catalogs import posyntax
from tests.conftest import ROOT, need
from tests.test_cli import run

ZH_PO = Path("locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po")
KIT_PO = Path("locales/zh/LC_MESSAGES/pressctl.po")
GOOD = 'msgstr "3月17日，宝马中国宣布与华为终端达成合作协议。"\n'

#: variant → (the msgstr line as broken, lines after the msgstr line where it is broken, reason)
VARIANTS = {
    "unclosed quote on the msgstr line": (
        'msgstr "3月17日，宝马中国宣布与华为终端达成合作协议。\n', 0,
        "end of line within a string: the closing quote '\"' is missing"),
    "unclosed quote on a continuation line": (
        'msgstr ""\n"3月17日，宝马中国宣布\n"与华为终端达成合作协议。"\n', 1,
        "end of line within a string: the closing quote '\"' is missing"),
    "stray text after a string": (
        'msgstr "3月17日，宝马中国宣布与华为终端达成合作协议。" 投资\n', 0,
        "unexpected text '投资' after a string"),
    "unknown keyword": (
        'msgstrr "3月17日，宝马中国宣布与华为终端达成合作协议。"\n', 0,
        "unknown keyword 'msgstrr'"),
    "bad escape": (
        'msgstr "3月17日，宝马中国\\q宣布与华为终端达成合作协议。"\n', 0,
        "invalid escape sequence '\\q' in a string (column 19); write \\\\ for a backslash"),
}
COMMANDS = {
    "qa": ("qa",),
    "build": ("build",),
    "translate": ("translate", "seeds/bmw-huawei-harmonyos.md", "--to", "zh", "--memory-only"),
    "catalog update": ("catalog", "update"),
}


def break_catalog(path: Path, variant: str) -> int:
    """Write ``variant`` into the catalog; the 1-based line msgfmt would blame."""
    broken, offset, _ = VARIANTS[variant]
    text = path.read_text("utf-8")
    assert text.count(GOOD) == 1
    line = text[:text.index(GOOD)].count("\n") + 1 + offset
    path.write_text(text.replace(GOOD, broken), "utf-8")
    return line


@pytest.mark.parametrize("variant", VARIANTS)
def test_msgfmt_agrees_the_variant_is_malformed(tmp_path: Path, variant: str) -> None:
    """The oracle: GNU msgfmt --check refuses each variant at the same line."""
    need("msgfmt")
    path = tmp_path / "zh.po"
    path.write_bytes((ROOT / ZH_PO).read_bytes())
    line = break_catalog(path, variant)
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    # msgfmt blames the line after an unterminated string, having read its newline
    blamed = line + 1 if "closing quote" in VARIANTS[variant][2] else line
    assert f"{path}:{blamed}:" in result.stderr, result.stderr
    with pytest.raises(posyntax.PoSyntaxError) as raised:
        posyntax.check(path.read_text("utf-8"))
    assert raised.value.line == line
    assert raised.value.message.startswith(VARIANTS[variant][2])


def test_the_shipped_catalogs_are_well_formed_for_both() -> None:
    """Syntax and header by msgfmt; not its format check, which refuses the kit's
    ``{symbol}{amount}`` → ``{amount}{name}`` (the kit passes ``name`` too)."""
    need("msgfmt")
    paths = sorted([*(ROOT / "locales").glob("*/LC_MESSAGES/*.po"),
                    *(ROOT / "pressctl" / "locale").glob("*/LC_MESSAGES/*.po")])
    assert [str(p.relative_to(ROOT)) for p in paths] == [  # none found would prove nothing
        "locales/zh/LC_MESSAGES/bmw-huawei-harmonyos.po", "locales/zh/LC_MESSAGES/pressctl.po",
        "pressctl/locale/zh_Hans/LC_MESSAGES/pressctl.po",
        "pressctl/locale/zh_Hant/LC_MESSAGES/pressctl.po"]
    for path in paths:
        posyntax.check(path.read_text("utf-8"))
        assert subprocess.run(["msgfmt", "--check-header", "-o", "/dev/null", str(path)],
                              capture_output=True).returncode == 0


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_malformed_catalog_stops_every_command(project: Path, variant: str,
                                                 command: str) -> None:
    line = break_catalog(project / ZH_PO, variant)
    before = (project / ZH_PO).read_bytes()
    result = run(*COMMANDS[command], cwd=project)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"error: {ZH_PO}:{line}: malformed PO file: {VARIANTS[variant][2]}" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / ZH_PO).read_bytes() == before
    assert not (project / "dist").exists()


def test_a_malformed_kit_catalog_stops_the_build(project: Path) -> None:
    path = project / KIT_PO
    text = path.read_text("utf-8")
    override = 'msgid "Key figures"\nmsgstr ""'  # an override being typed
    path.write_text(text.replace(override, 'msgid "Key figures"\nmsgstr "关键数据'), "utf-8")
    line = text[:text.index(override)].count("\n") + 2
    result = run("build", cwd=project)
    assert result.returncode == 2
    assert f"error: {KIT_PO}:{line}: malformed PO file: end of line within a string" \
        in result.stderr
    assert not (project / "dist").exists()


def test_a_malformed_memory_catalog_stops_translate(project: Path) -> None:
    """Any catalog under locales/ feeds the memory: a broken one is named, not skipped."""
    memory = Path("locales/zh/LC_MESSAGES/news.po")
    (project / memory).write_text('msgid "Key figures"\nmsgstr "关键\\q数据"\n', "utf-8")
    result = run("translate", "--to", "zh", "--memory-only", cwd=project, stdin="Key figures\n")
    assert result.returncode == 2
    assert f"{memory}:2: malformed PO file: invalid escape sequence '\\q'" in result.stderr


@pytest.mark.parametrize(("body", "line", "reason"), [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4,
     "duplicate message definition (first defined on line 1)"),
    ('msgid "a"\n#, fuzzy\nmsgstr "b"\n', 2, "a comment inside an entry (before its 'msgstr')"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n', 1,
     "plural entry, but the header has no 'Plural-Forms"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 3, "plural form has index 1, expected 0"),
    ('msgid "a"\nmsgstr "b\\n"\n', 2, "msgid and msgstr do not both end with a newline"),
    ('#, python-brace-format\nmsgid "about {value}"\nmsgstr "约{value"\n', 3,
     "msgstr is not a valid Python brace format string (python-brace-format): expected '}'"),
    ('#, python-format\nmsgid "%(n)d cars"\nmsgstr "%(m)d辆"\n', 3, "python-format: "),
    ('msgid ""\nmsgstr "Content-Type: text/plain; charset=GBK\\n"\n', 2,
     "header declares charset GBK"),
    ('msgid ""\nmsgstr "Plural-Forms: nplurals=one; plural=0;\\n"\n', 2,
     "header Plural-Forms 'nplurals=one; plural=0;' is not"),
    ('msgid "a"\n', 1, "entry has no 'msgstr'"),
])
def test_structure_header_and_format_problems(body: str, line: int, reason: str) -> None:
    with pytest.raises(posyntax.PoSyntaxError) as raised:
        posyntax.check(body)
    assert (raised.value.line, raised.value.message[:len(reason)]) == (line, reason)


@pytest.mark.parametrize("body", [
    'msgid "a"\nmsgstr "\\a\\b\\f\\v\\r\\t\\\\\\"\\101\\x41"\n',  # every escape gettext knows
    'msgid "a" "b"\nmsgstr\n"c"\n\n"d" # a comment after a string\n',
    '#, fuzzy, python-brace-format\nmsgid "about {value}"\nmsgstr "约{value"\n',  # unused
    '#, python-brace-format\nmsgid "{symbol}{amount}"\nmsgstr "{amount}{name}"\n',  # kit's way
    '#| msgid "old"\nmsgid "a"\nmsgstr "b"\n\n#~ msgid "gone"\n#~ msgstr "weg"\n',
    'msgid "a"\r\nmsgstr "b"\r\n',
    'msgid "a" msgstr "b"\n',  # tokens, not lines, as msgfmt reads them
    'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=n != 1;\\n"\n\n'
    'msgid "car"\nmsgid_plural "cars"\nmsgstr [ 0 ] "辆"\nmsgstr[1] "辆"\n',
])
def test_well_formed_catalogs_pass(body: str) -> None:
    posyntax.check(body)


def test_agrees_with_msgfmt_on_random_damage(tmp_path: Path) -> None:
    """Damage the real catalog at random (a character deleted, or replaced by one of the syntax's
    own) and ask msgfmt: both must accept or both refuse.  The one known
    difference is deliberate: msgfmt only warns about a charset it does not know, which
    pressctl (reading every catalog as UTF-8) refuses."""
    need("msgfmt")
    import random

    base = (ROOT / ZH_PO).read_text("utf-8")
    rng = random.Random(10)
    path = tmp_path / "damaged.po"
    refused = 0
    for _ in range(100):
        text = base
        for _ in range(rng.randint(1, 2)):
            at = rng.randrange(len(text))
            text = text[:at] + (rng.choice('"\\x#\n [];投n0~|,') if rng.random() < 0.5 else "") \
                + text[at + 1:]
        path.write_text(text, "utf-8")
        msgfmt = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o",
                                 "/dev/null", str(path)], capture_output=True, text=True)
        try:
            posyntax.check(text)
            ours = None
        except posyntax.PoSyntaxError as exc:
            ours = exc.message
            refused += 1
        if ours is not None and ours.startswith("header declares charset"):
            continue
        assert (msgfmt.returncode != 0) == (ours is not None), (text, msgfmt.stderr, ours)
    assert 20 < refused < 80  # the damage was neither always harmless nor always fatal
