"""Find the fonts a language needs, through fontconfig or the config.

Chinese needs a real CJK font: Noto Sans CJK SC (Debian's fonts-noto-cjk) by
default, WenQuanYi Zen Hei (fonts-wqy-zenhei) as a fallback, or whatever
``[tool.pressctl.fonts.<lang>]`` names (a fontconfig pattern or a file path).
Latin text uses the same family, so mixed runs match.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pressctl.core.errors import MissingDependency
from pressctl.core.lang import base_lang, language

DEFAULT_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    # (regular, bold) candidates, best first
    "zh": (("Noto Sans CJK SC", "Noto Sans CJK SC:bold"),
           ("WenQuanYi Zen Hei", "WenQuanYi Zen Hei:bold")),
    "en": (("Noto Sans CJK SC", "Noto Sans CJK SC:bold"),
           ("DejaVu Sans", "DejaVu Sans:bold")),
}
#: The package that brings Noto Sans CJK on each platform users run pressctl on ("Windows"
#: ships Microsoft YaHei, named by file as fontconfig is rarely there).
FONT_PACKAGES: dict[str, str] = {
    "Debian/Ubuntu": "sudo apt-get install fonts-noto-cjk",
    "Fedora": "sudo dnf install google-noto-sans-cjk-fonts",
    "macOS": "brew install fontconfig && brew install --cask font-noto-sans-cjk-sc",
    "Windows": 'set [tool.pressctl.fonts.zh] regular = "C:/Windows/Fonts/msyh.ttc" '
               '(Microsoft YaHei, part of Windows)',
}
INSTALL_HINT = "install a CJK font: " + "; ".join(f"{k}: {v}" for k, v in FONT_PACKAGES.items())


def install_hint(platform: str) -> str:
    """The font fix for ``platform`` (a FONT_PACKAGES key) first, then the others."""
    if platform not in FONT_PACKAGES:
        return INSTALL_HINT
    rest = "; ".join(f"{k}: {v}" for k, v in FONT_PACKAGES.items() if k != platform)
    return f"install a CJK font: {FONT_PACKAGES[platform]} (elsewhere — {rest})"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # face index inside a .ttc collection
    family: str  # the family name Word and LibreOffice look up


@dataclass(frozen=True)
class FontSet:
    regular: FontFile
    bold: FontFile


#: What fontconfig gave for each pattern asked in this process (None: nothing, or another
#: family): one build asks for each language's fonts once per output file.
_MATCHED: dict[str, FontFile | None] = {}


def _fc_match(pattern: str) -> FontFile | None:
    """What fontconfig gives for ``pattern`` (see :func:`_fc_matches`)."""
    return _fc_matches(pattern)[0]


def _fc_matches(*patterns: str) -> list[FontFile | None]:
    """What fontconfig gives for each pattern, remembered; the ``fc-match`` processes of
    the patterns not asked before run side by side (a regular and its bold: 0.01 s of a
    build with nothing to do instead of 0.02)."""
    asked = [pattern for pattern in dict.fromkeys(patterns) if pattern not in _MATCHED]
    if asked and shutil.which("fc-match") is None:
        _MATCHED.update(dict.fromkeys(asked))
    elif asked:
        running = [(pattern, subprocess.Popen(
            ["fc-match", "-f", "%{file}\n%{index}\n%{family[0]}", pattern],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)) for pattern in asked]
        for pattern, process in running:
            out, _ = process.communicate()
            _MATCHED[pattern] = _matched(pattern, out, process.returncode)
    return [_MATCHED[pattern] for pattern in patterns]


def _matched(pattern: str, out: str, code: int) -> FontFile | None:
    parts = out.split("\n")
    if code != 0 or len(parts) < 3 or not parts[0]:
        return None
    family = parts[2]
    wanted = pattern.split(":")[0].strip().lower()
    if wanted and family.lower() != wanted:
        return None  # fontconfig substituted another family: the asked-for one is missing
    return FontFile(Path(parts[0]), int(parts[1] or 0), family)


def read_errors() -> tuple[type[Exception], ...]:
    """What fontTools raises for a file that is not a readable font, and nothing else.

    Found by truncating and corrupting real fonts (DejaVu Sans, the Noto Sans
    CJK collection): its own ``TTLibError`` (not a font, data cut short, a
    collection index out of range), ``struct.error`` and ``AssertionError``
    from a damaged header or collection directory, ``KeyError`` for a missing
    required table, ``OSError`` for a file that cannot be read.  Anything else
    is a bug and must not be reported as "cannot read font".
    """
    import struct

    from fontTools.ttLib import TTLibError

    return (OSError, TTLibError, struct.error, AssertionError, KeyError)


def unreadable(path: Path, exc: Exception) -> MissingDependency:
    """The one message for a font file fontTools cannot read."""
    return MissingDependency(f"cannot read font {path}: {exc}",
                             hint="fix [tool.pressctl.fonts] or reinstall the font")


def _from_spec(spec: str) -> FontFile | None:
    path = Path(spec).expanduser()
    if path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc"):
        if not path.is_file():
            return None
        from fontTools.ttLib import TTCollection, TTFont

        try:
            if path.suffix.lower() in (".ttc", ".otc"):
                font = TTCollection(str(path)).fonts[0]
            else:
                font = TTFont(str(path), lazy=True)
            family = font["name"].getBestFamilyName()
        except read_errors() as exc:
            raise unreadable(path, exc) from None
        return FontFile(path, 0, family or path.stem)
    return _fc_match(spec)


def candidates(lang: str) -> tuple[tuple[str, str], ...]:
    """(regular, bold) fontconfig patterns for ``lang``, best first.

    A Chinese variant gets its own face of Noto Sans CJK first (TC for
    Taiwan, HK for Hong Kong: glyph shapes differ from SC), then the
    language's general fallbacks.
    """
    general = DEFAULT_PATTERNS.get(base_lang(lang), DEFAULT_PATTERNS["en"])
    face = language(lang).font
    if face and base_lang(lang) != "en" and (face, f"{face}:bold") not in general:
        return ((face, f"{face}:bold"), *general)
    return general


def resolve(lang: str, overrides: dict[str, str] | None = None) -> FontSet:
    """The regular and bold font for ``lang``; MissingDependency (exit 3) if there is none."""
    overrides = overrides or {}
    if overrides.get("regular"):
        regular = _from_spec(overrides["regular"])
        if regular is None:
            raise MissingDependency(f"font {overrides['regular']!r} for {lang} not found",
                                    hint="fix [tool.pressctl.fonts] in pyproject.toml; "
                                         "'fc-list' shows the installed fonts")
        bold = _from_spec(overrides.get("bold", "")) if overrides.get("bold") else None
        return FontSet(regular, bold or regular)
    for regular_pattern, bold_pattern in candidates(lang):
        found, bold = _fc_matches(regular_pattern, bold_pattern)
        if found is not None:
            return FontSet(found, bold or found)
    raise MissingDependency(f"no font for {lang} found through fontconfig", hint=INSTALL_HINT)
