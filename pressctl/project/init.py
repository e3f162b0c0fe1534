"""``pressctl init [FOLDER]``: a release repository a press office starts from, as ``mkdocs new``.

It writes the ``[tool.pressctl]`` table (commented, so the settings explain
themselves), a sample release whose translations ship with pressctl (so the
first ``pressctl build`` writes kits and shows what a kit is), the kit-wording
catalogs and the glossary header in ``locales/``, a ``.gitignore`` and a CI
workflow that installs pressctl as a package and runs ``qa`` and ``build --check``.

In a folder that already holds a project it only adds: the table is appended
to an existing ``pyproject.toml`` as text (its comments and layout stay byte
for byte), and a file that exists is never overwritten — init refuses before
writing anything, listing every file in the way.  The templates are files in
``pressctl/templates/init`` an editor can open.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from pressctl import __version__
from pressctl.core.atomic import write_text
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.core.lang import LANGUAGES, base_lang, canonical
from pressctl.core.settings import PYPROJECT, Config, read_table

CI_CHOICES = ("github", "gitlab", "none")
CI_FILES = {"github": ".github/workflows/press-kits.yml", "gitlab": ".gitlab-ci.yml"}
SAMPLE = "first-release"
DEFAULT_COLOUR = "#1C69D4"


@dataclass(frozen=True)
class Settings:
    """What ``init`` asks for (options, or prompts on a terminal)."""

    organisation: str
    colour: str = DEFAULT_COLOUR
    languages: tuple[str, ...] = ("en", "zh")
    source_lang: str = ""  # the first language when empty
    ci: str = "github"


@dataclass
class Made:
    """What init wrote (paths relative to the folder) and what it appended to."""

    root: Path
    written: list[str] = field(default_factory=list)
    appended: str = ""  # "pyproject.toml" when the table went into an existing file
    untranslated: list[str] = field(default_factory=list)  # targets the sample lacks


def _template(name: str) -> str:
    return resources.files("pressctl").joinpath("templates", "init", name).read_text("utf-8")


def _toml_string(text: str) -> str:
    """A TOML basic string for any text (JSON's escapes are TOML's for these)."""
    return json.dumps(text, ensure_ascii=False)


def _check(settings: Settings) -> tuple[tuple[str, ...], str]:
    """The languages in pressctl's spelling and the source; input errors exit 2."""
    if not settings.organisation.strip():
        raise PressctlError("--organisation is empty",
                            hint="name the organisation the kits are for, e.g. "
                                 "--organisation \"Example Energy\"")
    if settings.ci not in CI_CHOICES:
        raise PressctlError(f"--ci {settings.ci!r} is not one of {', '.join(CI_CHOICES)}")
    languages = tuple(dict.fromkeys(canonical(code) for code in settings.languages))
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown:
        raise PressctlError(f"--lang {', '.join(unknown)}: pressctl knows "
                            f"{', '.join(LANGUAGES)}",
                            hint="write one --lang per language, e.g. --lang en --lang zh")
    source = canonical(settings.source_lang) if settings.source_lang else languages[0]
    if source not in languages:
        raise PressctlError(f"--source-lang {settings.source_lang!r} is not one of the "
                            f"languages ({', '.join(languages)})")
    return languages, source


def table_text(settings: Settings) -> str:
    """The commented ``[tool.pressctl]`` table for these settings."""
    languages, source = _check(settings)
    colour = settings.colour if settings.colour.startswith("#") else f"#{settings.colour}"
    return Template(_template("pressctl.toml")).substitute(
        organisation=_toml_string(settings.organisation.strip()),
        colour=_toml_string(colour),
        languages="[" + ", ".join(_toml_string(code) for code in languages) + "]",
        source_lang=_toml_string(source))


def _files(settings: Settings, source: str) -> dict[str, str]:
    """Every new file init writes (relative path → text), pyproject.toml aside."""
    kind = "zh" if base_lang(source) == "zh" else "en"
    sample = Template(_template(f"sample.{kind}.md")).substitute(
        organisation=settings.organisation.strip().replace('"', "'"),
        date=dt.date.today().isoformat())
    files = {f"seeds/{SAMPLE}.md": sample.replace(f"lang: {kind}", f"lang: {source}", 1),
             "locales/glossary.csv": _glossary(settings.organisation.strip()),
             ".gitignore": _template("gitignore")}
    if settings.ci != "none":
        files[CI_FILES[settings.ci]] = Template(
            _template("github.yml" if settings.ci == "github" else "gitlab-ci.yml")
        ).safe_substitute(version=__version__)
    return files


