"""The pydantic model that validates ``[tool.pressctl]``, and the checks that follow it.

:func:`pressctl.core.config.load` calls :func:`validate` once per version of
the table (it remembers the result, see ``config.py``): pydantic takes a tenth
of a second to import and build its validators, more than a build with nothing
to do takes otherwise.  The model says what each value must be (types, ranges,
patterns) and how to say so (``description``, quoted by the error messages);
the defaults are :class:`~pressctl.core.settings.Config`'s, taken from it here,
so that they have one home.  An unknown key, a value of the wrong type or out
of range is one message naming the file, the line of the key, what is
expected and, for a misspelt key, the closest valid one, rather than a
traceback or a setting silently ignored.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from typing_extensions import TypedDict

from pressctl.core.errors import PressctlError
from pressctl.core.lang import cldr_locale
from pressctl.core.settings import KEYS, TABLE, Config, Decoding, line_of_key, suggest


def _listify(value: object) -> object:
    """``formats = "pdf"`` means ``["pdf"]``."""
    return [value] if isinstance(value, str) else value


Number = Annotated[float, Field(strict=True)]  # an int or a float, never "4" or true
Text = Annotated[str, Field(min_length=1)]


def _field(owner: type, name: str, description: str) -> Any:
    """A pydantic ``Field`` with the default of ``owner``'s field ``name`` (a dataclass)."""
    spec = next(f for f in dataclasses.fields(owner) if f.name == name)
    if spec.default_factory is not dataclasses.MISSING:
        return Field(default_factory=spec.default_factory, description=description)
    return Field(default=spec.default, description=description)


class FontSpec(TypedDict, total=False):
    """``[tool.pressctl.fonts.<lang>]``: a fontconfig pattern or a font file for each style."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    regular: str
    bold: str


if TYPE_CHECKING:  # the rest of the code reads a font table as the plain dict it is
    FontTable = dict[str, str]
else:
    FontTable = FontSpec


class DecodingTable(BaseModel):
    """``[tool.pressctl.decoding]`` (:class:`~pressctl.core.settings.Decoding` says why)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    repetition_penalty: Annotated[Number, Field(ge=1)] = _field(
        Decoding, "repetition_penalty", "a number ≥ 1 (1 = no penalty)")
    no_repeat_ngram_size: Annotated[int, Field(strict=True, ge=0)] = _field(
        Decoding, "no_repeat_ngram_size", "a whole number ≥ 0 (0 = off)")
    max_length_ratio: Annotated[Number, Field(gt=0)] = _field(
        Decoding, "max_length_ratio", "a number > 0 (output tokens per input token)")
    max_length_extra: Annotated[int, Field(strict=True, ge=0)] = _field(
        Decoding, "max_length_extra", "a whole number ≥ 0 (tokens allowed beyond the ratio)")


