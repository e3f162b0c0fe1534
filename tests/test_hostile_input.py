"""Hostile and careless input (issue 21, the input side): what pressctl refuses, where.

Each test states the input a careless or hostile user could hand pressctl and what must
come of it: exit 2 naming the file and line (never exit 0 with something published or
lost, never exit 70).  Most run in-process against the stage that reads the input; the
ones about what a kit carries build one and read the PDF and DOCX back.

The project is a copy of ``tests/data/press-office`` (an English seed with a link, a
table, a figure and a reviewed Chinese catalog).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import polib
import pytest

from pressctl.catalogs import catalog
from pressctl.core.config import load
from pressctl.core.errors import PressctlError
from pressctl.source.read import read
from tests.test_cli import run

PROJECT = Path(__file__).resolve().parent / "data" / "press-office"
SLUG = "nordwind-leipzig-recycling"
SEED = f"seeds/{SLUG}.md"
ZH_PO = f"locales/zh/LC_MESSAGES/{SLUG}.po"
KIT_PO = "locales/zh/LC_MESSAGES/pressctl.po"
MEDIA = "https://media.nordwind.example/leipzig"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A throwaway copy of the press-office project."""
    root = tmp_path / "office"
    shutil.copytree(PROJECT, root)
    return root


def replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in a text file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def refusal(call: object) -> PressctlError:
    with pytest.raises(PressctlError) as raised:
        call()  # type: ignore[operator]
    assert type(raised.value) is PressctlError  # exit 2, an input error
    return raised.value


def msgstr_line(po: Path, msgid: str) -> int:
    entry = next(e for e in polib.pofile(str(po)) if e.msgid == msgid)
    lines = po.read_text(encoding="utf-8").split("\n")
    return next(n for n in range(entry.linenum, len(lines) + 1)
                if lines[n - 1].startswith("msgstr"))


# point 2: one link policy for every source of text ----------------------------------------


@pytest.mark.parametrize("href", [
    "file:///etc/passwd", "smb://host/share", "\\\\\\\\host\\\\share\\\\a.exe",
    "FILE:///C:/x", "report.pdf", "../secret.docx", "#top", "ftp://files.example/x",
    "javascript:alert(1)", "data:text/html,hi", "//evil.example/x", "C:\\\\Windows",
    "https:", "mailto:nobody",
])
def test_a_link_outside_the_policy_is_refused_at_its_line(office: Path, href: str) -> None:
    seed = office / SEED
    line = replace(seed, f"({MEDIA})", f"({href})")
    error = refusal(lambda: read(seed))
    assert (error.path, error.line) == (seed, line)
    assert error.message.startswith("unsafe link ")
    assert "a kit links only to web and mail addresses" in error.message


def test_the_policy_allows_web_and_mail_only() -> None:
    from pressctl.core import links

    for url in ("https://example.com/a?b=c#d", "HTTP://EXAMPLE.COM", "mailto:press@x.example"):
        assert links.problem(url) is None, url
    for url in ("file:///etc/passwd", "smb://h/s", "%5C%5Chost%5Cshare", "vbscript:x",
                "https://", "x.pdf", "#a", "mailto:"):
        assert links.problem(url) is not None, url


def test_a_link_in_the_front_matter_is_held_to_the_policy(office: Path) -> None:
    seed = office / SEED
    line = replace(seed, "dateline: Leipzig", "dateline: Leipzig [map](file:///etc/passwd)")
    error = refusal(lambda: read(seed))
    assert (error.line, error.message[:34]) == (line, "unsafe link 'file:///etc/passwd' (")


def test_an_autolink_in_a_table_cell_or_speaker_is_refused(office: Path) -> None:
    seed = office / SEED
    replace(seed, "(https://jobs.nordwind.example)", "(smb://jobs/share)")
    assert "smb:" in refusal(lambda: read(seed)).message


