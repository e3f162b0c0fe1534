"""Refuse characters the chosen font cannot draw, before anything is rendered.

A character missing from the font does not fail anywhere: reportlab draws
the font's ``.notdef`` glyph — an empty box — and Word or LibreOffice draw a
box or quietly borrow another font.  An emoji or a rune pasted into a seed,
or a translator's character outside the CJK font, would reach journalists as
boxes without a word.  So the build checks every character each localised
kit prints against the cmap of the font resolved for its language (the font
``pressctl.core.fonts.resolve`` gives the PDF, and whose family the DOCX names),
and stops with the file and line it came from, the character's Unicode name
and the fix.

Reading a CJK font's cmap takes fontTools about 0.15 s a face (Noto Sans CJK
maps 44,810 characters), more than an up-to-date build takes in all, so the
coverage is kept per font: in memory, and on disk as code-point ranges keyed
on the font file's path, face, size and mtime.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from pressctl.catalogs import catalog
from pressctl.catalogs.wording import default_path
from pressctl.core.atomic import write_text
from pressctl.core.charnames import describe, is_unprintable
from pressctl.core.errors import PressctlError
from pressctl.core.fonts import FontFile, FontSet, read_errors, unreadable
from pressctl.core.paths import cache_dir, shown
from pressctl.core.settings import Config
from pressctl.kit import BULLETS, SYMBOLS, Kit, printed_texts
from pressctl.source.release import Release

#: Characters the renderers set as space (``pdf_text.clean``, ``docx_text.clean``): no glyph.
SPACING = frozenset("\t\n\r\x0b\x0c ")
#: Part of the cache file name: bump it when the cache format changes.
CACHE_FORMAT = "pressctl-cmap-1"
#: How PO files write the characters polib unescapes (the rest stand as they are).
PO_ESCAPES = {"\b": "\\b"}
#: At most this many characters are listed in one error.
LISTED = 10


class Coverage:
    """A font's code points as sorted ranges: loads from the cache without expanding
    44,810 numbers, and answers ``code in coverage`` by bisection."""

    def __init__(self, ranges: list[list[int]]) -> None:
        self.starts = [start for start, _ in ranges]
        self.ends = [end for _, end in ranges]

    @classmethod
    def of(cls, codes: set[int] | frozenset[int]) -> Coverage:
        ranges: list[list[int]] = []
        for code in sorted(codes):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
        return cls(ranges)

    def ranges(self) -> list[list[int]]:
        return [[start, end] for start, end in zip(self.starts, self.ends, strict=True)]

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


_coverage: dict[tuple[str, int, int, int], Coverage] = {}


def _read_cmap(font: FontFile) -> Coverage:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(font.path), fontNumber=font.index, lazy=True) as face:
            # only which code points have a glyph counts, not the glyphs' names: numbered
            # names spare reading the names of a CJK font's 65,000 CFF glyphs (a third of
            # the time the cmap took)
            face.setGlyphOrder([f"glyph{index}" for index in range(face["maxp"].numGlyphs)])
            codes = set(face.getBestCmap() or {})
    except read_errors() as exc:
        raise unreadable(font.path, exc) from None
    return Coverage.of(codes)


def coverage(font: FontFile) -> Coverage:
    """The code points ``font`` has a glyph for, from memory, the disk cache or the font."""
    stat = font.path.stat()
    key = (str(font.path.resolve()), font.index, stat.st_size, stat.st_mtime_ns)
    if key in _coverage:
        return _coverage[key]
    digest = hashlib.sha256(repr((CACHE_FORMAT, *key)).encode()).hexdigest()[:24]
    cached = cache_dir("cmaps") / f"{font.path.stem}-{font.index}-{digest}.json"
    try:
        found = Coverage(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        found = _read_cmap(font)
        # renamed into place whole: a concurrent build never reads half of it;
        # an unwritable cache only costs time
        with contextlib.suppress(OSError, PressctlError):
            write_text(cached, json.dumps(found.ranges()))
    _coverage[key] = found
    return found


def drawable(symbol: str, faces: list[Coverage]) -> str:
    """``symbol`` or, if one of ``faces`` lacks it, its first fallback they all have
    (its last fallback when none: the glyph gate then names it as pressctl's own)."""
    choices = (symbol, *SYMBOLS.get(symbol, ("", ()))[1])
    return next((c for c in choices if all(ord(c) in face for face in faces)), choices[-1])


def kit_bullets(fonts: FontSet) -> tuple[str, str]:
    """The list bullets by depth that the kit's fonts draw — the one home of the
    choice, read by the PDF and DOCX renderers alike through ``Kit.bullets``."""
    faces = [coverage(fonts.regular), coverage(fonts.bold)]
    return drawable(BULLETS[0], faces), drawable(BULLETS[1], faces)


@dataclass
class Problem:
    char: str
    langs: list[str] = field(default_factory=list)
    font: FontFile | None = None  # None: a control character, which no font draws
    path: Path | None = None
    line: int | None = None
    origin: str | None = None  # pressctl's own symbol, when it is one

    def where(self, config: Config) -> str:
        if self.path is not None:
            return shown(config, self.path) + (f":{self.line}" if self.line else "")
        return self.origin or "(kit wording or CLDR data)"

    def reason(self) -> str:
        if self.font is None:
            return "a control character, which cannot be printed"
        return (f"not in {self.font.family} ({self.font.path.name}), the font for "
                f"{', '.join(self.langs)}: it would print as an empty box")


def _msgstr_line(path: Path, char: str) -> int | None:
    """The line of a PO file where ``char`` stands in a translation (msgstr)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: \x1c is a char
    except (OSError, UnicodeDecodeError):
        return None
    needles = [char] + ([PO_ESCAPES[char]] if char in PO_ESCAPES else [])
    state = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("msgstr"):
            state = "msgstr"
        elif stripped.startswith(("msgid", "msgctxt", "#")) or not stripped:
            state = None
        if state == "msgstr" and any(needle in line for needle in needles):
            return number
    return None


def _text_line(path: Path, char: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    index = text.find(char)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _locate(config: Config, release: Release, problem: Problem) -> None:
    """Where the character was typed: a translation in a catalog, else the seed, else
    pressctl's shipped kit wording (a symbol of pressctl's own has its ``origin``)."""
    if problem.origin is not None:
        return
    for lang in problem.langs:
        if lang == release.lang:
            continue
        for domain in (release.slug, catalog.KIT_DOMAIN):
            path = config.catalog_path(lang, domain)
            line = _msgstr_line(path, problem.char) if path.is_file() else None
            if line is not None:
                problem.path, problem.line = path, line
                return
    line = _text_line(release.path, problem.char)
    if line is not None:
        problem.path, problem.line = release.path, line
        return
    for lang in problem.langs:  # pressctl's shipped kit wording
        shipped = default_path(config.locale(lang))
        line = _msgstr_line(shipped, problem.char) if shipped is not None else None
        if shipped is not None and line is not None:
            problem.path, problem.line = shipped, line
            return


def check(config: Config, release: Release, kits: dict[str, Kit]) -> None:
    """Raise PressctlError (exit 2) if a kit would print a character its font lacks.

    ``kits`` maps each language to build to its localised kit.  A missing font
    raises MissingDependency (exit 3), as rendering would.
    """
    problems: dict[tuple[str, FontFile | None], Problem] = {}  # one per character and font
    for lang, kit in kits.items():
        fonts = kit.faces
        faces = {face: coverage(face) for face in (fonts.regular, fonts.bold)}
        printed = set("".join(printed_texts(kit)))
        # the bullets pressctl adds, where no text of the user or kit wording has them
        theirs = set("".join(printed_texts(replace(kit, bullets=("", "")))))
        own = {symbol: SYMBOLS[plain][0] for symbol, plain in zip(kit.bullets, BULLETS,
                                                                   strict=True)
               if symbol not in theirs}
        for char in sorted(printed - SPACING):
            font: FontFile | None = None
            if not is_unprintable(char):
                font = next((f for f, codes in faces.items() if ord(char) not in codes), None)
                if font is None:
                    continue
            problem = problems.setdefault((char, font), Problem(char, font=font))
            problem.origin = problem.origin or own.get(char)
            problem.langs.append(lang)
    if not problems:
        return
    found = sorted(problems.values(), key=lambda p: ord(p.char))
    for problem in found:
        _locate(config, release, problem)
    found.sort(key=lambda p: (p.path is None, str(p.path), p.line or 0, ord(p.char)))
    first = found[0]
    prefix = f"{first.origin}: " if first.path is None and first.origin else ""
    lines = [f"{prefix}{describe(first.char)} is {first.reason()}"]
    for problem in found[1:LISTED]:
        lines.append(f"  also {problem.where(config)}: {describe(problem.char)} is "
                     f"{problem.reason()}")
    if len(found) > LISTED:
        lines.append(f"  … and {len(found) - LISTED} more")
    langs = sorted({lang for p in found if p.font is not None for lang in p.langs})
    tables = " or ".join(f"[tool.pressctl.fonts.{lang}]" for lang in langs)
    fix = "remove the character"
    if langs:
        drawn = [p for p in found if p.font is not None]
        codes = " ".join(dict.fromkeys(f"{ord(p.char):x}" for p in drawn))
        them = "it" if len(codes.split()) == 1 else "them all"
        fix = (f"choose a font that has {them} under {tables} in pyproject.toml (regular = "
               f"\"Family\", bold = \"Family:bold\"; fc-list ':charset={codes}' family "
               f"lists the installed fonts that have {them}), or remove the character")
    raise PressctlError("\n".join(lines), path=first.path, line=first.line, hint=fix)
