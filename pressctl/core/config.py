"""Project configuration from ``[tool.pressctl]`` in ``pyproject.toml``.

pressctl finds its project as ruff does: from the working directory up to the
nearest ``pyproject.toml`` with a ``[tool.pressctl]`` table, and resolves every
path of the config from that folder, so ``cd seeds && pressctl build`` works.

The table is validated by a typed pydantic model (``Config`` itself): an
unknown key, a value of the wrong type or out of range is one message naming
the file, the line of the key, what is expected and, for a misspelt key, the
closest valid one, rather than a traceback or a setting silently ignored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from typing_extensions import TypedDict

from pressctl.core.errors import PressctlError
from pressctl.core.lang import cldr_locale, language

KNOWN_FORMATS = ("pdf", "docx", "html", "email")
PAGE_SIZES = ("A4", "Letter")
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "pressctl")


class ProjectNotFound(PressctlError):
    """No ``pyproject.toml`` with ``[tool.pressctl]`` in the working directory or above."""


def _listify(value: object) -> object:
    """``formats = "pdf"`` means ``["pdf"]``."""
    return [value] if isinstance(value, str) else value


Number = Annotated[float, Field(strict=True)]  # an int or a float, never "4" or true
Text = Annotated[str, Field(min_length=1)]


class FontSpec(TypedDict, total=False):
    """``[tool.pressctl.fonts.<lang>]``: a fontconfig pattern or a font file for each style."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    regular: str
    bold: str


if TYPE_CHECKING:  # the rest of the code reads a font table as the plain dict it is
    FontTable = dict[str, str]
else:
    FontTable = FontSpec