def _glossary(organisation: str) -> str:
    """The glossary's header; a Latin-letter name is entered as every language writes it
    (the sample's Chinese text keeps it, as BMW's does), to be replaced by an official one."""
    from pressctl.core.script import has_cjk_letters

    rows = [["source", "target", "note"]]
    if not has_cjk_letters(organisation):
        rows.append([organisation, organisation,
                     "written by pressctl init: replace the target with the official "
                     "translation, if there is one"])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def init_project(folder: Path, settings: Settings) -> Made:
    """Make ``folder`` a release repository; refuses (exit 2) before writing over anything."""
    languages, source = _check(settings)
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise PressctlError("is a file, not a folder", path=folder)
    pyproject = folder / PYPROJECT
    table = table_text(settings)
    if pyproject.is_file() and read_table(pyproject) is not None:
        raise PressctlError("already has a [tool.pressctl] table: this is a pressctl project",
                            path=pyproject, hint="pressctl new <slug> starts a release")
    files = _files(settings, source)
    taken = [name for name in files if (folder / name).exists()]
    taken += [name for name in _catalogs(folder, languages, source) if (folder / name).exists()]
    if taken:
        raise PressctlError("init writes no file over an existing one; in the way: "
                            + ", ".join(sorted(taken)), path=folder,
                            hint="move them aside, or run pressctl init in another folder")
    made = Made(folder)
    if pyproject.is_file():
        made.appended = PYPROJECT
        write_text(pyproject, _appended(pyproject, table))
    else:
        made.written.append(PYPROJECT)
        write_text(pyproject, table)
    for name, text in files.items():
        write_text(folder / name, text)
        made.written.append(name)
    config = load(folder)
    from pressctl.catalogs import project as catalogs

    catalogs.update_all(config)  # the kit wording's catalogs and the sample's
    made.written += [name for name in _catalogs(folder, languages, source)]
    made.untranslated = _translate_sample(config, settings.organisation.strip(), source)
    return made


def _appended(pyproject: Path, table: str) -> str:
    """The existing file with the table after it; refused if the result is not TOML."""
    text = pyproject.read_text(encoding="utf-8")
    joined = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + table
    try:
        tomllib.loads(joined)
    except tomllib.TOMLDecodeError as exc:
        raise PressctlError(f"cannot add [tool.pressctl]: {exc}", path=pyproject,
                            hint="add the table by hand (README: Configuration)") from None
    return joined


def _catalogs(folder: Path, languages: tuple[str, ...], source: str) -> list[str]:
    from pressctl.core.lang import folder as lang_folder

    return [f"locales/{lang_folder(lang)}/LC_MESSAGES/{domain}.po"
            for lang in languages if lang != source for domain in (SAMPLE, "pressctl")]


def _pairs(organisation: str, source: str, target: str) -> dict[str, str]:
    """The sample's reviewed translations, source → target, from the shipped table."""
    rows = list(csv.DictReader(_template("sample.csv").splitlines()))
    name = organisation.replace('"', "'")
    pick = {"en": "en", "zh": "zh"}

    def cell(row: dict[str, str], lang: str) -> str:
        return Template(row[pick[base_lang(lang)]]).substitute(organisation=name)

    return {cell(row, source): cell(row, target) for row in rows}


def _translate_sample(config: Config, organisation: str, source: str) -> list[str]:
    """Enter the sample's shipped translations as reviewed; the targets left without."""
    from pressctl.catalogs import catalog
    from pressctl.core.hant import convert

    missing = []
    for target in config.targets(source):
        path = config.catalog_path(target, SAMPLE)
        po = catalog.load(path)
        if base_lang(target) == base_lang(source):  # zh → zh-Hant-TW: OpenCC, below
            pairs = {entry.msgid: entry.msgid for entry in po}
        elif {base_lang(target), base_lang(source)} == {"en", "zh"}:
            pairs = _pairs(organisation, source, target)
        else:
            pairs = {}
        for entry in po:
            if entry.msgid in pairs:
                entry.msgstr = convert(pairs[entry.msgid], target)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        if any(not catalog.is_reviewed(e) for e in po if not e.obsolete):
            missing.append(target)
        catalog.save(po, path)
    return missing
