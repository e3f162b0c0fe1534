"""An unreadable font file is one friendly message (exit 3); a bug is never called one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pressctl.core.errors import MissingDependency
from pressctl.core.fonts import FontFile, FontSet
from pressctl.kit import glyphs
from pressctl.render.pdf import fonts as pdf_fonts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _real(path: Path) -> bytes:
    if not path.is_file():
        pytest.skip(f"{path} not installed (the README's set-up command installs it)")
    return path.read_bytes()


#: name → (file name, bytes), each made from a real font the way files get damaged.
CORRUPT = {
    "cut-after-header": ("cut.ttf", lambda: _real(DEJAVU)[:100]),
    "cut-inside-tables": ("cut2.ttf", lambda: _real(DEJAVU)[:50_000]),
    "not-a-font": ("text.ttf", lambda: b"this is a press release, not a font\n" * 20),
    "empty": ("empty.otf", lambda: b""),
    "collection-cut": ("cut.ttc", lambda: _real(NOTO_CJK)[:64]),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupt_font_gets_the_friendly_message(case: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    name, make = CORRUPT[case]
    path = tmp_path / name
    path.write_bytes(make())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(glyphs, "_coverage", {})
    font = FontFile(path, 0, "Broken")
    named = re.escape(str(path))
    with pytest.raises(MissingDependency, match=f"cannot read font {named}: ") as raised:
        glyphs.coverage(font)
    assert raised.value.exit_code == 3
    either = f"(cannot read|reportlab cannot use) font {named}: "
    with pytest.raises(MissingDependency, match=either):
        pdf_fonts.register(FontSet(font, font), "BMW 宝马")


@pytest.mark.parametrize("size", [100, 50_000])
def test_a_configured_corrupt_font_fails_the_build_in_one_line(project: Path, size: int) -> None:
    """Through the command line: exit 3, the file named, no traceback, nothing written.

    Cut at 100 bytes the file fails where the font is looked up (its name
    table), cut at 50 kB where its characters are checked.
    """
    broken = project / "Broken.ttf"
    broken.write_bytes(_real(DEJAVU)[:size])
    with (project / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write(f'\n[tool.pressctl.fonts.en]\nregular = "{broken}"\n')
    result = subprocess.run([sys.executable, "-m", "pressctl", "build", "--lang", "en"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stderr
    assert f"cannot read font {broken}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "dist").exists() or not any((project / "dist").rglob("*.pdf"))


def test_a_bug_is_not_reported_as_an_unreadable_font(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what fontTools raises for a bad file is caught; pressctl's own errors surface."""
    font = FontFile(Path(_real(DEJAVU) and DEJAVU), 0, "DejaVu Sans")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(glyphs, "_coverage", {})

    def bug(*_: object) -> None:
        raise TypeError("a bug in pressctl")

    monkeypatch.setattr(glyphs.Coverage, "of", classmethod(bug))
    with pytest.raises(TypeError, match="a bug in pressctl"):
        glyphs.coverage(font)
    monkeypatch.setattr(pdf_fonts, "is_cff", bug)
    with pytest.raises(TypeError, match="a bug in pressctl"):
        pdf_fonts.register(FontSet(font, font), "BMW")