class Decoding(BaseModel):
    """``[tool.pressctl.decoding]``: how CTranslate2 decodes, against the loops models fall into.

    Measured on the tiny test model with no bias to end a sentence (it loops
    like a real model on text it cannot translate), five sentences of 14–51
    tokens, beam 4: as argostranslate decodes, 97–256 tokens each with 31–118
    repeated 4-grams; with ``no_repeat_ngram_size`` 4, no repeated 4-gram (82–176
    tokens); with the length bound (``max_length_ratio`` × the longest input of
    the batch + ``max_length_extra`` = 163), at most 163.  The model as built
    (it ends after a few tokens, like a model that behaves) gives the same
    output with these settings as without.  ``repetition_penalty`` is off (1):
    at 1.2 it changed that well-behaved output (4 tokens → 3), since it
    penalises every token seen before — and every placeholder repeats ``{``
    and ``}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    repetition_penalty: Annotated[Number, Field(ge=1)] = Field(
        default=1.0, description="a number ≥ 1 (1 = no penalty)")
    no_repeat_ngram_size: Annotated[int, Field(strict=True, ge=0)] = Field(
        default=4, description="a whole number ≥ 0 (0 = off)")
    max_length_ratio: Annotated[Number, Field(gt=0)] = Field(
        default=3.0, description="a number > 0 (output tokens per input token)")
    max_length_extra: Annotated[int, Field(strict=True, ge=0)] = Field(
        default=10, description="a whole number ≥ 0 (tokens allowed beyond the ratio)")

    def max_length(self, longest_input: int) -> int:
        """The longest output CTranslate2 may decode for a batch whose longest input is given."""
        return int(self.max_length_ratio * longest_input) + self.max_length_extra


class Config(BaseModel):
    """The project's settings; ``root`` is the folder of its ``pyproject.toml``.

    Frozen and picklable: ``build --jobs`` hands it to worker processes.  The
    field descriptions say what a value must be; error messages quote them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)

    root: Path
    source_lang: Text = Field(default="en", description="a language code such as \"en\"")
    languages: Annotated[tuple[Text, ...], Field(min_length=1)] = \
        Field(default=("en", "zh"), description="a list of language codes, e.g. [\"en\", \"zh\"]")
    formats: Annotated[tuple[Literal["pdf", "docx", "html", "email"], ...],
                       BeforeValidator(_listify)] = \
        Field(default=("pdf", "docx"),
              description="a list of \"pdf\", \"docx\", \"html\" and \"email\"")
    seeds_dir: Path = Field(default=Path("seeds"), description="a folder name, e.g. \"seeds\"")
    locales_dir: Path = Field(default=Path("locales"),
                              description="a folder name, e.g. \"locales\"")
    output_dir: Path = Field(default=Path("dist"), description="a folder name, e.g. \"dist\"")
    organisation: str = Field(default="", description="text, e.g. \"BMW China\"")
    base_url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] = Field(
        default="", description="the newsroom's address, e.g. \"https://press.example.com/\" "
                                "(canonical URLs of the web pages and feeds)")
    colour: Annotated[str, Field(pattern=r"^#?[0-9A-Fa-f]{6}$")] = \
        Field(default="#1C69D4", description="a hex colour such as \"#1C69D4\"")
    page_size: Literal["A4", "Letter"] = Field(default="A4", description="\"A4\" or \"Letter\"")
    margins_mm: tuple[Number, Number, Number, Number] = Field(
        default=(20.0, 20.0, 22.0, 20.0),
        description="four numbers in millimetres, [top, right, bottom, left]")
    fonts: dict[str, FontTable] = Field(
        default_factory=dict,
        description="a table per language with regular and bold, each a fontconfig pattern "
                    "or a font file")
    locales: dict[str, str] = Field(default_factory=dict,
                                    description="a CLDR locale per language, e.g. zh = "
                                                "\"zh_Hans_CN\"")
    tags: dict[str, str] = Field(default_factory=dict,
                                 description="a BCP 47 tag per language, e.g. zh = \"zh-CN\"")
    currency: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="a table per language: display = \"symbol\" (CLDR's, the default), "
                    "\"code\" or \"name\", and a label per currency, e.g. CNY = \"RMB\"")
    qa: dict[str, str] = Field(default_factory=dict,
                               description="a severity per QA check: \"error\", \"warning\" "
                                           "or \"off\"")
    bilingual: tuple[Text, Text] | None = Field(
        default=None,
        description="two configured languages for the bilingual edition, left column first, "
                    "e.g. [\"en\", \"zh-Hant-TW\"]")
    trust_opencc: bool = Field(
        default=False,
        description="true or false (enter OpenCC drafts of Traditional Chinese as reviewed)")
    fuzzy_threshold: Annotated[Number, Field(ge=0, le=100)] = Field(
        default=75.0,
        description="a number from 0 to 100 (the lowest similarity, in per cent, of a "
                    "translation-memory suggestion)")
    decoding: Decoding = Field(
        default_factory=Decoding,
        description="a table of repetition_penalty, no_repeat_ngram_size, max_length_ratio, "
                    "max_length_extra")

    @property
    def target_languages(self) -> tuple[str, ...]:
        """The targets of a release written in ``source_lang`` (the default source)."""
        return self.targets(self.source_lang)

    def targets(self, source: str) -> tuple[str, ...]:
        """What a release written in ``source`` is translated into: every other language.

        A release's own ``lang`` is its source language, so one project holds
        English and Chinese originals side by side; ``source_lang`` is only the
        default for seeds that do not say and for ``pressctl new``.
        """
        return tuple(lang for lang in self.languages if lang != source)

    def locale(self, lang: str) -> str:
        """CLDR locale for a language code of the config (``zh`` → ``zh_Hans_CN``)."""
        return self.locales.get(lang) or language(lang).locale

    def tag(self, lang: str) -> str:
        """BCP 47 tag for document metadata (``zh`` → ``zh-CN``, ``zh-Hant-TW`` → ``zh-TW``)."""
        return self.tags.get(lang) or language(lang).doc_tag

    def seeds(self) -> list[Path]:
        folder = self.root / self.seeds_dir
        return sorted(folder.glob("*.md")) if folder.is_dir() else []

    def named_seeds(self, names: tuple[str, ...]) -> list[Path]:
        """The seeds of the releases named, in the order given, for ``build`` and ``qa``.

        A name may also be the seed's path (``seeds/<slug>.md``), as a shell completes
        it.  An unknown name is refused (exit 2) with the closest slug and the list, so
        that a typo does not check or build nothing and pass.
        """
        known = {seed.stem: seed for seed in self.seeds()}
        chosen = []
        for name in dict.fromkeys(names):
            slug = Path(name).stem if name.endswith(".md") else name
            if slug not in known:
                raise PressctlError(f"unknown release {name!r}" + suggest(slug, list(known)),
                                    path=self.root / self.seeds_dir,
                                    hint=f"releases: {', '.join(known) or 'none'}")
            chosen.append(known[slug])
        return chosen

    def catalog_path(self, lang: str, domain: str) -> Path:
        """``locales/zh_Hant_TW/LC_MESSAGES/<domain>.po``: folders in gettext/Babel form."""
        return self.root / self.locales_dir / language(lang).folder / "LC_MESSAGES" / \
            f"{domain}.po"

    @property
    def glossary_path(self) -> Path:
        return self.root / self.locales_dir / "glossary.csv"

    @property
    def dist(self) -> Path:
        return self.root / self.output_dir

    @property
    def pyproject(self) -> Path:
        return self.root / PYPROJECT


