"""Inputs for the benchmark, made outside every timed region.

* a throwaway copy of the project (config, seeds, catalogs) and of pressctl's code;
* the Markdown Pandoc gets: the same content as pressctl's kits, English from the
  seed and Chinese from the reviewed catalog, put together with pressctl's own
  reader and localiser (``read`` + ``make_kit``);
* long releases (a given number of pages) and many releases (copies of the seed
  under other slugs), each with a complete reviewed Chinese catalog;
* distinct English sentences for machine translation.

Generated sentences come from templates with numbers in them, each with its
Chinese translation written to pass pressctl's QA (same figures, glossary terms).
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "bmw-huawei-harmonyos.md"
SLUG = SEED.stem

#: (English, Chinese) sentence templates; {n} is a count, {y} a year.
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("In {y}, BMW opened {n} new service centres for its customers in China.",
     "{y}年，宝马在中国为客户新开设了{n}家服务中心。"),
    ("The digital services now cover {n} cities and will reach more users in {y}.",
     "数字化服务现已覆盖{n}座城市，并将在{y}年惠及更多用户。"),
    ("Engineers in Shanghai tested {n} software releases on Huawei devices before the launch.",
     "上海的工程师在发布前于华为设备上测试了{n}个软件版本。"),
    ("Customers can book a test drive at {n} dealerships through the MyBMW App.",
     "客户可通过MyBMW App在{n}家经销商预约试驾。"),
    ("By {y}, the company expects to train {n} technicians in smart connectivity.",
     "到{y}年，公司预计将培训{n}名智能互联技术人员。"),
    ("The research centre in Beijing employs {n} specialists in artificial intelligence.",
     "北京研发中心拥有{n}名人工智能专家。"),
    ("Both partners will review the progress of the cooperation every {n} months.",
     "双方将每{n}个月评估一次合作进展。"),
    ("The update was installed {n} times in the first week after its release.",
     "更新发布后的第一周内安装了{n}次。"),
    ("BMW will present {n} further applications at a technology forum in {y}.",
     "宝马将于{y}年在一场技术论坛上展示另外{n}项应用。"),
    ("Local partners supplied {n} components for the intelligent voice interaction system.",
     "本土合作伙伴为智能语音交互系统提供了{n}个部件。"),
    ("The plant in Shenyang produced {n} vehicles with the new software in {y}.",
     "{y}年，沈阳工厂生产了{n}辆搭载新软件的汽车。"),
    ("Drivers used the navigation service on {n} routes during the pilot phase.",
     "试点阶段，驾驶者在{n}条路线上使用了导航服务。"),
)
HEADINGS: tuple[tuple[str, str], ...] = (
    ("Progress report {n}", "进展报告{n}"),
    ("Regional update {n}", "区域动态{n}"),
    ("Technology milestone {n}", "技术里程碑{n}"),
)
#: A generated section: a heading and four paragraphs of five sentences.
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_SECTION = 4


def copy_project(dest: Path) -> Path:
    """A copy of the project's data (config, seeds, catalogs) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "locales"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def snapshot_code(dest: Path, *, worktree: bool = False) -> Path:
    """A frozen copy of the pressctl package, put first on PYTHONPATH for every timed run.

    By default the committed version (``git archive HEAD``): others edit
    pressctl/ while the benchmark runs, and pressctl's build keys include a hash
    of its own code.  ``worktree`` copies the files as they are instead (and is
    the fallback outside a git checkout).
    """
    dest.mkdir(parents=True, exist_ok=True)
    if not worktree:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "pressctl"],
                                 capture_output=True)
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(dest, filter="data")
            return dest
    shutil.copytree(ROOT / "pressctl", dest / "pressctl",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


# ---------------------------------------------------------------- Pandoc's input


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def pandoc_markdown(root: Path, lang: str) -> str:
    """The kit's content as plain Markdown for Pandoc, from pressctl's reader and localiser.

    Title, subtitle, date, the release label, the body (headings, paragraphs,
    quotations with their speakers), the key figures as a table, contact and
    boilerplate: what the PDF and DOCX kits carry, without their layout.
    No ``lang`` field: Pandoc 2.17 passes ``zh-CN`` to babel, which has no such
    file, so the DOCX command adds ``-M lang=…`` itself.
    """
    from pressctl.core.config import load
    from pressctl.kit.make import make_kit
    from pressctl.source.read import read
    from pressctl.source.release import BlockKind

    config = load(root)
    seed = config.seeds()[0]
    kit = make_kit(config, read(seed), lang)
    release, t = kit.release, kit.t
    if release.untranslated:
        raise RuntimeError(f"{lang}: {len(release.untranslated)} segment(s) not translated")

    def yaml_string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["---", f"title: {yaml_string(release.title)}"]
    if release.subtitle:
        lines.append(f"subtitle: {yaml_string(release.subtitle)}")
    lines += [f"date: {yaml_string(kit.date_text)}",
              f"author: {yaml_string(release.organisation)}", "---", "",
              f"**{_md_escape(t('For immediate release'))}**", ""]
    for block in release.blocks:
        if block.kind is BlockKind.HEADING:
            lines += ["#" * block.level + " " + _md_escape(block.text), ""]
        elif block.kind is BlockKind.QUOTE:
            lines += [f"> {_md_escape(block.text)}", ">", f"> — {_md_escape(block.speaker or '')}",
                      ""]
        else:
            lines += [_md_escape(block.text), ""]
    if kit.facts:
        lines += [f"## {_md_escape(t('Key figures'))}", "",
                  f"| {t('Figure')} | {t('Value')} | {t('Period')} |", "|---|---|---|"]
        lines += [f"| {_md_escape(f.label)} | {_md_escape(f.value_text)} | "
                  f"{_md_escape(f.period_text)} |" for f in kit.facts]
        lines.append("")
    if release.contact:
        lines += [f"## {_md_escape(t('Media contact'))}", "",
                  "  \n".join(_md_escape(c) for c in release.contact), ""]
    if release.boilerplate:
        lines += [f"## {_md_escape(t('About {organisation}', organisation=release.organisation))}",
                  "", *(_md_escape(b) + "\n" for b in release.boilerplate)]
    lines += [_md_escape(kit.end_mark), ""]
    return "\n".join(lines)


def _typst_escape(text: str) -> str:
    return re.sub(r"([\\#$*_`<>@\[\]~/=+-])", r"\\\1", text)


def typst_markup(root: Path, lang: str, font: str) -> str:
    """The same content as :func:`pandoc_markdown`, as Typst markup for the Typst baseline.

    A4 pages with 20 mm margins, the CJK font for every script (as the issue's
    measurement: Noto Sans CJK), page numbers in the footer, the figures as a
    table; no letterhead, pull-quotes or charts.
    """
    from pressctl.core.config import load
    from pressctl.kit.make import make_kit
    from pressctl.source.read import read
    from pressctl.source.release import BlockKind

    config = load(root)
    kit = make_kit(config, read(config.seeds()[0]), lang)
    release, t = kit.release, kit.t
    esc = _typst_escape
    tag = "zh" if kit.cjk else "en"
    lines = ['#set page(paper: "a4", margin: 20mm, numbering: "1 / 1")',
             f'#set text(font: "{font}", lang: "{tag}", size: 10.5pt)',
             "#set par(justify: true)", "",
             f"*{esc(t('For immediate release'))}*", "",
             f"#text(size: 20pt, weight: \"bold\")[{esc(release.title)}]", ""]
    if release.subtitle:
        lines += [f"#text(size: 13pt)[{esc(release.subtitle)}]", ""]
    lines += [esc(kit.date_text), ""]
    for block in release.blocks:
        if block.kind is BlockKind.HEADING:
            lines += ["=" * block.level + " " + esc(block.text), ""]
        elif block.kind is BlockKind.QUOTE:
            lines += [f"#quote(block: true, attribution: [{esc(block.speaker or '')}])"
                      f"[{esc(block.text)}]", ""]
        else:
            lines += [esc(block.text), ""]
    if kit.facts:
        cells = [f"[*{esc(t(h))}*]" for h in ("Figure", "Value", "Period")]
        cells += [f"[{esc(c)}]" for f in kit.facts for c in (f.label, f.value_text,
                                                              f.period_text)]
        lines += [f"== {esc(t('Key figures'))}", "",
                  f"#table(columns: 3, {', '.join(cells)})", ""]
    if release.contact:
        lines += [f"== {esc(t('Media contact'))}", "",
                  " \\\n".join(esc(c) for c in release.contact), ""]
    if release.boilerplate:
        heading = t("About {organisation}", organisation=release.organisation)
        lines += [f"== {esc(heading)}", "", *(esc(b) + "\n" for b in release.boilerplate)]
    lines += [esc(kit.end_mark), ""]
    return "\n".join(lines)


def reference_docx(dest: Path, font: str) -> Path:
    """Pandoc's default reference DOCX with ``font`` for East Asian text (as pressctl's DOCX).

    Without it Word or LibreOffice pick whatever CJK font they fall back to.
    """
    data = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                          capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/styles.xml":
                body = re.sub(rb'w:eastAsiaTheme="[^"]*"',
                              f'w:eastAsia="{font}"'.encode(), body)
            out.writestr(info, body)
    return dest


# ---------------------------------------------------------------- generated releases


def generated_pairs(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` distinct (English, Chinese) sentences from the templates."""
    rng = random.Random(seed)
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    while len(pairs) < count:
        en, zh = rng.choice(TEMPLATES)
        values = {"n": rng.randint(2, 9999), "y": rng.randint(2020, 2035)}
        text = en.format(**values)
        if text in seen:
            continue
        seen.add(text)
        pairs.append((text, zh.format(**values)))
    return pairs


def _front_matter_and_body(text: str) -> tuple[str, str]:
    _, header, body = text.split("---\n", 2)
    return f"---\n{header}---\n", body.strip() + "\n"


def _write_catalog(root: Path, slug: str, extra: dict[str, str]) -> Path:
    """A complete reviewed zh catalog for ``seeds/<slug>.md``: the real one plus ``extra``."""
    from pressctl.catalogs import catalog
    from pressctl.core.config import load
    from pressctl.source.read import read
    from pressctl.source.segment import segments

    config = load(root)
    seed = root / "seeds" / f"{slug}.md"
    known = {**catalog.reviewed(catalog.load(ROOT / "locales" / "zh" / "LC_MESSAGES"
                                             / f"{SLUG}.po")), **extra}
    release = read(seed)
    po = catalog.template(segments(release), f"seeds/{slug}.md", project=slug,
                          date=release.date)
    po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
    missing = [e.msgid for e in po if e.msgid not in known]
    if missing:
        raise RuntimeError(f"no translation for {missing[:3]}")
    for entry in po:
        entry.msgstr = known[entry.msgid]
    path = config.catalog_path("zh", slug)
    catalog.save(po, path)
    return path


def long_release(root: Path, sections: int, slug: str = "long-release") -> Path:
    """Replace the project's seeds by one long release of ``sections`` generated sections.

    A section is a heading and four paragraphs of five sentences (about
    three-quarters of an A4 page; run.py calibrates pages per section).  The real
    announcement opens the release and comes back every ten sections, and a real
    quotation follows about a third of the others.
    """
    header, body = _front_matter_and_body(SEED.read_text("utf-8"))
    sections = max(1, sections)
    per_section = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_SECTION
    pairs = generated_pairs(sections * per_section, seed=sections)
    rng = random.Random(sections)
    quotes = [chunk for chunk in body.split("\n\n") if chunk.startswith(">")]
    parts = [body]
    translations: dict[str, str] = {}
    for index in range(sections):
        en_h, zh_h = HEADINGS[index % len(HEADINGS)]
        parts.append(f"## {en_h.format(n=index + 1)}\n")
        translations[en_h.format(n=index + 1)] = zh_h.format(n=index + 1)
        chunk = pairs[index * per_section:(index + 1) * per_section]
        for p in range(PARAGRAPHS_PER_SECTION):
            sentences = chunk[p * SENTENCES_PER_PARAGRAPH:(p + 1) * SENTENCES_PER_PARAGRAPH]
            parts.append(" ".join(en for en, _ in sentences) + "\n")
            translations.update(sentences)
        if index % 10 == 9:
            parts.append(body)
        elif rng.random() < 0.3:  # a real quotation (with its speaker) now and then
            parts.append(quotes[index % len(quotes)] + "\n")
    seeds = root / "seeds"
    shutil.rmtree(seeds)
    seeds.mkdir()
    for po in (root / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):
        if po.stem != "pressctl":
            po.unlink()
    (seeds / f"{slug}.md").write_text(header + "\n" + "\n".join(p for p in parts if p),
                                       "utf-8")
    _write_catalog(root, slug, translations)
    return seeds / f"{slug}.md"


def many_releases(root: Path, count: int) -> list[Path]:
    """Replace the project's seeds by ``count`` copies of the announcement, each its own slug."""
    seeds = root / "seeds"
    folder = root / "locales" / "zh" / "LC_MESSAGES"
    source_po = ROOT / "locales" / "zh" / "LC_MESSAGES" / f"{SLUG}.po"
    shutil.rmtree(seeds)
    seeds.mkdir()
    for po in folder.glob("*.po"):
        if po.stem != "pressctl":
            po.unlink()
    paths = []
    for index in range(count):
        slug = f"release-{index + 1:03d}"
        path = seeds / f"{slug}.md"
        shutil.copy(SEED, path)
        text = source_po.read_text("utf-8").replace(f"seeds/{SLUG}.md", f"seeds/{slug}.md")
        (folder / f"{slug}.po").write_text(text.replace(f"Project-Id-Version: {SLUG}",
                                                        f"Project-Id-Version: {slug}"), "utf-8")
        paths.append(path)
    return paths


def small_releases(root: Path, count: int, paragraphs: int = 2) -> list[Path]:
    """Replace the project's seeds by ``count`` short releases, each its own text.

    Each keeps the announcement's header (title, facts, contact: translated by
    its reviewed catalog) over ``paragraphs`` generated paragraphs of its own,
    with a complete reviewed Chinese catalog; about two pages per PDF, so many
    releases build in seconds (the shard tests, the benchmark's scale runs).
    """
    header, _ = _front_matter_and_body(SEED.read_text("utf-8"))
    seeds = root / "seeds"
    shutil.rmtree(seeds)
    seeds.mkdir()
    for po in (root / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):
        if po.stem != "pressctl":
            po.unlink()
    pairs = generated_pairs(count * paragraphs * SENTENCES_PER_PARAGRAPH, seed=count)
    paths = []
    for index in range(count):
        slug = f"release-{index + 1:03d}"
        per = paragraphs * SENTENCES_PER_PARAGRAPH
        chunk = pairs[index * per:(index + 1) * per]
        body = "\n".join(" ".join(en for en, _ in chunk[p * SENTENCES_PER_PARAGRAPH:
                                                         (p + 1) * SENTENCES_PER_PARAGRAPH])
                         + "\n" for p in range(paragraphs))
        path = seeds / f"{slug}.md"
        path.write_text(header + "\n" + body, "utf-8")
        _write_catalog(root, slug, dict(chunk))
        paths.append(path)
    return paths


def change_one_translation(root: Path) -> Path:
    """Edit one reviewed zh translation, as a translator would: two wordings, in turn.

    Both pass QA, and every call changes the catalog.
    """
    path = next(p for p in sorted((root / "locales" / "zh" / "LC_MESSAGES").glob("*.po"))
                if p.stem != "pressctl")
    first, second = ('msgstr "3月17日，宝马中国宣布与华为终端达成合作协议。"',
                     'msgstr "3月17日，宝马中国宣布已与华为终端达成合作协议。"')
    text = path.read_text("utf-8")
    old, new = (first, second) if first in text else (second, first)
    if old not in text:
        raise RuntimeError(f"cannot find the entry to change in {path}")
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


# ---------------------------------------------------------------- machine translation input


SUBJECTS = ("The research team in Shanghai", "Engineers in Munich", "The two partners",
            "BMW China", "Developers at Huawei", "The software team", "Local suppliers",
            "The product group", "The service department", "Designers in Beijing",
            "The digital services unit", "A team of young engineers")
VERBS = ("tested", "presented", "improved", "reviewed", "extended", "introduced", "launched",
         "simplified", "connected", "upgraded")
OBJECTS = ("the digital key", "the navigation service", "the voice assistant",
           "the charging planner", "the parking function", "the apps in the car",
           "the smart cockpit", "the remote services", "the music streaming service",
           "the user interface")
TAILS = ("for customers in China", "before the summer launch", "together with Huawei",
         "on the latest phones", "for the new models", "in several large cities",
         "with local partners", "after months of trials", "for drivers and passengers",
         "ahead of the motor show")


def generated_sentences(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct sentences without figures or product names.

    pressctl hides figures and product names behind placeholders before the
    model sees a sentence and translates each distinct result once, so sentences
    that differ only in a figure would be decoded once by pressctl and many
    times by the baseline; these differ in their words.
    """
    rng = random.Random(seed)
    combos = [(s, v, o, t) for s in SUBJECTS for v in VERBS for o in OBJECTS for t in TAILS]
    rng.shuffle(combos)
    return [f"{s} {v} {o} {t}." for s, v, o, t in combos[:count]]


def mt_sentences(count: int) -> list[str]:
    """``count`` distinct English sentences: the announcement's, then generated ones."""
    from pressctl.source.read import read
    from pressctl.source.segment import segments

    real = [s.text for s in segments(read(SEED))
            if s.role in ("body", "quote") and len(s.text.split()) >= 6]
    real = list(dict.fromkeys(real))
    out = real[:count]
    return out + generated_sentences(max(0, count - len(out)), seed=count)
