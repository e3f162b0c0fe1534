"""``pressctl translate``: offline translation from memory, glossary and an Argos model.

Standard output carries only the translated text, so it pipes and
round-trips (``… | pressctl translate --to zh | pressctl translate --to en``);
status, warnings and "needs review" notes go to standard error.  Given a seed
(``seeds/<slug>.md``) it fills that document's catalog instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from pressctl.cli.app import STATE, app, config, emit_json, info
from pressctl.cli.progress import Bar
from pressctl.core.paths import shown

if TYPE_CHECKING:
    from pressctl.core.settings import Config
    from pressctl.translate.engine import Result, Translator
    from pressctl.translate.fill import Fill

#: Fewer machine sentences than this finish before a progress bar would be read.
PROGRESS_MIN = 8
#: Sentences listed as "needs review" / "untranslated" before the rest are only counted.
REPORT_LIMIT = 20
MARKDOWN = (".md", ".markdown")


def _is_seed(path: Path, cfg: Config) -> bool:
    """A Markdown file with a front matter header, or any file in the seeds folder."""
    if path.suffix.lower() not in MARKDOWN:
        return False
    if path.resolve().parent == (cfg.root / cfg.seeds_dir).resolve():
        return True
    from pressctl.core.textfile import read_bytes

    head = read_bytes(path, what="file")[:5]  # stat first: a FIFO is refused, never opened
    return head.removeprefix(b"\xef\xbb\xbf")[:4].rstrip(b"\r\n") == b"---"


def _read_stdin() -> str:
    from pressctl.core.errors import PressctlError

    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise PressctlError(f"standard input is not UTF-8 (byte {exc.start})") from None


def _read_file(path: Path) -> str:
    from pressctl.core.textfile import read_utf8

    return read_utf8(path)


def _translator(cfg: Config, src: str, tgt: str, memory_only: bool) -> Translator:
    from pressctl.translate import machine
    from pressctl.translate.engine import Translator

    return Translator.for_project(
        cfg, src, tgt,
        load_engine=None if memory_only else (lambda: machine.load(src, tgt, cfg.decoding)))


def _run(work: Any) -> Any:
    """Run a translation; a missing model also mentions --memory-only."""
    from pressctl.core.errors import MissingDependency

    try:
        return work()
    except MissingDependency as exc:
        hint = f"{exc.hint}; or use only the translation memory with --memory-only" \
            if exc.hint else None
        raise MissingDependency(exc.message, path=exc.path, line=exc.line, hint=hint) from None


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _report(results: list[Result]) -> None:
    """Notes for people on standard error: what needs review, warnings, suggestions.

    A long run lists the first REPORT_LIMIT sentences; --verbose lists all.
    """
    from pressctl.translate.engine import Status

    attention = [p for r in results for p in r.parts
                 if p.status in (Status.MACHINE, Status.CONVERTED, Status.UNTRANSLATED)]
    # refused and doubtful drafts first: they are the ones a reviewer must see
    attention.sort(key=lambda p: (not p.refused, not (p.warnings and p.status is Status.MACHINE)))
    for listed, part in enumerate(attention):
        if listed == REPORT_LIMIT and not STATE["verbose"]:
            info(f"… and {len(attention) - listed} more (--verbose lists all, --json gives "
                 "every segment)")
            return
        if part.status in (Status.MACHINE, Status.CONVERTED):
            doubtful = "doubtful draft, " if part.warnings and part.status is Status.MACHINE \
                else ""
            info(f"{doubtful}needs review: {_short(part.source)}")
        else:
            info(f"untranslated: {_short(part.source)}")
        for repair in part.repairs:
            info(f"  repaired: {repair}")
        for warning in part.warnings:
            info(f"  warning: {warning}")
        for s in part.suggestions:
            info(f"  memory has ({s.score:.0f}%): {_short(s.source, 60)} → "
                 f"{_short(s.target, 60)}  [{s.origin}]")


def _summary(results: list[Result], engine: str | None) -> str:
    from pressctl.translate.engine import Status

    counts = {status: 0 for status in Status}
    for result in results:
        for part in result.parts:
            counts[part.status] += 1
    memory = counts[Status.MEMORY] + counts[Status.GLOSSARY] + counts[Status.VERBATIM]
    text = f"{memory} sentence(s) from memory"
    if counts[Status.CONVERTED]:
        text += (f", {counts[Status.CONVERTED]} converted from the reviewed Simplified by "
                 "OpenCC (needs review)")
    if counts[Status.MACHINE]:
        text += f", {counts[Status.MACHINE]} machine-translated by {engine} (needs review)"
    if counts[Status.UNTRANSLATED]:
        text += f", {counts[Status.UNTRANSLATED]} untranslated"
    return text


def _result_json(result: Result) -> dict[str, Any]:
    return {"source": result.source, "target": result.target, "status": str(result.status),
            "needs_review": result.needs_review, "reviewed": result.exact,
            "doubtful": bool(result.machine and result.warnings), "refused": result.refused,
            "repairs": result.repairs,
            "parts": [{"source": p.source, "target": p.target, "status": str(p.status),
                       "origin": p.origin, "warnings": list(p.warnings),
                       "repairs": list(p.repairs), "refused": p.refused,
                       "suggestions": [{"source": s.source, "target": s.target,
                                        "score": s.score, "origin": s.origin}
                                       for s in p.suggestions]}
                      for p in result.parts]}


def _fill_seed(cfg: Config, seed: Path, src: str | None, targets: list[str],
               memory_only: bool, as_json: bool) -> None:
    from pressctl.core.errors import PressctlError
    from pressctl.core.lang import canonical
    from pressctl.core.paths import relative
    from pressctl.source.read import read
    from pressctl.translate.fill import fill_catalog

    release = read(seed, default_lang=cfg.source_lang)
    lang = canonical(release.lang)
    if src is not None and canonical(src) != lang:
        raise PressctlError(f"the seed is in {lang!r}, not {src!r}", path=seed,
                            hint="a seed is translated from its own language; drop --from")
    fills: list[Fill] = []
    for tgt in targets or list(cfg.targets(release.lang)):
        tgt = canonical(tgt)
        if tgt == lang:
            raise PressctlError(f"--to {tgt} is the seed's own language")
        translator = _translator(cfg, lang, tgt, memory_only)
        bar = Bar(f"{release.slug} → {tgt}", PROGRESS_MIN)
        try:
            fill = _run(lambda t=translator, g=tgt, b=bar: fill_catalog(
                cfg, seed, g, t, use_machine=not memory_only, progress=b))
        finally:
            bar.close()
        fills.append(fill)
        info(f"{shown(cfg, fill.path)}: {fill.reviewed} from memory, "
             + (f"{fill.converted} converted from Simplified by OpenCC (fuzzy: needs review), "
                if fill.converted else "")
             + f"{fill.machine} machine-translated (fuzzy: needs review), "
             f"{fill.assembled} assembled (fuzzy), {fill.untranslated} untranslated, "
             + (f"{fill.doubtful} doubtful machine draft(s), " if fill.doubtful else "")
             + (f"{fill.refused} machine output(s) refused, " if fill.refused else "") +
             f"{fill.kept} already there" + ("" if fill.written else " (unchanged)"))
        if fill.machine:
            info(f"  machine output is marked fuzzy, with the model named: "
                 f"{translator.engine.name if translator.engine else ''}")
        _report(fill.results)
    if as_json:
        emit_json([{"catalog": relative(cfg, f.path), "lang": f.lang, "reviewed": f.reviewed,
                    "converted": f.converted,
                    "machine": f.machine, "assembled": f.assembled,
                    "untranslated": f.untranslated, "kept": f.kept, "written": f.written,
                    "doubtful": f.doubtful, "refused": f.refused,
                    "results": [_result_json(r) for r in f.results]} for f in fills])


@app.command("translate")
def translate_command(
    file: Path = typer.Argument(None, show_default=False, metavar="FILE",
                                help="A text or Markdown file, or a seed (seeds/<slug>.md) whose "
                                     "catalog to fill. Standard input when omitted or '-'."),
    source: str = typer.Option(None, "--from", "-f", show_default=False, metavar="LANG",
                               help="Source language (default: detected from the text)."),
    target: list[str] = typer.Option(None, "--to", "-t", show_default=False, metavar="LANG",
                                     help="Target language (default: the other one of the "
                                          "project; for a seed, every target language)."),
    memory_only: bool = typer.Option(False, "--memory-only",
                                     help="Use only the translation memory and glossary; leave "
                                          "other sentences in the source language."),
    as_json: bool = typer.Option(False, "--json",
                                 help="Print every segment with its status as JSON."),
) -> None:
    """Translate English ↔ Chinese offline: translation memory, glossary, then Argos Translate.

    Sentences the reviewed catalogs already translate come from memory; the
    rest go to an installed Argos model (see 'pressctl models') and are
    marked "needs review".  Standard output carries only the translation.
    """
    from pressctl.core.errors import PressctlError
    from pressctl.core.lang import canonical
    from pressctl.translate.layout import detect_lang, layout, render

    cfg = config()
    if len(target or []) > 1 and not (file and str(file) != "-" and file.is_file()
                                        and _is_seed(file, cfg)):
        raise PressctlError("give one --to language (several only for a seed)")
    if file is not None and str(file) != "-":
        if not (file.exists() or file.is_symlink()):
            raise PressctlError("no such file", path=file)
        from pressctl.core.textfile import check_file

        check_file(file)  # a folder, FIFO or device is refused before anything opens it
        if _is_seed(file, cfg):
            _fill_seed(cfg, file, source, list(target or []), memory_only, as_json)
            return
        text = _read_file(file)
        markdown = file.suffix.lower() in MARKDOWN
    else:
        if file is None and sys.stdin.isatty():
            # nothing piped in: waiting on the terminal looks like a hang, and ^D
            # would end with nothing translated and exit 0
            raise PressctlError(
                "no text to translate: give a FILE, or pipe text into standard input",
                hint="pressctl translate seeds/<slug>.md, pressctl translate notes.txt --to zh, "
                     "or echo 'Hello' | pressctl translate --to zh ('-' reads the terminal)")
        text = _read_stdin()
        markdown = False
    src = canonical(source) if source else detect_lang(text)
    if target:
        tgt = canonical(target[0])
    elif src == canonical(cfg.source_lang) and len(cfg.target_languages) == 1:
        tgt = canonical(cfg.target_languages[0])
    elif src != canonical(cfg.source_lang):
        tgt = canonical(cfg.source_lang)
    else:
        raise PressctlError("which language? give --to", hint="e.g. --to zh")
    if src == tgt:
        raise PressctlError(f"the text is already in {src!r}",
                            hint="give --from if the language was guessed wrong")
    blocks = layout(text, markdown=markdown)
    units = list(dict.fromkeys(b.text for b in blocks if not b.verbatim))
    translator = _translator(cfg, src, tgt, memory_only)
    bar = Bar(f"{src} → {tgt}", PROGRESS_MIN)
    try:
        results = _run(lambda: translator.translate(units, use_machine=not memory_only,
                                                    progress=bar))
    finally:
        bar.close()
    if as_json:
        emit_json([_result_json(r) for r in results])
    else:
        out = render(blocks, {r.source: r.target for r in results},
                     trailing_newline=text.endswith("\n"))
        sys.stdout.flush()
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    _report(results)
    engine = translator.engine.name if translator.engine else None
    needs_attention = any(r.status in ("machine", "converted", "untranslated") for r in results)
    if needs_attention or STATE["verbose"]:
        info(_summary(results, engine))