def test_a_catalog_link_is_refused_under_draft(office: Path) -> None:
    """--draft skips QA: the catalog itself is held to the policy when it is read."""
    po = office / ZH_PO
    replace(po, f"[北风媒体网站]({MEDIA})", "[北风媒体网站](javascript:alert(1))")
    done = run("build", "--draft", "--lang", "zh", cwd=office)
    assert done.returncode == 2, done.stderr
    line = msgstr_line(po, "Photos and videos are on the [Nordwind media site]"
                           f"({MEDIA}).")
    assert f"error: {ZH_PO}:{line}: unsafe link 'javascript:alert(1)'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list((office / "dist").rglob("*.zh.*")) if (office / "dist").exists() else True


def test_kit_wording_is_held_to_the_link_policy(office: Path) -> None:
    po = office / KIT_PO
    replace(po, 'msgid "Press release"\nmsgstr ""',
            'msgid "Press release"\nmsgstr "新闻稿 [详情](file:///etc/passwd)"')
    error = refusal(lambda: catalog.load(po))
    assert error.line == msgstr_line(po, "Press release")
    assert "file:" in error.message


def test_published_links_are_exactly_the_allowed_ones(office: Path) -> None:
    """The PDF's /URI annotations and the DOCX's hyperlinks carry only http(s) and mailto:
    and the smb: link a careless writer pasted stops the build before anything is written."""
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    seed = office / SEED
    replace(seed, "Highlights of the opening:",
            "Write to <mailto:press@nordwind.example> or see <smb://fileserver/press>.\n\n"
            "Highlights of the opening:")
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 2 and "smb://fileserver/press" in done.stderr
    assert not (office / "dist").exists()
    replace(seed, " or see <smb://fileserver/press>", "")
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 0, done.stderr
    folder = office / "dist" / SLUG
    reader = pypdf.PdfReader(folder / f"{SLUG}.en.pdf")
    uris = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages
            for a in page.get("/Annots", []) if a.get_object().get("/A")}
    document = docx.Document(str(folder / f"{SLUG}.en.docx"))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    expected = {MEDIA, "https://nordwind.example/report", "https://jobs.nordwind.example",
                "mailto:press@nordwind.example"}
    assert uris == expected
    assert targets == expected


# point 3: kit wording fills named fields and evaluates nothing ---------------------------


@pytest.mark.parametrize("template", [
    "第{page.__class__}页", "第{page[0]}页", "{0}", "{}", "第{page!r}页", "第{page:>{pages}}页",
    "第{page:x}页",
])
def test_a_format_string_with_more_than_names_is_refused(template: str) -> None:
    from pressctl.core import fields

    assert fields.problem(template) is not None
    with pytest.raises(ValueError):
        fields.fill(template, {"page": 1, "pages": 2})


def test_fill_only_substitutes() -> None:
    from pressctl.core import fields

    assert fields.fill("第{page}页，共{pages}页 {{x}}", {"page": 1, "pages": 2}) == \
        "第1页，共2页 {x}"


def test_kit_wording_with_attribute_access_is_a_po_error(office: Path) -> None:
    po = office / KIT_PO
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "Page {page} of {pages}"')
    end = text.index("msgstr", start)
    po.write_text(text[:end] + text[end:].replace('msgstr ""', 'msgstr "第{page.__class__}页"', 1),
                  encoding="utf-8")
    done = run("build", "--draft", "--lang", "zh", "--format", "pdf", cwd=office)
    assert done.returncode == 2, done.stderr
    assert "<class" not in done.stdout + done.stderr
    assert f"{KIT_PO}:" in done.stderr and "page.__class__" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (office / "dist").exists() or not list((office / "dist").rglob("*.pdf"))


# point 4: comments never swallow text ----------------------------------------------------


def _body(office: Path, body: str) -> Path:
    seed = office / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Highlights of the opening:", body + "\n\nHighlights of the "
                                 "opening:"), encoding="utf-8")
    return seed


def test_an_unclosed_comment_is_refused_at_its_line(office: Path) -> None:
    seed = _body(office, "<!-- TODO: check the figures with Anna")
    error = refusal(lambda: read(seed))
    assert error.line == 17
    assert error.message.startswith("HTML comment '<!--' is not closed before the next one "
                                    "opens on line 46")


