"""pressctl against what people use today, side by side in one run on the same inputs.

    .venv/bin/python tests/bench/run.py            # the full benchmark (about 20 minutes)
    .venv/bin/python tests/bench/run.py --quick    # tiny sizes, one run each (smoke test)

Prints a Markdown table (and machine details) and, for a full run, writes it to
tests/bench/RESULTS.md (``--output`` elsewhere).  Every timed command runs as
its own process; wall time comes from ``time.perf_counter`` around it and peak
memory from ``os.wait4`` (the process's maximum resident set, its own children
included, e.g. xelatex under Pandoc).  Medians of repeated runs after one
untimed warm-up run.

Measures:

* kit build: ``pressctl build --force`` (en + zh × PDF + DOCX, and the bilingual
  edition it always adds) and the same four files without it (``--lang en``
  then ``--lang zh``) against Pandoc making the four files from the same
  content (``corpus.pandoc_markdown``): DOCX directly, PDF through xelatex
  with Noto Sans CJK SC, or through LibreOffice from Pandoc's DOCX;
* no-op rebuild and rebuild after one catalog change, as a share of a full build;
* scale: generated releases of 25–200 pages and 10–100 releases, time and peak memory;
* start-up: ``pressctl --help`` and ``pressctl catalog stats`` against ``python -c pass``;
* machine translation: a Transformer-base-sized Argos package (random weights),
  pressctl's batched engine against ``argostranslate.translate.translate()`` per
  sentence, the same sentences and the same decoding cap, the network blocked.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
CJK_FONT = "Noto Sans CJK SC"

#: Loaded by every machine-translation process (PYTHONPATH): no network, every
#: attempt logged; and the same cap on decoding length for pressctl and
#: argostranslate, since a model with random weights never ends a sentence.
SITECUSTOMIZE = '''\
"""Benchmark: no network in this process; equal decoding cap for every CTranslate2 call."""
import os
import socket


def _blocked(*args, **kwargs):
    with open(os.environ["PRESSCTL_BENCH_NETWORK_LOG"], "a", encoding="utf-8") as fh:
        fh.write(repr(args[1:2]) + "\\n")
    raise OSError("network blocked by the benchmark")


socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked

if os.environ.get("PRESSCTL_BENCH_MAX_DECODING"):
    import ctranslate2

    _Translator = ctranslate2.Translator
    _CAP = int(os.environ["PRESSCTL_BENCH_MAX_DECODING"])

    class _Capped:
        def __init__(self, *args, **kwargs):
            self._inner = _Translator(*args, **kwargs)

        def translate_batch(self, *args, **kwargs):
            kwargs["max_decoding_length"] = _CAP
            return self._inner.translate_batch(*args, **kwargs)

        def __getattr__(self, name):
            return getattr(self._inner, name)

    ctranslate2.Translator = _Capped
'''


# ---------------------------------------------------------------- plans


@dataclass(frozen=True)
class Plan:
    name: str
    reps: int  # timed runs per measure (median)
    scale_reps: int
    startup_reps: int
    warmup: bool
    pages: tuple[int, ...]
    releases: tuple[int, ...]
    mt_tiny: bool
    mt_segments: int
    mt_reps: int
    max_decoding: int
    pdf_baselines: bool
    profile_top: int = 20


#: max_decoding 24: the benchmark's sentences are 15 pieces on average (22 for the first
#: 32, the announcement's long ones); a Chinese translation takes about 1.5 times that.
FULL = Plan("full", reps=5, scale_reps=3, startup_reps=15, warmup=True,
            pages=(25, 50, 100, 200), releases=(50, 100, 200), mt_tiny=False, mt_segments=128,
            mt_reps=3, max_decoding=24, pdf_baselines=True)
QUICK = Plan("quick", reps=1, scale_reps=1, startup_reps=2, warmup=False, pages=(1,),
             releases=(1, 2), mt_tiny=True, mt_segments=8, mt_reps=1, max_decoding=8,
             pdf_baselines=False)


# ---------------------------------------------------------------- running and timing


@dataclass
class Run:
    seconds: float
    peak_kb: int
    stderr: str = ""


class CommandFailed(RuntimeError):
    pass


#: Runs one command and reports its wall time and peak memory (run as ``python -S -E -c``).
#: The benchmark process itself is large (a model, a corpus); a child forked
#: straight from it would count its memory until exec, so a small interpreter
#: forks the command instead.
LAUNCHER = """\
import json, os, sys, time
result, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(result, "w") as fh:
    json.dump({"seconds": elapsed, "peak_kb": usage.ru_maxrss,
               "code": os.waitstatus_to_exitcode(status)}, fh)
