"""The project's settings, ``[tool.pressctl]`` in ``pyproject.toml``, and where they are.

pressctl finds its project as ruff does: from the working directory up to the
nearest ``pyproject.toml`` with a ``[tool.pressctl]`` table, and resolves every
path of the config from that folder, so ``cd seeds && pressctl build`` works.
:class:`Config` holds the settings and their defaults; what each value must
be is :mod:`pressctl.core.schema`, and :func:`pressctl.core.config.load`
reads, validates and remembers them.  This module imports nothing of pressctl
but its errors and languages: every stage takes a ``Config``.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressctl.core.errors import PressctlError
from pressctl.core.lang import language

KNOWN_FORMATS = ("pdf", "docx", "html", "email")
PAGE_SIZES = ("A4", "Letter")
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "pressctl")


class ProjectNotFound(PressctlError):
    """No ``pyproject.toml`` with ``[tool.pressctl]`` in the working directory or above."""


@dataclass(frozen=True)
class Decoding:
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

    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 4
    max_length_ratio: float = 3.0
    max_length_extra: int = 10

    def max_length(self, longest_input: int) -> int:
        """The longest output CTranslate2 may decode for a batch whose longest input is given."""
        return int(self.max_length_ratio * longest_input) + self.max_length_extra


@dataclass(frozen=True)
class Config:
    """The project's settings; ``root`` is the folder of its ``pyproject.toml``.

    Frozen and picklable: ``build --jobs`` hands it to worker processes.  What
    each value must be, and the words that say so, are in
    :class:`pressctl.core.schema.ConfigTable`; the defaults are here.
    """

    root: Path
    source_lang: str = "en"
    languages: tuple[str, ...] = ("en", "zh")
    formats: tuple[str, ...] = ("pdf", "docx")
    seeds_dir: Path = Path("seeds")
    locales_dir: Path = Path("locales")
    output_dir: Path = Path("dist")
    organisation: str = ""
    base_url: str = ""
    colour: str = "#1C69D4"
    page_size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (20.0, 20.0, 22.0, 20.0)
    fonts: dict[str, dict[str, str]] = field(default_factory=dict)
    locales: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    currency: dict[str, dict[str, str]] = field(default_factory=dict)
    qa: dict[str, str] = field(default_factory=dict)
    bilingual: tuple[str, str] | None = None
    trust_opencc: bool = False
    fuzzy_threshold: float = 75.0
    decoding: Decoding = field(default_factory=Decoding)

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


    def settings(self) -> dict[str, Any]:
        """Every setting but ``root``, as JSON values (what the cache keeps, what a cache
        key of the QA gate hashes)."""
        values = dataclasses.asdict(self)
        del values["root"]
        return json.loads(json.dumps(values, default=str))

    @classmethod
    def from_settings(cls, root: Path, values: dict[str, Any]) -> Config:
        """The config of :meth:`settings`' ``values`` in ``root``; KeyError, TypeError or
        ValueError when they are not a whole config of this version."""
        if set(values) != set(KEYS):
            raise KeyError(sorted(set(values) ^ set(KEYS)))
        made: dict[str, Any] = {}
        for spec in dataclasses.fields(cls)[1:]:
            value = values[spec.name]
            if not _json_kind(spec, value):  # a memo of another shape: validate again
                raise TypeError(f"{spec.name}: {value!r}")
            if str(spec.type) == "Path":
                value = Path(value)
            elif str(spec.type).startswith("tuple") and value is not None:
                value = tuple(value)
            elif spec.name == "decoding":
                value = Decoding(**value)
            made[spec.name] = value
        return cls(root=root, **made)


def _json_kind(spec: dataclasses.Field[Any], value: object) -> bool:
    """Whether ``value`` has the JSON shape of the field's values (its default's kind)."""
    default = spec.default if spec.default_factory is dataclasses.MISSING \
        else spec.default_factory()
    if default is None:
        return value is None or isinstance(value, list)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, str | Path):
        return isinstance(value, str)
    if isinstance(default, tuple):
        return isinstance(value, list)
    return isinstance(value, dict)  # a table: fonts, locales, …, decoding


#: The keys a user may set in [tool.pressctl] (``root`` is where the file is, not a setting).
KEYS = tuple(spec.name for spec in dataclasses.fields(Config) if spec.name != "root")


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


def defaults(root: Path) -> Config:
    """The config of a project folder without ``[tool.pressctl]``: every default."""
    return Config(root=root.resolve())


def suggest(key: str, valid: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest valid key, or nothing when none is close."""
    close = [match for wanted in (key.lower(), key.replace("-", "_").lower())
             for match in difflib.get_close_matches(wanted, valid, n=1, cutoff=0.6)]
    return f" (did you mean {close[0]!r}?)" if close else ""


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