def test_a_comment_left_open_at_the_end_is_refused(office: Path) -> None:
    seed = office / SEED
    seed.write_text(seed.read_text(encoding="utf-8") + "\n<!-- unfinished\n\nLast words.\n",
                    encoding="utf-8")
    error = refusal(lambda: read(seed))
    assert "is not closed: the text after it would be left out" in error.message


def test_text_after_a_comment_on_its_line_is_refused(office: Path) -> None:
    seed = _body(office, "<!-- legal checked --> The plant opens to visitors in July.")
    error = refusal(lambda: read(seed))
    assert error.line == 17 and "The plant opens to visitors" in error.message


def test_a_comment_inside_a_sentence_is_refused_not_published(office: Path) -> None:
    seed = _body(office, "The plant opens in July\nto visitors <!-- embargo: price not final "
                         "--> from Leipzig.")
    error = refusal(lambda: read(seed))
    assert error.line == 18 and "<!-- embargo: price not final -->" in error.message
    assert "inside the text would be printed" in error.message


def test_a_comment_in_a_table_cell_is_refused(office: Path) -> None:
    seed = _body(office, "| Site | Opens |\n| --- | --- |\n| Leipzig <!-- tbc --> | July |")
    error = refusal(lambda: read(seed))
    assert error.line == 17 and "<!-- tbc -->" in error.message


def test_comments_alone_are_skipped_and_the_text_around_them_kept(office: Path) -> None:
    seed = _body(office, "<!-- one --> <!-- two -->\n\nVisitors are welcome in July.\n\n"
                         "<!--\nA longer note\n-->")
    texts = [block.text for block in read(seed).blocks]
    assert "Visitors are welcome in July." in texts
    assert not any("one" in text or "note" in text for text in texts)


@pytest.mark.parametrize("src", ["file:///etc/hosts", "javascript:alert(1)",
                                 "vbscript:x", "FILE:images/leipzig-plant.jpg"])
def test_a_picture_with_a_refused_scheme_is_not_printed_as_its_alt_text(
        office: Path, src: str) -> None:
    seed = _body(office, f"![The plant from above]({src})")
    error = refusal(lambda: read(seed))
    assert error.line == 17 and "is a URL; a kit embeds local pictures only" in error.message


def test_a_comment_inside_a_sentence_is_not_published(office: Path) -> None:
    seed = _body(office, "The plant opens <!-- not approved by legal yet --> in July.")
    error = refusal(lambda: read(seed))
    assert error.line == 17 and "not approved by legal" in error.message


def test_a_picture_inside_a_sentence_is_not_dropped(office: Path) -> None:
    seed = _body(office, "See the plant ![plant](images/leipzig-plant.jpg) from above.")
    error = refusal(lambda: read(seed))
    assert error.line == 17 and "picture" in error.message


# point 5: duplicate front-matter keys ----------------------------------------------------


def test_a_duplicate_key_names_both_lines(office: Path) -> None:
    seed = office / SEED
    replace(seed, "dateline: Leipzig\n", "dateline: Leipzig\ntitle: Another title\n")
    error = refusal(lambda: read(seed))
    assert error.line == 7 and "'title' is given twice (first on line 2)" in error.message


def test_a_duplicate_key_in_a_fact_names_both_lines(tmp_path: Path) -> None:
    from tests.conftest import copy_project

    root = copy_project(tmp_path / "p")
    seed = root / "seeds" / "bmw-huawei-harmonyos.md"
    line = replace(seed, "    value: 9100000000\n", "    value: 9100000000\n    value: 999\n")
    error = refusal(lambda: read(seed))
    assert error.line == line + 1
    assert f"'value' is given twice (first on line {line})" in error.message


# point 8 (config side): languages ---------------------------------------------------------