"""


def run(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run one command to completion: wall time, peak RSS (with its children), standard error."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        subprocess.run([sys.executable, "-S", "-E", "-c", LAUNCHER, str(result), *cmd],
                       cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=err, check=False)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        data = json.loads(result.read_text()) if result.exists() else {"code": -1}
    if data["code"] != 0:
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited {data['code']}:\n{text[-2000:]}")
    return Run(data["seconds"], data["peak_kb"], text)


def sequence(cmds: Sequence[Sequence[str]], cwd: Path, env: dict[str, str]) -> Run:
    """Commands one after the other, as one measure: total time, the largest peak."""
    runs = [run(cmd, cwd, env) for cmd in cmds]
    return Run(sum(r.seconds for r in runs), max(r.peak_kb for r in runs),
               "".join(r.stderr for r in runs))


@dataclass
class Measure:
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def spread(self) -> str:
        times = [r.seconds for r in self.runs]
        return f"{min(times):.2f}–{max(times):.2f} s" if len(times) > 1 else "1 run"

    @property
    def peak_mb(self) -> float:
        return max(r.peak_kb for r in self.runs) / 1024

    def text(self) -> str:
        return f"{self.median:.2f} s"


def repeat(step: Callable[[int], Run], reps: int, warmup: bool,
           before: Callable[[int], None] | None = None) -> Measure:
    """``reps`` timed runs (after an untimed one when ``warmup``); ``before`` is not timed."""
    measure = Measure()
    for index in range(-1 if warmup else 0, reps):
        if before is not None:
            before(index)
        result = step(index)
        if index >= 0:
            measure.runs.append(result)
    return measure


def interleave(steps: dict[str, Callable[[], Run]], reps: int,
               warmup: bool) -> dict[str, Measure]:
    """Round-robin repetitions of several commands, so that whatever else the machine is
    doing in the meantime weighs on each of them alike."""
    measures = {name: Measure() for name in steps}
    for index in range(-1 if warmup else 0, reps):
        for name, step in steps.items():
            result = step()
            if index >= 0:
                measures[name].runs.append(result)
    return measures


def built_count(stderr: str) -> int:
    return sum(int(n) for n in re.findall(r"(\d+) file\(s\) built", stderr))


# ---------------------------------------------------------------- the benchmark


@dataclass
class Row:
    measure: str
    pressctl: str
    baseline: str
    ratio: str


class Bench:
    def __init__(self, plan: Plan, work: Path, log: Callable[[str], None], *,
                 worktree: bool = False) -> None:
        self.plan = plan
        self.work = work
        self.log = log
        self.rows: list[Row] = []
        self.details: list[str] = []
        commit = _first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
        self.code = corpus_module().snapshot_code(work / "code", worktree=worktree)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "pressctl"],
                               capture_output=True, text=True).stdout.strip()
        self.code_version = (f"commit {commit}" if not worktree else
                             f"work tree at commit {commit}"
                             + (", with uncommitted changes" if dirty else ""))
        self.env = {**os.environ, "PYTHONPATH": str(self.code)}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        script = Path(sys.executable).parent / "pressctl"
        self.pressctl = [str(script)] if script.exists() else [sys.executable, "-m", "pressctl"]
        self.full_build: Measure | None = None
        self.measures: dict[str, Measure] = {}
        self.missing: dict[str, str] = {}
        self.goals: list[tuple[str, str, float | None, float, str, bool]] = []
        self.load = os.getloadavg()

    def add(self, measure: str, pressctl: str, baseline: str, ratio: str) -> None:
        self.rows.append(Row(measure, pressctl, baseline, ratio))
        self.log(f"  {measure}: {pressctl} | {baseline} | {ratio}")

    def project(self, name: str) -> Path:
        return corpus_module().copy_project(self.work / name)

    # ------------------------------------------------------------ kit build

    def kit_build(self) -> None:
        corpus = corpus_module()
        plan = self.plan
        self.log("kit build")
        project = self.project("kit")
        pandoc_dir = self.work / "pandoc"
        pandoc_dir.mkdir()
        for lang in ("en", "zh"):
            (pandoc_dir / f"{lang}.md").write_text(corpus.pandoc_markdown(project, lang), "utf-8")
            (pandoc_dir / f"{lang}.typ").write_text(corpus.typst_markup(project, lang, CJK_FONT),
                                                     "utf-8")

        def pressctl(*args: tuple[str, ...]) -> Callable[[], Run]:
            return lambda: sequence([[*self.pressctl, *a] for a in args], project, self.env)

        docx = [["pandoc", "en.md", "-M", "lang=en-GB", "--reference-doc", "reference.docx",
                 "-o", "en.docx"],
                ["pandoc", "zh.md", "-M", "lang=zh-CN", "--reference-doc", "reference.docx",
                 "-o", "zh.docx"]]
        geometry = ["-V", "papersize=a4", "-V", "geometry:margin=20mm"]
        xelatex = [["pandoc", "en.md", "--pdf-engine=xelatex", *geometry, "-o", "en.pdf"],
                   ["pandoc", "zh.md", "--pdf-engine=xelatex", *geometry,
                    "-V", f"CJKmainfont={CJK_FONT}", "-o", "zh.pdf"]]
        profile = (self.work / "lo-profile").as_uri()
        soffice = [["soffice", "--headless", f"-env:UserInstallation={profile}",
                    "--convert-to", "pdf", "--outdir", "lo", "en.docx", "zh.docx"]]

        steps: dict[str, Callable[[], Run]] = {
            "four": pressctl(("build", "--force", "--lang", "en"),
                             ("build", "--force", "--lang", "zh")),
            "full": pressctl(("build", "--force"),),
            "jobs": pressctl(("build", "--force", "--jobs", "2"),),
            "docx-only": pressctl(("build", "--force", "--format", "docx"),),
            "pdfs": pressctl(("build", "--force", "--format", "pdf"),),
        }
        typst = [sys.executable, "-c", "import typst\nfor lang in ('en', 'zh'):\n"
                 "    typst.compile(f'{lang}.typ', output=f'{lang}.pdf')"]
        missing = missing_baselines(plan)
        if "typst" not in missing:
            steps["typst"] = lambda: run(typst, pandoc_dir, self.env)
        if "docx" not in missing:
            corpus.reference_docx(pandoc_dir / "reference.docx", CJK_FONT)
            steps["docx"] = lambda: sequence(docx, pandoc_dir, self.env)
        if "xelatex" not in missing:
            steps["xelatex"] = lambda: sequence(docx + xelatex, pandoc_dir, self.env)
        if "soffice" not in missing:
            steps["soffice"] = lambda: sequence(docx + soffice, pandoc_dir, self.env)
        measures = interleave(steps, plan.reps, plan.warmup)
        files = sorted(p.name for p in (project / "dist").rglob("*")
                       if p.suffix in (".pdf", ".docx"))
        self.full_build = measures["full"]
        routes = {"xelatex": "Pandoc + xelatex", "soffice": "Pandoc + LibreOffice",
                  "typst": "Typst"}
        self.measures = measures
        self.missing = missing

        def versus(label: str, key: str, bases: Sequence[str]) -> None:
            ours = measures[key]
            cells, ratios = [], []
            for base in bases:
                name = routes.get(base, "Pandoc")
                if base in missing:
                    cells.append(f"{name}: {missing[base]}")
                    continue
                theirs = measures[base]
                ratio = ours.median / theirs.median
                speed = f"{1 / ratio:.1f}× faster" if ratio < 1 else f"{ratio:.1f}× slower"
                cells.append(f"{name} {theirs.text()}")
                ratios.append(f"{ratio:.2f} vs {name} ({speed})")
            ratios.append(f"peak {ours.peak_mb:.0f} MB; runs {ours.spread}")
            self.add(label, ours.text(), "; ".join(cells), "; ".join(ratios))

        pdf_routes = ("xelatex", "soffice")
        versus("Kit build, the 4 files (en, zh × PDF, DOCX): `pressctl build --force --lang en` "
               "then `--lang zh` (no bilingual edition) vs Pandoc making the same 4", "four",
               pdf_routes)
        versus(f"Kit build as users run it: `pressctl build --force` ({len(files)} files: the 4 "
               "+ bilingual PDF, DOCX) vs Pandoc making 4", "full", pdf_routes)
        versus(f"Same, `pressctl build --force --jobs 2` ({len(files)} files, 2 processes) vs "
               "Pandoc making 4", "jobs", pdf_routes)
        versus("DOCX only: `pressctl build --force --format docx` (en, zh, bilingual) vs Pandoc "
               "DOCX (en, zh)", "docx-only", ("docx",))
        versus("PDF only: `pressctl build --force --format pdf` (en, zh and the bilingual PDF "
               "it adds) vs Typst compiling en and zh from Python (`typst` on PyPI, Noto Sans "
               "CJK SC, Python start-up included)", "pdfs", ("typst",))
        lines = ["| baseline (4 files) | commands | median | runs | peak memory |",
                 "| --- | --- | ---: | ---: | ---: |"]
        for key, cmds in (("docx", docx), ("xelatex", docx + xelatex),
                          ("soffice", docx + soffice), ("typst", [typst])):
            if key in measures:
                m = measures[key]
                shown = "<br>".join(f"`{shlex.join(c)}`" for c in cmds).replace(
                    f"-env:UserInstallation={profile}", "-env:UserInstallation=…")
                lines.append(f"| {routes.get(key, 'Pandoc DOCX (2 files)')} | {shown} | "
                             f"{m.text()} | {m.spread} | {m.peak_mb:.0f} MB |")
        self.details.append(
            "### Kit build baselines\n\nPandoc's input is the kit's content as Markdown "
            "(title, subtitle, date, release label, body with headings and quotations, key "
            "figures as a table, end mark), English from the seed and Chinese from the reviewed "
            "catalog, made with pressctl's reader and localiser outside the timed region "
            "(tests/bench/corpus.py). The reference DOCX is Pandoc's own with Noto Sans CJK SC "
            "for East Asian text. LibreOffice converts both DOCX files in one call, with a "
            "profile made by the untimed warm-up run. pressctl's kits carry more: letterhead, "
            "pull-quotes, fact table and chart, bookmarks, localised page numbers.\n\n"
            + "\n".join(lines))

    # ------------------------------------------------------------ rebuilds

    def rebuilds(self) -> None:
        corpus = corpus_module()
        self.log("rebuilds")
        project = self.project("rebuild")
        run([*self.pressctl, "build"], project, self.env)
        full = self.full_build or repeat(
            lambda _: run([*self.pressctl, "build", "--force"], project, self.env),
            self.plan.reps, self.plan.warmup)
        noop = repeat(lambda _: run([*self.pressctl, "build"], project, self.env),
                      self.plan.reps, self.plan.warmup)
        built = {built_count(r.stderr) for r in noop.runs}
        self.goal("no-op rebuild", "s", noop.median, 0.2)
        self.add("No-op rebuild: `pressctl build`, nothing changed", noop.text(),
                 f"full build {full.text()}",
                 f"{noop.median / full.median:.0%} of a full build; files rebuilt: "
                 f"{'/'.join(map(str, sorted(built)))}")
        incremental = repeat(lambda _: run([*self.pressctl, "build"], project, self.env),
                             self.plan.reps, self.plan.warmup,
                             before=lambda _: corpus.change_one_translation(project))
        built = {built_count(r.stderr) for r in incremental.runs}
        self.add("Incremental rebuild after one zh catalog entry changed", incremental.text(),
                 f"full build {full.text()}",
                 f"{incremental.median / full.median:.0%} of a full build; files rebuilt: "
                 f"{'/'.join(map(str, sorted(built)))} of 6 (zh PDF, DOCX + bilingual)")
        self.first_build(full)

    def first_build(self, full: Measure) -> None:
        """``pressctl build`` in a fresh copy with an empty cache folder (``XDG_CACHE_HOME``):
        what a new clone on a CI runner pays once (fonts converted, charts drawn, QA run)."""
        project = self.project("first")

        def fresh(index: int) -> Run:
            shutil.rmtree(project / "dist", ignore_errors=True)
            cache = self.work / f"first-cache-{index}"
            return run([*self.pressctl, "build"], project,
                       {**self.env, "XDG_CACHE_HOME": str(cache)})

        first = repeat(fresh, self.plan.reps, self.plan.warmup)
        self.goal("first build, empty cache", "s", first.median, 2.0)
        self.add("First build with an empty cache: `pressctl build` in a fresh copy, "
                 "`XDG_CACHE_HOME` empty", first.text(), f"full build {full.text()}",
                 f"{first.median / full.median:.1f}× a full build with the cache; files built: "
                 f"{'/'.join(map(str, sorted({built_count(r.stderr) for r in first.runs})))}; "
                 f"peak {first.peak_mb:.0f} MB; runs {first.spread}")

    # ------------------------------------------------------------ scale

    def sections_for(self, targets: Sequence[int]) -> dict[int, int]:
        """How many generated sections make each target number of English PDF pages.

        Pages grow linearly with sections (the announcement adds a fixed part);
        two English-PDF-only builds, untimed, give the line.
        """
        if self.plan.name == "quick":
            return {pages: pages for pages in targets}  # a section or three: no calibration
        corpus = corpus_module()
        points = []
        for sections in (4, 24):
            project = self.project(f"calibrate-{sections}")
            seed = corpus.long_release(project, sections)
            run([*self.pressctl, "build", "--force", "--lang", "en", "--format", "pdf"], project,
                self.env)
            points.append((sections, pdf_pages(project / "dist" / seed.stem
                                               / f"{seed.stem}.en.pdf")))
        (s0, p0), (s1, p1) = points
        per_section = (p1 - p0) / (s1 - s0)
        found = {pages: max(1, round(s0 + (pages - p0) / per_section)) for pages in targets}
        self.log(f"    calibration: {per_section:.2f} pages per section; {found}")
        return found

    def scale(self) -> None:
        """Long releases: the 4 files (``--lang en``, ``--lang zh``), timed; then one
        ``build --force`` with the bilingual edition, reported when it succeeds.
        Many releases: ``build --force`` (6 files each)."""
        corpus = corpus_module()
        self.log("scale")
        page_points = []
        for pages, sections in self.sections_for(self.plan.pages).items():
            project = self.project(f"pages-{pages}")
            seed = corpus.long_release(project, sections)
            def four(_: int, p: Path = project) -> Run:
                return sequence([[*self.pressctl, "build", "--force", "--lang", "en"],
                                 [*self.pressctl, "build", "--force", "--lang", "zh"]], p,
                                self.env)

            measure = repeat(four, self.plan.scale_reps, False)
            slug = seed.stem
            actual = pdf_pages(project / "dist" / slug / f"{slug}.en.pdf")
            zh_pages = pdf_pages(project / "dist" / slug / f"{slug}.zh.pdf")
            six: Run | str = "not run (--quick)"
            try:
                if self.plan.name != "quick":
                    six = run([*self.pressctl, "build", "--force"], project, self.env)
            except CommandFailed as exc:
                six = "fails: " + failure_line(str(exc))
            page_points.append((sections, actual, zh_pages, measure, six))
            self.log(f"    {sections} sections, {actual} pages: {measure.text()}, "
                     f"{measure.peak_mb:.0f} MB; with the bilingual edition: "
                     f"{six if isinstance(six, str) else f'{six.seconds:.2f} s'}")
        release_points = []
        for count in self.plan.releases:
            project = self.project(f"releases-{count}")
            corpus.small_releases(project, count)
            run([*self.pressctl, "build", "--jobs", "2"], project, self.env)  # font cache

            def full(_: int, p: Path = project, jobs: str = "1") -> Run:
                return run([*self.pressctl, "build", "--force", "--jobs", jobs], p, self.env)

            measure = repeat(full, self.plan.scale_reps, False)
            two = repeat(lambda i, p=project: full(i, p, "2"), self.plan.scale_reps, False)
            release_points.append((count, measure, two))
            self.log(f"    {count} releases: {measure.text()}, {measure.peak_mb:.0f} MB; "
                     f"--jobs 2 {two.text()} ({measure.median / two.median:.2f}× speed-up)")

        big = page_points[-1]
        fit = linear_fit([p[1] for p in page_points], [p[3].median for p in page_points])
        failed = [f"{p[1]} p" for p in page_points
                  if isinstance(p[4], str) and p[4].startswith("fails")]
        self.add(f"Scale: one release of {big[1]} pages (en PDF; zh {big[2]}), the 4 files "
                 "(`--lang en` + `--lang zh`)", big[3].text(), "–",
                 f"peak {big[3].peak_mb:.0f} MB; {fit_text(fit, 'page')}; sizes "
                 + ", ".join(f"{p[1]} p: {p[3].median:.1f} s/{p[3].peak_mb:.0f} MB"
                             for p in page_points)
                 + (f"; with the bilingual edition `build --force` FAILS at {', '.join(failed)}"
                    " (see Scale)" if failed else ""))
        many = release_points[-1]
        fit = linear_fit([p[0] for p in release_points], [p[1].median for p in release_points])
        self.add(f"Scale: {many[0]} generated releases, `build --force --jobs 1` "
                 f"({6 * many[0]} files)", many[1].text(), "–",
                 f"peak {many[1].peak_mb:.0f} MB; {fit_text(fit, 'release')}; sizes "
                 + ", ".join(f"{n}: {m.median:.1f} s/{m.peak_mb:.0f} MB"
                             for n, m, _ in release_points))
        self.add(f"Scale: {many[0]} generated releases, `--jobs 2` against `--jobs 1`",
                 many[2].text(), f"`--jobs 1` {many[1].text()}",
                 f"{many[1].median / many[2].median:.2f}× speed-up (goal ≥ 1.7×); sizes "
                 + ", ".join(f"{n}: {m.median / two.median:.2f}×"
                             for n, m, two in release_points))
        self.goal(f"`--jobs 2` speed-up, {many[0]} releases (2 cores)", "× speed-up",
                  many[1].median / many[2].median, 1.7, at_least=True)
        lines = ["| input | en PDF pages | zh PDF pages | 4 files (median) | per page "
                 "| peak memory | `build --force`, 6 files (1 run) |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        lines += [f"| long release ({pages} generated sections) | {actual} | {zh} | "
                  f"{m.median:.2f} s | {m.median / actual:.3f} s | {m.peak_mb:.0f} MB | "
                  + (six if isinstance(six, str) else
                     f"{six.seconds:.2f} s, {six.peak_kb / 1024:.0f} MB") + " |"
                  for pages, actual, zh, m, six in page_points]
        lines += ["", "| input | `build --force --jobs 1` (median) | per release "
                  "| peak memory | `--jobs 2` | speed-up |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        lines += [f"| {n} generated releases (announcement header, own body; 6 files each) | "
                  f"{m.median:.2f} s | {m.median / n:.3f} s | {m.peak_mb:.0f} MB | "
                  f"{two.median:.2f} s | {m.median / two.median:.2f}× |"
                  for n, m, two in release_points]
        self.details.append("### Scale\n\n" + "\n".join(lines))

    # ------------------------------------------------------------ start-up

    def startup(self) -> None:
        self.log("start-up")
        project = self.project("startup")
        reps = self.plan.startup_reps
        python = repeat(lambda _: run([sys.executable, "-c", "pass"], project, self.env), reps,
                        self.plan.warmup)
        self.add("Start-up: `python -c pass` (same interpreter)", python.text(), "–",
                 f"peak {python.peak_mb:.0f} MB")
        for args in (["--help"], ["catalog", "stats"], ["--version"]):
            def command(_: int, a: list[str] = args) -> Run:
                return run([*self.pressctl, *a], project, self.env)

            measure = repeat(command, reps, self.plan.warmup)
            if args == ["--help"]:
                self.goal("`pressctl --help`", "s", measure.median, 0.25)
            self.add(f"Start-up: `pressctl {' '.join(args)}`", measure.text(),
                     f"`python -c pass` {python.text()}",
                     f"{measure.median / python.median:.1f}× python; "
                     f"+{measure.median - python.median:.2f} s; peak {measure.peak_mb:.0f} MB")

    # ------------------------------------------------------------ machine translation

    def machine_translation(self) -> None:
        from tests.bench import mt_model

        corpus = corpus_module()
        plan = self.plan
        self.log("machine translation: building the model")
        dims = mt_model.TINY if plan.mt_tiny else mt_model.BASE
        mt = self.work / "mt"
        package, vocab = mt_model.build_package(mt / "build", dims)
        site = mt / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, "utf-8")
        network_log = mt / "network.log"
        env = {**self.env, "PYTHONPATH": f"{site}{os.pathsep}{self.code}",
               "ARGOS_PACKAGES_DIR": str(mt / "packages"),
               "XDG_DATA_HOME": str(mt / "xdg-data"), "XDG_CONFIG_HOME": str(mt / "xdg-config"),
               "XDG_CACHE_HOME": str(mt / "xdg-cache"), "HOME": str(mt / "home"),
               "PRESSCTL_BENCH_NETWORK_LOG": str(network_log),
               "PRESSCTL_BENCH_MAX_DECODING": str(plan.max_decoding)}
        project = mt / "project"
        project.mkdir()
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        run([*self.pressctl, "models", "install", str(package)], project, env)
        warmup = 2
        sentences = corpus.mt_sentences(plan.mt_segments + warmup)
        # the warm-up sentences go last in the file for the end-to-end runs
        (mt / "sentences.txt").write_text("\n".join(sentences) + "\n", "utf-8")
        (mt / "e2e.txt").write_text("\n".join(sentences[warmup:]) + "\n", "utf-8")
        tokens = source_tokens(package, sentences[warmup:])
        worker = str(Path(__file__).resolve().parent / "mt_worker.py")

        def side(mode: str) -> dict[str, float]:
            out = mt / f"{mode}.json"
            run([sys.executable, worker, mode, str(mt / "sentences.txt"), str(out),
                 "--warmup", str(warmup)], project, env)
            return json.loads(out.read_text("utf-8"))

        self.log("machine translation: decoding")
        ours_runs: list[dict[str, float]] = []
        theirs_runs: list[dict[str, float]] = []
        missing = argos_translate_missing()
        for _ in range(plan.mt_reps):  # alternating, so background load weighs on both
            ours_runs.append(side("pressctl"))
            if not missing:
                theirs_runs.append(side("argos"))
        n = plan.mt_segments
        if missing:  # the light install: pressctl alone, the baseline says why it is absent
            skipped = f"– (light install: no {', '.join(missing)})"
            rate = n / statistics.median(r["translate"] for r in ours_runs)
            self.add(f"Machine translation, {n} segments, model loaded: pressctl's batched "
                     "engine vs `argostranslate.translate.translate()` once per sentence",
                     f"{rate:.2f} seg/s", skipped, "–")
            e2e_alone = interleave({"ours": lambda: run(
                [*self.pressctl, "--quiet", "translate", str(mt / "e2e.txt"), "--from", "en",
                 "--to", "zh"], project, env)}, plan.mt_reps, False)["ours"]
            self.add(f"Machine translation end to end, {n} segments (process start, imports, "
                     "model load): `pressctl translate FILE --to zh` vs a script calling "
                     "argostranslate per sentence", e2e_alone.text(), skipped, "–")
        else:
            def middle(runs: list[dict[str, float]], key: str) -> float:
                return statistics.median(r[key] for r in runs)

            ours_rate = n / middle(ours_runs, "translate")
            theirs_rate = n / middle(theirs_runs, "translate")
            rates = "; ".join(f"{n / a['translate']:.2f} vs {n / b['translate']:.2f}"
                              for a, b in zip(ours_runs, theirs_runs, strict=True))
            self.add(f"Machine translation, {n} segments, model loaded: pressctl's batched engine "
                     "vs `argostranslate.translate.translate()` once per sentence",
                     f"{ours_rate:.2f} seg/s", f"{theirs_rate:.2f} seg/s",
                     f"{ours_rate / theirs_rate:.1f}× the throughput (median of {plan.mt_reps}; "
                     f"runs: {rates} seg/s)")
            e2e = interleave({
                "ours": lambda: run([*self.pressctl, "--quiet", "translate", str(mt / "e2e.txt"),
                                     "--from", "en", "--to", "zh"], project, env),
                "theirs": lambda: run([sys.executable, worker, "argos", str(mt / "e2e.txt"),
                                       str(mt / "e2e-argos.json"), "--warmup", "0"], project, env),
            }, plan.mt_reps, False)
            e2e_ours, e2e_theirs = e2e["ours"], e2e["theirs"]
            self.add(f"Machine translation end to end, {n} segments (process start, imports, model "
                     "load): `pressctl translate FILE --to zh` vs a script calling argostranslate "
                     "per sentence", e2e_ours.text(), e2e_theirs.text(),
                     f"{e2e_ours.median / e2e_theirs.median:.2f}; imports + model load "
                     f"{middle(ours_runs, 'import') + middle(ours_runs, 'load'):.1f} s vs "
                     f"{middle(theirs_runs, 'import') + middle(theirs_runs, 'load'):.1f} s; peak "
                     f"{e2e_ours.peak_mb:.0f} vs {e2e_theirs.peak_mb:.0f} MB")
        attempts = network_log.read_text("utf-8").strip() if network_log.exists() else ""
        if attempts:
            raise RuntimeError(f"a machine-translation run tried the network: {attempts}")
        self.details.append(
            "### Machine translation set-up\n\n"
            f"Model: {dims.describe()}"
            + (f" (SentencePiece gave {vocab})" if vocab != dims.vocab else "")
            + ", random weights, int8, "
            f"{package.stat().st_size / 1e6:.0f} MB package; argostranslate settings for both "
            f"(beam {argos_setting('beam_size')}, compute type "
            f"{argos_setting('compute_type')}, intra threads "
            f"{argos_setting('intra_threads') or 'all cores'}); "
            f"max_decoding_length {plan.max_decoding} for both (random weights never emit "
            f"</s>, so every output is {plan.max_decoding} tokens); source sentences "
            f"{tokens[0]:.1f} tokens on average ({tokens[1]}–{tokens[2]}): the announcement's "
            "sentences, then generated ones that differ in words, not only in figures (pressctl "
            "hides figures behind placeholders and decodes each distinct sentence once). "
            f"argostranslate's sentence splitter is replaced by one that returns its input "
            f"(each call gets one sentence), so the baseline does not pay Stanza's "
            f"tokenizer; first {warmup} sentences are an untimed warm-up (model load); "
            f"network blocked in every process, no attempt logged.")

    # ------------------------------------------------------------ all

    # ------------------------------------------------------------ goals and profile

    def goal(self, what: str, unit: str, measured: float | None, limit: float,
             note: str = "", at_least: bool = False) -> None:
        self.goals.append((what, unit, measured, limit, note, at_least))

    def kit_goals(self) -> None:
        """Issue 27's goals for the kit build, from the measures of :meth:`kit_build`."""
        m = self.measures
        if "full" not in m:
            return

        def ratio(ours: str, theirs: str) -> float | None:
            return m[ours].median / m[theirs].median if theirs in m else None

        self.goal("full build ÷ Pandoc DOCX + LibreOffice PDF", "×", ratio("full", "soffice"),
                  0.5, self.missing.get("soffice", ""))
        self.goal("full build ÷ Pandoc + xelatex", "×", ratio("full", "xelatex"), 0.2,
                  self.missing.get("xelatex", ""))
        self.goal("PDFs (en, zh + bilingual) ÷ Typst (en, zh)", "×", ratio("pdfs", "typst"),
                  1.5, self.missing.get("typst", ""))
        self.goal("DOCX-only build ÷ Pandoc DOCX", "×", ratio("docx-only", "docx"), 3,
                  self.missing.get("docx", ""))
        self.goal("peak memory of a full build", "MB", m["full"].peak_mb, 120)

    def profile(self) -> None:
        """Where a full build's time goes: cProfile of ``build --force --jobs 1``."""
        self.log("profile")
        project = self.project("profile")
        out = self.work / "build.prof"
        if self.plan.warmup:  # warm caches and .pyc
            run([sys.executable, "-m", "pressctl", "build", "--force", "--jobs", "1"], project,
                self.env)
        run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "pressctl", "build",
             "--force", "--jobs", "1"], project, self.env)
        import pstats

        stats = pstats.Stats(str(out))
        entries = stats.stats  # type: ignore[attr-defined]
        total = max(ct for (_, _, _, ct, _) in entries.values())
        rows = sorted(((ct, tt, nc, f"{Path(file).name}:{line}({name})")
                       for (file, line, name), (_, nc, tt, ct, _) in entries.items()
                       if "/pressctl/" in file or name.startswith("<built-in")
                       or "importlib._bootstrap>:1165" in f"{file}:{line}"),
                      reverse=True)[:self.plan.profile_top]
        lines = ["| function | calls | own s | cumulative s | share |",
                 "| --- | ---: | ---: | ---: | ---: |"]
        lines += [f"| `{where}` | {nc} | {tt:.3f} | {ct:.3f} | {ct / total:.0%} |"
                  for ct, tt, nc, where in rows]
        text = ("### Profile of a full build\n\n`python -m cProfile -m pressctl build --force "
                f"--jobs 1` (warm caches; profiling roughly doubles the time: "
                f"{total:.2f} s in all); pressctl's functions and imports, by cumulative "
                "time:\n\n" + "\n".join(lines))
        self.details.append(text)
        print(text, file=sys.stderr)

    def goals_table(self) -> str:
        lines = ["| goal | limit | measured | met |", "| --- | ---: | ---: | --- |"]
        for what, unit, measured, limit, note, at_least in self.goals:
            def number(value: float, unit: str = unit) -> str:
                return f"{value:.2f}×" if unit.startswith("×") else f"{value:.2f} {unit}"

            shown = "–" if measured is None else number(measured)
            met = measured is not None and (measured >= limit if at_least else measured <= limit)
            verdict = ("not measured" + (f" ({note})" if note else "") if measured is None
                       else "yes" if met else "NO")
            lines.append(f"| {what} | {'≥' if at_least else '≤'} {number(limit)} | {shown} "
                         f"| {verdict} |")
        return "\n".join(lines)

    def everything(self) -> None:
        self.kit_build()
        self.kit_goals()
        self.rebuilds()
        self.scale()
        self.startup()
        self.profile()
        self.machine_translation()


