"""``pressctl new``: a new release from the template, with its catalogs created and pre-filled.

The template is a Markdown file shipped with pressctl (templates/seed.md), so
editors can see the format; it is filled with the config's defaults.  The new
release's catalogs then get every translation a person already approved —
exact matches in the translation memory and whole glossary terms, such as
the organisation's name (BMW China → 宝马中国) — entered as reviewed; nothing
is machine-translated here.  :func:`next_steps` is what to do next, with the
real paths.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from pressctl.catalogs import project as catalogs
from pressctl.core.atomic import write_text
from pressctl.core.errors import PressctlError
from pressctl.core.lang import base_lang
from pressctl.core.settings import Config

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class NewRelease:
    """What ``pressctl new`` made: the seed, and per catalog how many entries it pre-filled."""

    seed: Path
    catalogs: dict[str, Path] = field(default_factory=dict)  # target language → catalog
    filled: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang → pairs


def parse_date(text: str) -> dt.date:
    """``--date``: an ISO date, ``YYYY-MM-DD``; anything else is an input error."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise PressctlError(f"--date {text!r} is not an ISO date", hint="write it as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise PressctlError(f"--date {text!r} is not a date: {exc}",
                            hint="write it as YYYY-MM-DD") from None


def _yaml_string(text: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted strings are YAML (``Q1: results``)."""
    return json.dumps(text, ensure_ascii=False)


def new_release(config: Config, slug: str, *, title: str | None = None,
                date: dt.date | None = None, lang: str | None = None) -> NewRelease:
    """Write ``seeds/<slug>.md``, create its catalogs and fill what is already approved."""
    if not SLUG.match(slug) or slug == "pressctl":
        raise PressctlError(f"{slug!r} is not a usable slug",
                            hint="use lowercase letters, digits and hyphens, e.g. 2025-q1-results")
    from pressctl.source.read import MAX_SLUG_BYTES

    if len(slug) > MAX_SLUG_BYTES:
        raise PressctlError(f"the slug is {len(slug)} characters long; at most {MAX_SLUG_BYTES} "
                            "fit in the kits' file names", hint="choose a shorter slug")
    lang = lang or config.source_lang
    if lang not in config.languages:
        raise PressctlError(f"--lang {lang!r} is not one of this project's languages "
                            f"({', '.join(config.languages)})",
                            path=config.root / "pyproject.toml",
                            hint="a release is written in one of the configured languages and "
                                 "translated into the others; add it to languages first")
    path = config.root / config.seeds_dir / f"{slug}.md"
    if path.exists():
        raise PressctlError("a release with this slug exists already", path=path)
    text = Template(_template(lang)).substitute(
        title=_yaml_string(title or slug.replace("-", " ").capitalize()),
        date=(date or dt.date.today()).isoformat(),
        lang=lang,
        organisation=_yaml_string(_organisation(config, lang)),
    )
    catalogs.check_all(config)  # a broken catalog stops here, before the seed is written
    write_text(path, text)
    catalogs.update_all(config)
    made = NewRelease(path)
    for target in config.targets(lang):
        made.catalogs[target] = config.catalog_path(target, slug)
        made.filled[target] = _fill_known(config, path, lang, target)
    return made


def _organisation(config: Config, lang: str) -> str:
    """The configured organisation as a release in ``lang`` names it.

    ``organisation`` is written in the project's ``source_lang``; a Chinese
    release of an English project names it as the memory or glossary does
    (BMW China → 宝马中国), so its English catalog gets it back as reviewed.
    """
    name = config.organisation or "Your organisation"
    if not config.organisation or base_lang(lang) == base_lang(config.source_lang):
        return name
    from pressctl.translate.engine import Translator

    known = Translator.for_project(config, base_lang(config.source_lang),
                                   base_lang(lang)).known(name)
    return known.target if known is not None else name


def _template(lang: str) -> str:
    """The seed template in ``lang`` (placeholder headings a writer of it reads), else English."""
    folder = resources.files("pressctl").joinpath("templates")
    own = folder.joinpath(f"seed.{base_lang(lang)}.md")
    return (own if own.is_file() else folder.joinpath("seed.md")).read_text("utf-8")


def _fill_known(config: Config, seed: Path, source: str, lang: str) -> list[tuple[str, str]]:
    """Enter what memory and glossary already know as reviewed; (source, translation) pairs."""
    from pressctl.translate.engine import Translator
    from pressctl.translate.fill import fill_catalog

    translator = Translator.for_project(config, base_lang(source), base_lang(lang))
    fill = fill_catalog(config, seed, lang, translator, use_machine=False, reviewed_only=True)
    return [(r.source, r.target) for r in fill.results if r.exact]


def next_steps(config: Config, made: NewRelease) -> list[str]:
    """What to do after ``pressctl new``, in order, with the project's real paths."""
    from pressctl.core.paths import shown, typed

    seed = shown(config, made.seed)
    folder = shown(config, config.dist / made.seed.stem)
    po = ", ".join(shown(config, p) for p in made.catalogs.values()) or "(no target language)"
    return [
        f"edit {seed}: the title, the text, the facts",
        "pressctl catalog update            # bring the catalogs up to date with the text",
        f"pressctl translate {typed(made.seed)}   # memory, glossary, then the machine (fuzzy)",
        f"review every fuzzy entry in a PO editor (Poedit, Lokalize): {po}",
        "pressctl qa                        # figures, glossary terms, punctuation",
        f"pressctl build                     # the kits, into {folder}/",
    ]
