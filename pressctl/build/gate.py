"""The gates a release passes before it is published: its translations, then QA.

A final kit never carries source text where a translation belongs, nor a
figure QA calls wrong.  Each gate either refuses (exit 1, every problem named
with its catalog and line) or, under ``--draft``, says which releases must be
marked DRAFT; a release's problems count against that release alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pressctl.catalogs import catalog
from pressctl.core.errors import CheckFailed
from pressctl.core.paths import relative, shown, typed
from pressctl.core.settings import Config

if TYPE_CHECKING:
    from pressctl.kit import Kit
    from pressctl.source.release import Release

#: Marks the key of ``missing`` that holds a language's untranslated kit wording.
KIT_WORDING = " kit wording"


def missing_catalog(config: Config, release: Release, key: str) -> tuple[str, Path]:
    """The language and the catalog to fix for a key of ``missing`` ("zh", "zh kit wording")."""
    lang, kit, _ = key.partition(KIT_WORDING)
    return lang, config.catalog_path(lang, catalog.KIT_DOMAIN if kit else release.slug)


def missing_problems(config: Config, release: Release,
                     missing: dict[str, list[str]]) -> list[dict[str, object]]:
    """Each missing translation as a QA problem: its catalog, the entry's line when it has one."""
    from pressctl.qa import Problem

    problems: list[dict[str, object]] = []
    for key, texts in missing.items():
        lang, path = missing_catalog(config, release, key)
        po = catalog.load_or_none(path)
        entries = {e.msgid: e for e in po or () if not e.obsolete}
        for text in texts:
            entry = entries.get(text)
            fuzzy = entry is not None and bool(entry.msgstr) and "fuzzy" in entry.flags
            message = ("machine translation not reviewed" if fuzzy else
                       "not translated" if entry is not None else "not in the catalog")
            problems.append(Problem(relative(config, path), entry.linenum if entry else None,
                                    lang, text, "fuzzy" if fuzzy else "untranslated", "error",
                                    message, text).as_dict())
    return problems


def missing_message(config: Config, release: Release, missing: dict[str, list[str]]) -> str:
    lines = [f"{release.slug}: translations missing or not reviewed:"]
    for key, texts in missing.items():
        path = shown(config, missing_catalog(config, release, key)[1])
        lines.append(f"  {key} ({path}): {len(texts)} segment(s)")
        lines.extend(f"    - {text[:90]}" for text in texts[:10])
        if len(texts) > 10:
            lines.append(f"    … and {len(texts) - 10} more")
    return "\n".join(lines)


def check_translations(config: Config, release: Release, seed: Path,
                       kits: dict[str, Kit], draft: bool) -> dict[str, list[str]]:
    """Missing translations per language (``kits``: the release localised into each)."""
    from pressctl.catalogs.wording import is_kit_source

    missing: dict[str, list[str]] = {}
    for lang, kit in kits.items():
        if kit.release.untranslated:
            missing[lang] = list(kit.release.untranslated)
        if not is_kit_source(lang) and kit.missing_wording():
            missing[f"{lang}{KIT_WORDING}"] = kit.missing_wording()
    if missing and not draft:
        raise CheckFailed(
            missing_message(config, release, missing), path=seed,
            hint="translate them in the catalogs (pressctl catalog update; pressctl translate "
                 f"{typed(seed)} --to LANG), mark them reviewed, or build with --draft",
            problems=missing_problems(config, release, missing),
        )
    return missing


def gate_qa(config: Config, seeds: list[Path], langs: tuple[str, ...],
            draft: bool, refused: list[CheckFailed] | None = None) -> dict[str, int]:
    """Refuse to publish what QA calls an error (a wrong figure, a missing term, fuzzy text).

    The count of blocking problems of each release (by slug) says which ones
    are refused, or with ``draft`` which ones must be marked DRAFT.  A problem in
    a release's own files (its seed, its catalogs) counts for that release; one
    anywhere else (the kit wording every kit prints) counts for all.  Without
    ``draft`` a problem raises, unless ``refused`` collects the refusal (the
    caller then leaves out the releases with a count, and builds the others).
    """
    from pressctl import qa

    if not seeds:
        return {}
    blocking = qa.gate(config, [seed.stem for seed in seeds], langs)
    if blocking and not draft:
        refusal = CheckFailed(qa.gate_message(blocking, config=config),
                              hint="fix them (run 'pressctl qa' for the full report), or build "
                                   "a marked preview with --draft",
                              problems=[p.as_dict() for p in blocking])
        if refused is None:
            raise refusal
        refused.append(refusal)
    owner = {relative(config, path): seed.stem for seed in seeds
             for path in (seed, *(config.catalog_path(lang, seed.stem) for lang in langs))}
    counts = dict.fromkeys((seed.stem for seed in seeds), 0)
    for problem in blocking:
        for slug in [owner[problem.file]] if problem.file in owner else counts:
            counts[slug] += 1
    return counts