def corpus_module() -> ModuleType:
    """tests.bench.corpus, imported late: main() puts the repository on sys.path first."""
    from tests.bench import corpus

    return corpus


#: What ``import argostranslate.translate`` needs beyond pressctl's own dependencies.
ARGOS_TRANSLATE_NEEDS = ("stanza", "spacy", "minisbd")


def missing_baselines(plan: Plan, which: Callable[[str], str | None] = shutil.which,
                      has_module: Callable[[str], bool] = lambda name:
                      importlib.util.find_spec(name) is not None) -> dict[str, str]:
    """The kit-build baselines this machine cannot run, each with the reason shown in its cell.

    Every baseline is optional (``.ci/setup`` installs none of Pandoc, xelatex and Typst):
    one that is absent is a cell saying why, never a failed run.
    """
    missing: dict[str, str] = {}
    if not has_module("typst"):
        missing["typst"] = "n/a: pip install typst (the bench extra)"
    if not which("pandoc"):  # the DOCX and both PDF routes start from Pandoc
        missing.update(dict.fromkeys(("docx", "xelatex", "soffice"),
                                     "n/a: pandoc not installed"))
        return missing
    if not plan.pdf_baselines:
        missing["xelatex"] = missing["soffice"] = "skipped (--quick)"
    if "xelatex" not in missing and not which("xelatex"):
        missing["xelatex"] = "n/a: xelatex not installed"
    if "soffice" not in missing and not which("soffice"):
        missing["soffice"] = "n/a: LibreOffice not installed"
    return missing