class ConfigTable(BaseModel):
    """What each key of ``[tool.pressctl]`` must be; error messages quote the descriptions."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)

    root: Path
    source_lang: Text = _field(Config, "source_lang", "a language code such as \"en\"")
    languages: Annotated[tuple[Text, ...], Field(min_length=1)] = _field(
        Config, "languages", "a list of language codes, e.g. [\"en\", \"zh\"]")
    formats: Annotated[tuple[Literal["pdf", "docx", "html", "email"], ...],
                       BeforeValidator(_listify)] = _field(
        Config, "formats", "a list of \"pdf\", \"docx\", \"html\" and \"email\"")
    seeds_dir: Path = _field(Config, "seeds_dir", "a folder name, e.g. \"seeds\"")
    locales_dir: Path = _field(Config, "locales_dir", "a folder name, e.g. \"locales\"")
    output_dir: Path = _field(Config, "output_dir", "a folder name, e.g. \"dist\"")
    organisation: str = _field(Config, "organisation", "text, e.g. \"BMW China\"")
    base_url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] = _field(
        Config, "base_url", "the newsroom's address, e.g. \"https://press.example.com/\" "
                            "(canonical URLs of the web pages and feeds)")
    colour: Annotated[str, Field(pattern=r"^#?[0-9A-Fa-f]{6}$")] = _field(
        Config, "colour", "a hex colour such as \"#1C69D4\"")
    page_size: Literal["A4", "Letter"] = _field(Config, "page_size", "\"A4\" or \"Letter\"")
    margins_mm: tuple[Number, Number, Number, Number] = _field(
        Config, "margins_mm", "four numbers in millimetres, [top, right, bottom, left]")
    fonts: dict[str, FontTable] = _field(
        Config, "fonts", "a table per language with regular and bold, each a fontconfig "
                         "pattern or a font file")
    locales: dict[str, str] = _field(
        Config, "locales", "a CLDR locale per language, e.g. zh = \"zh_Hans_CN\"")
    tags: dict[str, str] = _field(Config, "tags", "a BCP 47 tag per language, e.g. zh = \"zh-CN\"")
    currency: dict[str, dict[str, str]] = _field(
        Config, "currency", "a table per language: display = \"symbol\" (CLDR's, the default), "
                            "\"code\" or \"name\", and a label per currency, e.g. CNY = \"RMB\"")
    qa: dict[str, str] = _field(
        Config, "qa", "a severity per QA check: \"error\", \"warning\" or \"off\"")
    bilingual: tuple[Text, Text] | None = _field(
        Config, "bilingual", "two configured languages for the bilingual edition, left column "
                             "first, e.g. [\"en\", \"zh-Hant-TW\"]")
    trust_opencc: bool = _field(
        Config, "trust_opencc",
        "true or false (enter OpenCC drafts of Traditional Chinese as reviewed)")
    fuzzy_threshold: Annotated[Number, Field(ge=0, le=100)] = _field(
        Config, "fuzzy_threshold", "a number from 0 to 100 (the lowest similarity, in per cent, "
                                   "of a translation-memory suggestion)")
    decoding: DecodingTable = Field(
        default_factory=DecodingTable,
        description="a table of repetition_penalty, no_repeat_ngram_size, max_length_ratio, "
                    "max_length_extra")


def validate(data: dict[str, Any], root: Path, path: Path) -> Config:
    """The config that ``data`` (the ``[tool.pressctl]`` table of ``path``) sets, or the
    first problem with it as a :class:`PressctlError` naming the line (exit 2)."""
    if "root" in data:  # a field of Config, but where the file is, not a setting
        raise _unknown(("root",), path)
    try:
        table = ConfigTable.model_validate({**data, "root": root})
    except ValidationError as exc:
        raise _error(exc, data, path) from None
    values = {name: getattr(table, name) for name in ConfigTable.model_fields}
    values["decoding"] = Decoding(**table.decoding.model_dump())
    config = Config(**values)
    _check_spelling(config, path)
    if config.source_lang not in config.languages:
        config = dataclasses.replace(config, languages=(config.source_lang, *config.languages))
    for side in config.bilingual or ():
        if side not in config.languages:
            raise PressctlError(f"[tool.pressctl] bilingual names {side!r}, which is not one of "
                                f"the configured languages ({', '.join(config.languages)})",
                                path=path, line=line_of_key(path, ("bilingual",)))
    if config.bilingual and config.bilingual[0] == config.bilingual[1]:
        raise PressctlError("[tool.pressctl] bilingual needs two different languages",
                            path=path, line=line_of_key(path, ("bilingual",)))
    for lang, currency in config.currency.items():
        shown = currency.get("display", "symbol")
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
    expected = ConfigTable.model_fields[name].description or error["msg"]
    return PressctlError(f"[tool.pressctl] {what} is {value!r}; expected {expected}",
                         path=path, line=line_of_key(path, keys))


def _unknown(keys: tuple[str, ...], path: Path) -> PressctlError:

    table = ".".join((*TABLE, *keys[:-1]))
    valid = KEYS if len(keys) == 1 else \
        tuple(FontSpec.__annotations__) if keys[0] == "fonts" else \
        tuple(DecodingTable.model_fields) if keys[0] == "decoding" else ()
    close = suggest(keys[-1], valid)
    return PressctlError(f"unknown key {keys[-1]!r} in [{table}]" + close,
                         path=path, line=line_of_key(path, keys),
                         hint=f"valid keys: {', '.join(valid)}" if valid and not close else None)


def _dig(data: dict[str, Any], keys: tuple[str, ...]) -> object:
    value: object = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


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