@pytest.mark.parametrize(("value", "says"), [
    ('"zh"', "languages is 'zh'; expected a list"),
    ('["en", "ZH"]', "languages has 'ZH'; write it 'zh'"),
    ('["en", "zh", "zh"]', "languages lists 'zh' twice"),
    ('["en", "zh", "zh-CN"]', "languages lists 'zh' twice ('zh' and 'zh-CN')"),
    ('["en", "zh-hant-tw"]', "write it 'zh-Hant-TW'"),
])
def test_languages_are_each_listed_once_and_spelt_right(office: Path, value: str,
                                                        says: str) -> None:
    line = replace(office / "pyproject.toml", 'languages = ["en", "zh"]', f"languages = {value}")
    error = refusal(lambda: load(office))
    assert error.line == line and says in error.message


def test_the_source_language_is_implied(office: Path) -> None:
    replace(office / "pyproject.toml", 'languages = ["en", "zh"]', 'languages = ["zh"]')
    assert load(office).languages == ("en", "zh")


# point 9: no input error is exit 70, every message has its place ---------------------------


def test_a_truncated_picture_names_the_seed_line_and_the_picture(office: Path) -> None:
    picture = office / "seeds" / "images" / "leipzig-plant.jpg"
    data = picture.read_bytes()
    picture.write_bytes(data[:len(data) // 2])
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 2, done.stderr
    assert f"error: {SEED}:15: figure 'images/leipzig-plant.jpg' cannot be read" in done.stderr


def test_a_folder_where_the_glossary_belongs(office: Path) -> None:
    glossary = office / "locales" / "glossary.csv"
    glossary.unlink()
    glossary.mkdir()
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 2, done.stderr
    assert "locales/glossary.csv: " in done.stderr and "is a folder" in done.stderr


def test_a_slug_too_long_for_the_file_system(office: Path) -> None:
    done = run("new", "a" * 300, cwd=office)
    assert done.returncode == 2, done.stderr
    assert "at most 150" in done.stderr
    seed = office / "seeds" / ("b" * 200 + ".md")
    shutil.copy(office / SEED, seed)
    error = refusal(lambda: read(seed))
    assert error.path == seed and "at most 150" in error.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_seed(office: Path) -> None:
    seed = office / SEED
    seed.chmod(0)
    error = refusal(lambda: read(seed))
    assert error.path == seed and "permission denied" in error.message


def test_a_file_the_system_will_not_open_is_named(office: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod 000 does not stop a read: the refusal of open() is simulated."""
    real = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".po"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    error = refusal(lambda: catalog.load(office / ZH_PO))
    assert error.path == office / ZH_PO
    assert error.message == "cannot read the catalog: permission denied"


def test_a_symlink_inside_the_project_is_read(office: Path) -> None:
    (office / "drafts").mkdir()
    (office / SEED).rename(office / "drafts" / "q3.md")
    (office / SEED).symlink_to(office / "drafts" / "q3.md")
    assert read(office / SEED).title.startswith("Nordwind Energy Opens")


def test_a_control_character_in_a_front_matter_title_is_blamed_on_its_line(
        office: Path) -> None:
    seed = office / SEED
    replace(seed, "title: Nordwind Energy Opens", 'title: "Nordwind\\x07 Energy Opens')
    replace(seed, "Plant in Leipzig\n", 'Plant in Leipzig"\n')
    error = refusal(lambda: read(seed))
    assert (error.path, error.line) == (seed, 2)
    assert "U+0007" in error.message


def test_a_vertical_tab_in_a_msgstr_is_reported_on_its_own_line(office: Path) -> None:
    po = office / ZH_PO
    line = replace(po, 'msgstr "莱比锡"', 'msgstr "莱比\x0b锡"')
    error = refusal(lambda: catalog.load(po))
    assert (error.path, error.line) == (po, line)
    assert "U+000B" in error.message


def test_a_control_character_written_as_an_escape_in_a_msgstr_is_refused(
        office: Path) -> None:
    po = office / ZH_PO
    line = replace(po, 'msgstr "莱比锡"', 'msgstr "莱比\\f锡"')
    error = refusal(lambda: catalog.load(po))
    assert (error.path, error.line) == (po, line)
    assert "U+000C" in error.message


# point 10: inputs are regular files inside the project -----------------------------------


def test_a_seed_symlinked_out_of_the_project_is_refused(office: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    shutil.copy(office / SEED, outside)
    (office / "seeds" / "linked.md").symlink_to(outside)
    done = run("build", "--draft", "--lang", "en", "linked", cwd=office)
    assert done.returncode == 2, done.stderr
    assert "seeds/linked.md: the seed leads outside the project folder" in done.stderr
    assert not (office / "dist" / "linked").exists()


def test_a_catalog_linked_to_a_device_is_refused_at_once(office: Path) -> None:
    po = office / ZH_PO
    po.unlink()
    po.symlink_to("/dev/zero")
    error = refusal(lambda: catalog.load(po))
    assert "not a regular file" in error.message or "outside the project" in error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_being_opened(office: Path) -> None:
    fifo = office / "seeds" / "pipe.md"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    done = run("translate", str(fifo), "--to", "zh", "--memory-only", cwd=office)
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr
    error = refusal(lambda: read(fifo))
    assert "not a regular file" in error.message


def test_a_file_over_the_size_limit_is_refused(office: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from pressctl.core import textfile

    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    error = refusal(lambda: read(office / SEED))
    size = (office / SEED).stat().st_size
    assert error.message == \
        f"the seed is {size:,} bytes; pressctl reads text files of at most 1,000 bytes"


# point 2, second pass: links that read as one site and lead to another -----------------

#: Each of these shows the reader one address and takes them elsewhere (or hides part of it).
DECEPTIVE = {
    "https://press:secret@nordwind.example/kit": "a user name or password before the host",
    "https://nordwind.example@evil.example/": "a user name or password before the host",
    "https://nordwind.example/\u202efdp.exe": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "https://nord\u200bwind.example/": "U+200B ZERO WIDTH SPACE",
    "https://nord\u00adwind.example/": "U+00AD SOFT HYPHEN",
    "https://p\u0430ypal.com/login": "mixing Latin letters with U+0430 CYRILLIC SMALL LETTER A",
    "https://xn--pypal-4ve.com/": "mixing Latin letters with U+0430 CYRILLIC SMALL LETTER A",
    "https://nordwind.ex\u03bfmple/": "mixing Latin letters with U+03BF GREEK SMALL LETTER OMICRON",
    "mailto:press@nordw\u0456nd.example": "mixing Latin letters with U+0456 CYRILLIC",
}


@pytest.mark.parametrize("href", DECEPTIVE)
def test_a_deceptive_link_in_the_body_is_refused_at_its_line(office: Path, href: str) -> None:
    seed = office / SEED
    line = replace(seed, f"({MEDIA})", f"({href})")
    error = refusal(lambda: read(seed))
    assert (error.path, error.line) == (seed, line)
    assert error.message.startswith("unsafe link ") and DECEPTIVE[href] in error.message


def test_a_deceptive_link_in_the_front_matter_is_refused_at_its_line(office: Path) -> None:
    seed = office / SEED
    line = replace(seed, "dateline: Leipzig", "dateline: Leipzig <https://u:p@nordwind.example/>")
    error = refusal(lambda: read(seed))
    assert (error.line, error.message[:41]) == (line, "unsafe link 'https://u:p@nordwind.example")


def test_a_deceptive_link_in_a_catalog_is_refused_under_draft(office: Path) -> None:
    po = office / ZH_PO
    replace(po, f"[北风媒体网站]({MEDIA})", "[北风媒体网站](https://media.n\u043ewind.example/)")
    done = run("build", "--draft", "--lang", "zh", cwd=office)
    assert done.returncode == 2, done.stderr
    line = msgstr_line(po, f"Photos and videos are on the [Nordwind media site]({MEDIA}).")
    assert f"error: {ZH_PO}:{line}: unsafe link " in done.stderr
    assert "U+043E CYRILLIC SMALL LETTER O" in done.stderr and "Traceback" not in done.stderr
    assert not (office / "dist").exists() or not list((office / "dist").rglob("*.zh.*"))


def test_a_deceptive_link_in_kit_wording_is_refused(office: Path) -> None:
    po = office / KIT_PO
    replace(po, 'msgid "Press release"\nmsgstr ""',
            'msgid "Press release"\nmsgstr "新闻稿 <https://nordwind.example/\u202egnp.exe>"')
    error = refusal(lambda: catalog.load(po))
    assert error.line == msgstr_line(po, "Press release") and "U+202E" in error.message


@pytest.mark.parametrize("href", [
    "HTTPS://NORDWIND.EXAMPLE/Press", "https://nordwind.example/a%20report.pdf",
    "https://пример.рф/", "https://例子.公司/", "https://bücher.example/", "https://[::1]/x",
    "mailto:press@nordwind.example?subject=Leipzig",
])
def test_honest_links_in_any_one_script_are_accepted(office: Path, href: str) -> None:
    """Upper-case schemes, an encoded space, a host in one script (Cyrillic, Chinese,
    Latin with accents) are what they look like."""
    from pressctl.core import links

    assert links.problem(href) is None
    seed = office / SEED
    replace(seed, f"({MEDIA})", f"(<{href}>)")
    assert read(seed).title


@pytest.mark.parametrize("href", ["javascript&#58;alert(1)", "javascript&colon;alert(1)",
                                  "java%73cript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="])
def test_a_disguised_script_link_is_refused(office: Path, href: str) -> None:
    """An entity-encoded colon or a percent-encoded letter does not slip past the policy."""
    seed = office / SEED
    line = replace(seed, f"({MEDIA})", f"({href})")
    error = refusal(lambda: read(seed))
    assert error.line == line and error.message.startswith("unsafe link ")


# point 2, second pass: front-matter links are links in every format ----------------------


def test_contact_and_boilerplate_links_are_published_as_links_everywhere(office: Path) -> None:
    """The front matter is held to the link policy as Markdown; the contact and boilerplate
    lines are printed as Markdown in every format, so what is checked is what is linked:
    the web page made them links, the PDF and DOCX printed ``[our site](https://…)``."""
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    seed = office / SEED
    replace(seed, '"press@nordwind.example"]',
            '"<mailto:press@nordwind.example>", "[Press room](https://nordwind.example/press)"]'
            '\nboilerplate: "Nordwind Energy recycles batteries. See '
            '[our site](https://nordwind.example/about)."')
    done = run("build", "--draft", "--lang", "en", "--format", "pdf", "--format", "docx",
               "--format", "html", "--format", "email", cwd=office)
    assert done.returncode == 0, done.stderr
    folder = office / "dist" / SLUG
    wanted = {"mailto:press@nordwind.example", "https://nordwind.example/press",
              "https://nordwind.example/about"}
    reader = pypdf.PdfReader(folder / f"{SLUG}.en.pdf")
    uris = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages
            for a in page.get("/Annots", []) if a.get_object().get("/A")}
    text = "".join(page.extract_text() for page in reader.pages)
    document = docx.Document(str(folder / f"{SLUG}.en.docx"))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    html = (folder / f"{SLUG}.en.html").read_text(encoding="utf-8")
    mail = (folder / f"{SLUG}.en.eml").read_bytes().decode("ascii", "replace")
    assert wanted <= uris and wanted <= targets
    assert all(f'href="{url}"' in html for url in wanted)
    assert "[our site]" not in text and "See our site." in text
    assert "Press room <https://nordwind.example/press>" in mail.replace("=\n", "")
    docx_text = "\n".join(p.text for p in document.paragraphs)
    assert "Press room" in docx_text and "](" not in docx_text


# point 5, second pass: anchors, aliases and merge keys -------------------------------------


@pytest.mark.parametrize(("header", "line", "says"), [
    ("dateline: Leipzig\n<<: {title: Another title}", 7, "merge key (<<)"),
    ("dateline: &place Leipzig\nsubtitle: *place", 6, "(&place)"),
    ("dateline: Leipzig\nfacts:\n  - &jobs {label: Jobs, value: 240, unit: jobs}\n"
     "  - <<: *jobs\n    value: 999", 8, "(&jobs)"),
])
def test_yaml_anchors_aliases_and_merge_keys_are_refused(office: Path, header: str, line: int,
                                                         says: str) -> None:
    """A merge key gives a key twice without the duplicate check seeing it (the
    explicit value silently wins); an alias repeats a value under another name."""
    seed = office / SEED
    replace(seed, "dateline: Leipzig", header)
    error = refusal(lambda: read(seed))
    assert error.line == line and says in error.message, (error.line, error.message)


def test_a_billion_laughs_header_is_refused_at_once(office: Path) -> None:
    """Nested aliases under the fields a seed has: walking the header's texts visited
    9**7 nodes (30 s; two levels more would take an hour) before a field was looked at."""
    import time

    fields = ["keywords", "subtitle", "boilerplate", "dateline", "facts", "embargo", "title"]
    rows = [f'{fields[0]}: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"{name}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]"
             for i, name in enumerate(fields[1:], start=1)]
    seed = office / SEED
    body = seed.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    seed.write_text("---\ndate: 2025-06-12\nlang: en\norganisation: Nordwind Energy\n"
                    + "\n".join(rows) + "\n---\n" + body, encoding="utf-8")
    started = time.monotonic()
    error = refusal(lambda: read(seed))
    assert time.monotonic() - started < 5
    assert error.line == 5 and "(&a0)" in error.message


# point 9/10, second pass: a picture path that is not a file ---------------------------------


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_a_picture_that_is_not_a_file_is_named_at_once(office: Path, kind: str) -> None:
    picture = office / "seeds" / "images" / "odd.jpg"
    if kind == "folder":
        picture.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        os.mkfifo(picture)
    else:
        try:
            os.mknod(picture, stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero
        except (PermissionError, AttributeError):
            pytest.skip("creating a device needs root")
    line = replace(office / SEED, "images/leipzig-plant.jpg", "images/odd.jpg")
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 2, done.stderr
    says = "is a folder" if kind == "folder" else "is not a regular file"
    assert f"error: {SEED}:{line}: figure 'images/odd.jpg' {says}" in done.stderr


# point 3, second pass: kit wording errors at the msgstr's line, in build and qa -----------


@pytest.mark.parametrize("template", [
    "第{page.__class__}页", "第{page[0]}页", "第{page!r}页", "第{page:{pages}}页",
    "第{pg}页，共{pages}页", "第{0}页",
])
@pytest.mark.parametrize("flagged", [True, False])
def test_a_kit_wording_field_error_is_at_the_msgstr_line(office: Path, template: str,
                                                         flagged: bool) -> None:
    """With or without ``#, python-brace-format``: the line to fix is the msgstr's, not
    the entry's first comment line."""
    from pressctl.kit import Wording

    po = office / KIT_PO
    replace(po, 'msgid "Page {page} of {pages}"\nmsgstr ""',
            f'msgid "Page {{page}} of {{pages}}"\nmsgstr "{template}"')
    if not flagged:
        replace(po, '#, python-brace-format\nmsgid "Page {page}', 'msgid "Page {page}')
    error = refusal(lambda: Wording.load(po, "zh_Hans_CN"))
    assert (error.path, error.line) == (po, msgstr_line(po, "Page {page} of {pages}"))
    assert template[1:template.index("}") + 1] in error.message


def test_qa_refuses_kit_wording_that_cannot_be_filled(office: Path) -> None:
    """qa read ``{page.__class__}`` (unflagged) as a missing placeholder and **strong**
    markup, exit 1 at the entry's comment line; build says exit 2 at the msgstr."""
    po = office / KIT_PO
    replace(po, '#, python-brace-format\nmsgid "Page {page} of {pages}"\nmsgstr ""',
            'msgid "Page {page} of {pages}"\nmsgstr "第{page.__class__}页"')
    line = msgstr_line(po, "Page {page} of {pages}")
    for args in (("qa",), ("build", "--draft", "--lang", "zh", "--format", "pdf")):
        done = run(*args, cwd=office)
        assert done.returncode == 2, (args, done.stderr)
        assert f"error: {KIT_PO}:{line}: the translation of 'Page {{page}} of {{pages}}'" \
            in done.stderr


# points 2 and 4, second pass: a link reference definition --------------------------------


@pytest.mark.parametrize("target", ["file:///etc/passwd", "https://nordwind.example/report"])
def test_a_link_reference_definition_is_refused_at_its_line(office: Path, target: str) -> None:
    """``[r]: …`` was taken out of the text by markdown-it, unchecked, and ``[the report][r]``
    printed as typed: the address vanished (exit 0) whatever it was."""
    seed = office / SEED
    line = replace(seed, "Highlights of the opening:",
                   f"See [the report][Rep].\n\n[Rep]: {target}\n\nHighlights of the opening:")
    error = refusal(lambda: read(seed))
    assert (error.path, error.line) == (seed, line + 2)
    assert f"'[Rep]: {target}'" in error.message and "reference definition" in error.message


@pytest.mark.parametrize(("words", "href"), [
    ("https://media.nordwind.example/leipzig", "https://evil.example/leipzig"),
    ("www.nordwind.example", "https://nordwind.example.evil.example/"),
    ("**https://nordwind.example**", "https://evil.example/"),
    ("press@nordwind.example", "mailto:press@evil.example"),
])
def test_a_link_whose_words_show_another_address_is_refused(office: Path, words: str,
                                                           href: str) -> None:
    seed = office / SEED
    line = replace(seed, f"[Nordwind media site]({MEDIA})", f"[{words}]({href})")
    error = refusal(lambda: read(seed))
    assert error.line == line and "its text shows the address" in error.message


@pytest.mark.parametrize(("words", "href"), [
    ("Nordwind media site", MEDIA), ("www.nordwind.example", MEDIA),
    ("media.nordwind.example/leipzig", "https://nordwind.example/"), ("Node.js", MEDIA),
    ("https://bücher.example", "https://xn--bcher-kva.example/"),
])
def test_a_link_whose_words_are_its_own_site_is_kept(office: Path, words: str,
                                                    href: str) -> None:
    seed = office / SEED
    replace(seed, f"[Nordwind media site]({MEDIA})", f"[{words}]({href})")
    assert read(seed).title


# point 9, second pass: a symlink that leads back to itself --------------------------------


def test_a_picture_symlink_loop_is_named_not_a_bug(office: Path) -> None:
    (office / "seeds" / "images" / "loop.jpg").symlink_to("loop.jpg")
    line = replace(office / SEED, "images/leipzig-plant.jpg", "images/loop.jpg")
    done = run("build", "--draft", "--lang", "en", cwd=office)
    assert done.returncode == 2, done.stderr
    assert f"error: {SEED}:{line}: figure 'images/loop.jpg' cannot be read: a symlink" \
        in done.stderr


def test_a_seed_symlink_loop_is_named_not_a_bug(office: Path) -> None:
    (office / "seeds" / "loop.md").symlink_to("loop.md")
    for args in (("build", "--draft", "--lang", "en"), ("qa",), ("build", "--check")):
        done = run(*args, cwd=office)
        assert done.returncode == 2, (args, done.stderr)
        assert "error: seeds/loop.md: cannot read the seed: Too many levels of symbolic links" \
            in done.stderr, args


@pytest.mark.parametrize("name", ["evil\u202efdp.exe", "q3\u200breport", "tab\tname"])
def test_a_seed_name_with_an_invisible_character_is_refused(office: Path, name: str) -> None:
    """Every kit is named after its seed: ``evil<U+202E>fdp.exe.en.pdf`` reads as another
    file on screen."""
    seed = office / "seeds" / f"{name}.md"
    shutil.copy(office / SEED, seed)
    error = refusal(lambda: read(seed))
    assert error.path == seed and "the seed's name has the invisible character" in error.message