def argos_translate_missing() -> list[str]:
    """The modules argostranslate's translate() needs that are not installed: the light
    install (README) leaves them out, and with them the benchmark's baseline."""
    import importlib.util

    return [name for name in ARGOS_TRANSLATE_NEEDS if importlib.util.find_spec(name) is None]


def argos_setting(name: str) -> str:
    defaults = {"beam_size": ("ARGOS_BEAM_SIZE", "4"), "compute_type": ("ARGOS_COMPUTE_TYPE",
                                                                        "auto"),
                "intra_threads": ("ARGOS_INTRA_THREADS", "0")}
    key, default = defaults[name]
    value = os.environ.get(key, default)
    return "" if name == "intra_threads" and value == "0" else value


def source_tokens(package: Path, sentences: list[str]) -> tuple[float, int, int]:
    import zipfile

    import sentencepiece as spm

    with zipfile.ZipFile(package) as zf:
        name = next(n for n in zf.namelist() if n.endswith("sentencepiece.model"))
        sp = spm.SentencePieceProcessor(model_proto=zf.read(name))
    lengths = [len(sp.encode(s, out_type=str)) for s in sentences]
    return statistics.mean(lengths), min(lengths), max(lengths)


def pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    except ImportError:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        return int(re.search(r"Pages:\s+(\d+)", out.stdout).group(1))  # type: ignore[union-attr]


