"""``pressctl doctor``: what pressctl found on this machine and what is missing, with fixes."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import asdict, dataclass

from pressctl.core.errors import PressctlError
from pressctl.core.paths import cache_dir
from pressctl.core.settings import Config


@dataclass(frozen=True)
class Finding:
    area: str
    item: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def platform_name() -> str:
    """This machine as :data:`pressctl.core.fonts.FONT_PACKAGES` names platforms ("" if other)."""
    import platform

    system = platform.system()
    if system in ("Darwin", "Windows"):
        return "macOS" if system == "Darwin" else "Windows"
    try:
        release = platform.freedesktop_os_release()
    except OSError:
        return ""
    ids = {release.get("ID", ""), *release.get("ID_LIKE", "").split()}
    if ids & {"debian", "ubuntu"}:
        return "Debian/Ubuntu"
    return "Fedora" if ids & {"fedora", "rhel", "centos"} else ""


def _fonts(config: Config) -> list[Finding]:
    from pressctl.core.fonts import install_hint, resolve

    found = []
    for lang in config.languages:
        try:
            fonts = resolve(lang, config.fonts.get(lang))
            found.append(Finding("fonts", lang, True,
                                 f"{fonts.regular.family} ({fonts.regular.path}, face "
                                 f"{fonts.regular.index})"))
        except PressctlError as exc:
            hint = install_hint(platform_name()) if exc.message.startswith("no font") else exc.hint
            found.append(Finding("fonts", lang, False, exc.message, hint or ""))
    return found


def _conversions(config: Config) -> list[Finding]:
    """The OpenCC table each Traditional language is drafted with, and whether it loads."""
    from pressctl.core.hant import conversion, convert

    found = []
    for lang in config.languages:
        table = conversion(lang)
        if not table:
            continue
        try:
            sample = convert("宝马“软件”", lang)
        except Exception as exc:  # noqa: BLE001 - any failure of the OpenCC library is the finding
            found.append(Finding("opencc", lang, False, f"OpenCC {table}: {exc}",
                                 "pip install opencc"))
            continue
        found.append(Finding("opencc", lang, True, f"OpenCC {table} (宝马“软件” → {sample})"))
    return found


def _models(config: Config) -> list[Finding]:
    try:
        from pressctl.translate import models
    except ImportError:
        return []
    from pressctl.core.lang import language

    installed = {(m.from_code, m.to_code) for m in models.installed()}
    found = []
    for target in config.target_languages:
        needed = _untranslated(config, target)
        for pair in ((config.source_lang, target), (target, config.source_lang)):
            codes = (language(pair[0]).argos, language(pair[1]).argos)
            ok = codes in installed
            # a model is required only where a catalog still waits for translations
            required = bool(needed) and pair[0] == config.source_lang
            detail = "installed" if ok else (
                f"not installed: {needed} segment(s) of {target} wait for a translation"
                if required else "not installed (translation memory still works)")
            found.append(Finding(
                "models", f"{pair[0]}→{pair[1]}", ok, detail,
                "" if ok else f"pressctl models install {codes[0]} {codes[1]}",
                required=required))
    return found


def _untranslated(config: Config, lang: str) -> int:
    """Untranslated entries in the language's catalogs (a missing catalog counts as none:
    ``catalog update`` makes it, and then doctor asks again)."""
    from pressctl.catalogs import catalog

    total = 0
    for seed in config.seeds():
        path = config.catalog_path(lang, seed.stem)
        try:
            total += catalog.counts(catalog.load_or_none(path)).untranslated
        except PressctlError:
            continue  # a malformed catalog is reported by the commands that read it
    return total


def _output(config: Config) -> Finding:
    folder = config.dist
    probe = folder if folder.exists() else folder.parent
    try:
        with tempfile.NamedTemporaryFile(dir=probe):
            pass
        return Finding("output", str(config.output_dir), True, "writable")
    except OSError as exc:
        return Finding("output", str(config.output_dir), False, exc.strerror or "not writable",
                       f"make {probe} writable or set output_dir in [tool.pressctl]")


def _tools() -> list[Finding]:
    wanted = {
        "pdftotext": "apt-get install poppler-utils (checks read the PDFs with it)",
        "soffice": "apt-get install libreoffice-writer-nogui (checks open the DOCX with it)",
    }
    return [Finding("tools", tool, shutil.which(tool) is not None,
                    shutil.which(tool) or "not found", fix)
            for tool, fix in wanted.items()]


def _publishing(config: Config) -> list[Finding]:
    """What the html and email formats and the newsroom need, when the project asks for them:
    the libraries that write them, base_url for absolute links; Chromium only for the tests."""
    import importlib.util

    wanted = [fmt for fmt in ("html", "email") if fmt in config.formats]
    if not wanted:
        return []
    found = []
    modules = {"lxml": "html", "PIL": "html", "feedgen": "html", "css_inline": "email"}
    for module, fmt in modules.items():
        if fmt in wanted:
            ok = importlib.util.find_spec(module) is not None
            found.append(Finding(fmt, module, ok, "installed" if ok else "not installed",
                                 f"pip install {'css-inline' if module == 'css_inline' else module}"
                                 " (pressctl declares it; reinstall pressctl)"))
    found.append(Finding("html", "base_url", bool(config.base_url),
                         config.base_url or "not set: pages link relatively, and "
                                            "'pressctl newsroom' refuses to run",
                         'set base_url = "https://press.example.com/" in [tool.pressctl]',
                         required=False))
    browser = shutil.which("chromium") and shutil.which("chromedriver")
    found.append(Finding("html", "chromium", bool(browser),
                         "chromium and chromedriver found (browser tests run)" if browser
                         else "not found: the browser tests of pages and e-mails skip",
                         "apt-get install chromium chromium-driver", required=False))
    return found


def _config(config: Config) -> Finding:
    """Whether the project has a ``[tool.pressctl]`` table: without one, pressctl's defaults
    would build whatever folder it was run in, which is not "ok"."""
    from pressctl.core.settings import read_table

    path = config.pyproject
    if path.is_file() and read_table(path) is not None:
        return Finding("config", "pyproject.toml", True, str(path))
    detail = (f"no [tool.pressctl] table in {path}" if path.is_file()
              else f"no pyproject.toml with [tool.pressctl] in {config.root} or above")
    fix = ("pressctl init   # adds a [tool.pressctl] table to this pyproject.toml"
           if path.is_file() else "pressctl init   # makes a release repository here")
    return Finding("config", "pyproject.toml", False, detail, fix)


def diagnose(config: Config) -> list[Finding]:
    found = [_config(config)]
    seeds = config.seeds()
    # without a project, "pressctl new" fails: init comes first (and writes a sample release)
    fix = "pressctl new <slug>" if found[0].ok else "pressctl init"
    found.append(Finding("seeds", str(config.seeds_dir), bool(seeds),
                         f"{len(seeds)} release(s)", "" if seeds else fix))
    found.extend(_fonts(config))
    found.extend(_conversions(config))
    found.extend(_models(config))
    found.append(_output(config))
    found.extend(_tools())
    found.extend(_publishing(config))
    found.append(Finding("cache", "fonts", True, str(cache_dir()), required=False))
    return found
