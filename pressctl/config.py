"""Project configuration from ``[tool.pressctl]`` in ``pyproject.toml``.

pressctl reads the configuration of the directory it runs in, like ruff or
black, so any team's release repository can carry its own settings.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pressctl.errors import PressctlError

#: CLDR locale used for dates and numbers when the config does not name one.
DEFAULT_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
#: BCP 47 tag written into PDF and DOCX metadata.
DEFAULT_TAGS = {"en": "en-GB", "zh": "zh-CN"}
KNOWN_FORMATS = ("pdf", "docx")
PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Config:
    root: Path
    source_lang: str = "en"
    languages: tuple[str, ...] = ("en", "zh")
    formats: tuple[str, ...] = ("pdf", "docx")
    seeds_dir: Path = Path("seeds")
    locales_dir: Path = Path("locales")
    output_dir: Path = Path("dist")
    organisation: str = ""
    colour: str = "#1C69D4"
    page_size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (20.0, 20.0, 22.0, 20.0)
    fonts: dict[str, dict[str, str]] = field(default_factory=dict)
    locales: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    qa: dict[str, str] = field(default_factory=dict)
    fuzzy_threshold: float = 75.0

    @property
    def target_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source_lang)

    def locale(self, lang: str) -> str:
        """CLDR locale for a language code of the config (``zh`` → ``zh_Hans_CN``)."""
        return self.locales.get(lang) or DEFAULT_LOCALES.get(lang) or lang

    def tag(self, lang: str) -> str:
        """BCP 47 tag for document metadata (``zh`` → ``zh-CN``)."""
        return self.tags.get(lang) or DEFAULT_TAGS.get(lang) or lang

    def seeds(self) -> list[Path]:
        folder = self.root / self.seeds_dir
        return sorted(folder.glob("*.md")) if folder.is_dir() else []

    def catalog_path(self, lang: str, domain: str) -> Path:
        return self.root / self.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    @property
    def glossary_path(self) -> Path:
        return self.root / self.locales_dir / "glossary.csv"

    @property
    def dist(self) -> Path:
        return self.root / self.output_dir


def _tuple(value: object, name: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise PressctlError(f"[tool.pressctl] {name} must be a list of strings", path=path)


def load(root: Path | None = None) -> Config:
    """Read ``pyproject.toml`` in ``root`` (default: the working directory)."""
    root = (root or Path.cwd()).resolve()
    path = root / "pyproject.toml"
    data: dict[str, object] = {}
    if path.is_file():
        try:
            with path.open("rb") as fh:
                doc = tomllib.load(fh)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PressctlError(f"not valid TOML: {exc}", path=path) from None
        tool = doc.get("tool", {})
        data = tool.get("pressctl", {}) if isinstance(tool, dict) else {}
    kwargs: dict[str, object] = {"root": root}
    for key in ("source_lang", "organisation", "colour", "page_size"):
        if key in data:
            if not isinstance(data[key], str):
                raise PressctlError(f"[tool.pressctl] {key} must be a string", path=path)
            kwargs[key] = data[key]
    for key in ("languages", "formats"):
        if key in data:
            kwargs[key] = _tuple(data[key], key, path)
    for key in ("seeds_dir", "locales_dir", "output_dir"):
        if key in data:
            kwargs[key] = Path(str(data[key]))
    if "margins_mm" in data:
        margins = data["margins_mm"]
        if not (isinstance(margins, list) and len(margins) == 4):
            raise PressctlError("[tool.pressctl] margins_mm must be [top, right, bottom, left]",
                                path=path)
        kwargs["margins_mm"] = tuple(float(m) for m in margins)
    for key in ("fonts", "locales", "tags", "qa"):
        if key in data:
            if not isinstance(data[key], dict):
                raise PressctlError(f"[tool.pressctl.{key}] must be a table", path=path)
            kwargs[key] = data[key]
    if "fuzzy_threshold" in data:
        kwargs["fuzzy_threshold"] = float(data["fuzzy_threshold"])  # type: ignore[arg-type]
    config = Config(**kwargs)  # type: ignore[arg-type]
    for fmt in config.formats:
        if fmt not in KNOWN_FORMATS:
            raise PressctlError(f"unknown format {fmt!r} in [tool.pressctl] formats",
                                path=path, hint=f"use {', '.join(KNOWN_FORMATS)}")
    if config.page_size not in PAGE_SIZES:
        raise PressctlError(f"unknown page_size {config.page_size!r}", path=path,
                            hint=f"use {' or '.join(PAGE_SIZES)}")
    listed = config.languages
    if config.source_lang not in config.languages:
        config = Config(**{**kwargs, "languages": (config.source_lang, *config.languages)})  # type: ignore[arg-type]
    for lang in config.languages:
        key = ("locales" if lang in config.locales
               else "languages" if lang in listed else "source_lang")
        _check_language(config, lang, path, key)
    return config


def _check_language(config: Config, lang: str, path: Path, key: str) -> None:
    """Refuse a language CLDR does not know now, naming the line to fix, rather than
    as a Babel traceback halfway through formatting the kit's dates and figures."""
    from babel import Locale, UnknownLocaleError

    locale = config.locale(lang)
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        raise PressctlError(
            f"unknown language {lang!r}" + (f" (locale {locale!r})" if locale != lang else "")
            + (" in [tool.pressctl.locales]" if key == "locales" else f" in [tool.pressctl] {key}"),
            path=path, line=_line_of_key(path, key),
            hint="use a language code CLDR knows (en, zh, de, fr, ja …), or name its locale "
                 "under [tool.pressctl.locales] (e.g. pt-BR = \"pt_BR\")") from None


def _line_of_key(path: Path, key: str) -> int | None:
    """The line of ``key = …`` in ``[tool.pressctl]``, or of the ``[tool.pressctl.key]``
    table, in pyproject.toml."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    table = ""
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped
            if table == f"[tool.pressctl.{key}]":
                return number
        elif table == "[tool.pressctl]" and stripped.split("=")[0].strip() == key:
            return number
    return None