def failure_line(message: str) -> str:
    """The last line of a failed command's standard error (the exception), shortened."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return (lines[-1] if lines else message)[:160]


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b·x: (a, b, R²)."""
    if len(xs) < 2:
        return ys[0], 0.0, 1.0
    mx, my = statistics.mean(xs), statistics.mean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return a, b, 1 - ss_res / ss_tot if ss_tot else 1.0


def fit_text(fit: tuple[float, float, float], unit: str) -> str:
    a, b, r2 = fit
    return f"fit {a:.2f} s + {b:.3f} s/{unit}, R² {r2:.3f}"


# ---------------------------------------------------------------- machine and report


def _first_line(cmd: Sequence[str]) -> str:
    try:
        out = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


def machine_info(code_version: str) -> list[tuple[str, str]]:
    cpu = "?"
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "?")
    ram = "?"
    with contextlib.suppress(OSError, StopIteration):
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        ram = f"{kb / 1024 / 1024:.1f} GiB"

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", ram),
        ("OS", f"{platform.system()} {platform.release()}; "
               f"{_os_release()}"),
        ("Python", platform.python_version()),
        ("pressctl", f"{version('pressctl')} ({code_version})"),
        ("Pandoc", _first_line(["pandoc", "--version"])),
        ("xelatex", _first_line(["xelatex", "--version"])),
        ("LibreOffice", _first_line(["soffice", "--version"])),
        ("argostranslate / ctranslate2 / sentencepiece",
         f"{version('argostranslate')} / {version('ctranslate2')} / {version('sentencepiece')}"),
        ("reportlab / python-docx", f"{version('reportlab')} / {version('python-docx')}"),
    ]