#: The keys a user may set in [tool.pressctl] (``root`` is where the file is, not a setting).
KEYS = tuple(name for name in Config.model_fields if name != "root")


def read_table(path: Path) -> dict[str, Any] | None:
    """The ``[tool.pressctl]`` table of a pyproject.toml, or None when it has none.

    A file that is not UTF-8 or not TOML is an error naming its line: it may
    be the very configuration the user meant.
    """
    from pressctl.core.textfile import read_utf8

    text = read_utf8(path, what="configuration")  # a regular file, size-limited, UTF-8
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        text = str(exc)
        found = re.search(r" \(at line (\d+), column \d+\)$", text)
        if found:
            text = text[:found.start()]
        raise PressctlError(f"not valid TOML: {text}", path=path,
                            line=int(found.group(1)) if found else None) from None
    table: Any = doc
    for part in TABLE:
        if not isinstance(table, dict) or part not in table:
            return None
        table = table[part]
    if not isinstance(table, dict):
        raise PressctlError("tool.pressctl must be a table", path=path,
                            line=line_of_key(path, ()))
    return table


def find_project(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.pressctl]`` table, from ``start`` up."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file() and read_table(candidate) is not None:
            return candidate
    return None


def project_folder(path: Path) -> Path | None:
    """The project folder a file belongs to (where the nearest ``pyproject.toml`` with
    ``[tool.pressctl]`` above it is), or None: what an input file must stay inside.  The
    file itself is not resolved, as it may be the symlink to judge."""
    found = find_project(path.absolute().parent)
    return found.parent.resolve() if found is not None else None


def load(root: Path | None = None) -> Config:
    """The project's config.

    With ``root``, the ``pyproject.toml`` in that folder (defaults when it has
    none or no ``[tool.pressctl]``); without it, the project found from the
    working directory up (ProjectNotFound, exit 2, when there is none).
    """
    if root is None:
        path = find_project()
        if path is None:
            raise ProjectNotFound(
                f"no {PYPROJECT} with a [tool.pressctl] table in {Path.cwd()} or any folder "
                "above it",
                hint="run pressctl inside a release repository, or add a [tool.pressctl] table "
                     "to its pyproject.toml (README: Configuration)")
        root = path.parent
    root = root.resolve()
    path = root / PYPROJECT
    data = (read_table(path) if path.is_file() else None) or {}
    if "root" in data:  # a field of Config, but where the file is, not a setting
        raise _unknown(("root",), path)
    try:
        config = Config.model_validate({**data, "root": root})
    except ValidationError as exc:
        raise _error(exc, data, path) from None
    _check_spelling(config, path)
    if config.source_lang not in config.languages:
        config = config.model_copy(
            update={"languages": (config.source_lang, *config.languages)})
    for side in config.bilingual or ():
        if side not in config.languages:
            raise PressctlError(f"[tool.pressctl] bilingual names {side!r}, which is not one of "
                                f"the configured languages ({', '.join(config.languages)})",
                                path=path, line=line_of_key(path, ("bilingual",)))
    if config.bilingual and config.bilingual[0] == config.bilingual[1]:
        raise PressctlError("[tool.pressctl] bilingual needs two different languages",
                            path=path, line=line_of_key(path, ("bilingual",)))
    for lang, table in config.currency.items():
        shown = table.get("display", "symbol")
        if shown not in ("symbol", "code", "name"):
            raise PressctlError(f"[tool.pressctl.currency.{lang}] display is {shown!r}; "
                                "expected \"symbol\", \"code\" or \"name\"", path=path,
                                line=line_of_key(path, ("currency", lang, "display")))
    for lang in config.languages:
        key = ("locales" if lang in config.locales
               else "languages" if lang in data.get("languages", ()) else "source_lang")
        _check_language(config, lang, path, key)
    return config


def _check_spelling(config: Config, path: Path) -> None:
    """Each language once, spelt as pressctl spells it: ``"ZH"`` would name files
    ``….ZH.pdf`` beside ``….zh.pdf``, and ``["zh", "zh-CN"]`` would build one language
    twice.  Refused at the line of the key."""
    from pressctl.core.lang import canonical

    written = {"source_lang": [config.source_lang], "languages": list(config.languages)}
    for key, values in written.items():
        for value in values:
            expected = _tag_case(value.strip())
            if value != expected:
                raise PressctlError(
                    f"[tool.pressctl] {key} has {value!r}; write it {expected!r}",
                    path=path, line=line_of_key(path, (key,)),
                    hint="language tags are written as in BCP 47: en, zh, zh-Hant-TW")
    seen: dict[str, str] = {}
    for value in config.languages:
        same = canonical(value)
        if same in seen:
            twice = f"{value!r}" if seen[same] == value else f"{seen[same]!r} and {value!r}"
            raise PressctlError(f"[tool.pressctl] languages lists {same!r} twice ({twice})",
                                path=path, line=line_of_key(path, ("languages",)),
                                hint="list each language once")
        seen[same] = value