def _os_release() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    return ""


def report(bench: Bench, seconds: float, command: str) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    warm = " after one untimed warm-up" if bench.plan.warmup else ""

    lines = [f"## Benchmark results ({bench.plan.name} run, {time.strftime('%Y-%m-%d')}, "
             f"{seconds / 60:.0f} min)", "",
             f"Reproduce: `{command}` (after `apt-get install --no-install-recommends pandoc "
             "texlive-xetex texlive-lang-chinese texlive-fonts-recommended lmodern`; LibreOffice "
             "and the CJK fonts come with `.ci/setup`).", "",
             "Ratio = pressctl ÷ baseline (below 1: pressctl is faster). Times are medians of "
             f"{bench.plan.reps} runs{warm} (scale: {bench.plan.scale_reps} runs; start-up: "
             f"{bench.plan.startup_reps}; machine translation: {bench.plan.mt_reps}), pressctl "
             "and its baselines taking turns; peak = maximum resident memory of the process and "
             f"its children. Load average {bench.load[0]:.2f} at the start, "
             f"{os.getloadavg()[0]:.2f} at the end (2 cores: other work on the machine shows "
             "up as spread between runs).", "",
             "| measure | pressctl | baseline | ratio / notes |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {cell(r.measure)} | {cell(r.pressctl)} | {cell(r.baseline)} | {cell(r.ratio)} |"
              for r in bench.rows]
    if bench.goals:
        lines += ["", "### Issue 27's goals", "", bench.goals_table()]
    lines += ["", "### Machine", "", "| | |", "| --- | --- |"]
    lines += [f"| {k} | {cell(v)} |" for k, v in machine_info(bench.code_version)]
    for detail in bench.details:
        lines += ["", detail]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, one run each: checks the benchmark works")
    parser.add_argument("--output", type=Path,
                        help=f"write the table here (default for a full run: {RESULTS})")
    parser.add_argument("--workdir", type=Path, help="keep the inputs and outputs here")
    parser.add_argument("--reps", type=int, help="timed runs per measure (default: 5, quick 1)")
    parser.add_argument("--mt-segments", type=int, help="sentences to translate (default 128)")
    parser.add_argument("--worktree", action="store_true",
                        help="time pressctl/ as it is in the work tree (default: as committed)")
    parser.add_argument("--releases", help="release counts for the scale runs, e.g. 50,100,200")
    parser.add_argument("--pages", help="page counts for the scale runs, e.g. 25,200")
    parser.add_argument("--only", action="append",
                        choices=["kit", "rebuild", "scale", "startup", "profile", "mt"],
                        help="run only this part (repeatable)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.mt_segments:
        plan = dataclasses.replace(plan, mt_segments=args.mt_segments)
    if args.reps:
        plan = dataclasses.replace(plan, reps=args.reps, scale_reps=min(plan.scale_reps, args.reps))
    if args.releases:
        plan = dataclasses.replace(plan, releases=tuple(int(n) for n in args.releases.split(",")))
    if args.pages:
        plan = dataclasses.replace(plan, pages=tuple(int(n) for n in args.pages.split(",")))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="pressctl-bench-", dir=args.workdir))
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    try:
        bench = Bench(plan, work, log, worktree=args.worktree)
        # pressctl for input generation comes from the snapshot too
        sys.path.insert(0, str(bench.code))
        for name in [m for m in list(sys.modules) if m == "pressctl" or
                     m.startswith("pressctl.")]:
            del sys.modules[name]
        def kit() -> None:
            bench.kit_build()
            bench.kit_goals()

        parts = {"kit": kit, "rebuild": bench.rebuilds, "scale": bench.scale,
                 "startup": bench.startup, "profile": bench.profile,
                 "mt": bench.machine_translation}
        for name, part in parts.items():
            if not args.only or name in args.only:
                try:
                    part()
                except CommandFailed as exc:
                    log(f"{name} FAILED: {exc}")
                    bench.add(f"{name}: FAILED", "–", "–", failure_line(str(exc)))
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    command = ".venv/bin/python tests/bench/run.py" + (" --quick" if args.quick else "")
    text = report(bench, time.perf_counter() - started, command)
    print(text)
    output = args.output or (None if args.quick or args.only else RESULTS)
    if output is not None:
        output.write_text(text, "utf-8")
        log(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