def _tag_case(tag: str) -> str:
    """``tag`` in BCP 47's conventional case: ``ZH`` → ``zh``, ``zh-hant-tw`` →
    ``zh-Hant-TW``; the separators and subtags are left as written."""
    parts = re.split(r"([-_])", tag)
    out = []
    for index, part in enumerate(parts):
        if index == 0:
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part)
    return "".join(out)


def _error(exc: ValidationError, data: dict[str, Any], path: Path) -> PressctlError:
    """The first problem pydantic found, as a message naming the key, its line and the fix."""
    error = exc.errors(include_url=False)[0]
    loc = error["loc"]
    if error["type"] == "extra_forbidden":
        return _unknown(tuple(str(part) for part in loc), path)
    name = str(loc[0])
    keys = tuple(str(part) for part in loc if isinstance(part, str))
    value = data.get(name)
    index = next((part for part in loc[1:] if isinstance(part, int)), None)
    if index is not None and error["type"] != "missing" and isinstance(value, list):
        what, value = f"{name} item {index + 1}", error["input"]
    else:
        what = ".".join(keys)
        value = _dig(data, keys)
    expected = Config.model_fields[name].description or error["msg"]
    return PressctlError(f"[tool.pressctl] {what} is {value!r}; expected {expected}",
                         path=path, line=line_of_key(path, keys))


def _unknown(keys: tuple[str, ...], path: Path) -> PressctlError:
    table = ".".join((*TABLE, *keys[:-1]))
    valid = KEYS if len(keys) == 1 else \
        tuple(FontSpec.__annotations__) if keys[0] == "fonts" else \
        tuple(Decoding.model_fields) if keys[0] == "decoding" else ()
    close = suggest(keys[-1], valid)
    return PressctlError(f"unknown key {keys[-1]!r} in [{table}]" + close,
                         path=path, line=line_of_key(path, keys),
                         hint=f"valid keys: {', '.join(valid)}" if valid and not close else None)


def _dig(data: dict[str, Any], keys: tuple[str, ...]) -> object:
    value: object = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def suggest(key: str, valid: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest valid key, or nothing when none is close."""
    close = [match for wanted in (key.lower(), key.replace("-", "_").lower())
             for match in difflib.get_close_matches(wanted, valid, n=1, cutoff=0.6)]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_language(config: Config, lang: str, path: Path, key: str) -> None:
    """Refuse a language CLDR does not know now, naming the line to fix, rather than
    as a Babel traceback halfway through formatting the kit's dates and figures."""
    locale = config.locale(lang)
    if cldr_locale(locale) is None:
        raise PressctlError(
            f"unknown language {lang!r}" + (f" (locale {locale!r})" if locale != lang else "")
            + (" in [tool.pressctl.locales]" if key == "locales" else f" in [tool.pressctl] {key}"),
            path=path, line=line_of_key(path, (key,)),
            hint="use a language code CLDR knows (en, zh, de, fr, ja …), or name its locale "
                 "under [tool.pressctl.locales] (e.g. pt-BR = \"pt_BR\")") from None


def _dotted(text: str) -> tuple[str, ...]:
    """``a."b-c" . d`` → ``("a", "b-c", "d")``: a TOML key or table name, quotes removed."""
    return tuple(part.strip().strip("\"'") for part in
                 re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text))


def line_of_key(path: Path, keys: tuple[str, ...]) -> int | None:
    """The line that sets ``keys`` (a path under ``[tool.pressctl]``) in pyproject.toml.

    tomllib keeps no positions, so the lines are read again: each ``key = …``
    line and ``[table]`` header gets its full dotted path, and the line whose
    path is the longest prefix of the wanted one wins (``margins_mm`` for an
    item of the list, ``[tool.pressctl.fonts.zh]`` for a key of that table).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted = (*TABLE, *keys)
    best, best_length = None, 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            table = full = _dotted(header.group(1))
        elif "=" in stripped and not stripped.startswith("#"):
            full = (*table, *_dotted(stripped.split("=", 1)[0]))
        else:
            continue
        length = len(full)
        if wanted[:length] == full and length > best_length:
            best, best_length = number, length
    return best
