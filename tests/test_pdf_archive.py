"""Archival PDFs (issue 16): every PDF pressctl writes is PDF/A-2u.

The BMW kit (en, zh, bilingual), the press-office release (photo, links,
table), draft kits (a translucent watermark) and a Taiwan kit are built with
the command line or the renderer and checked with the page-validation
package's "2u" profile and its PDF/UA-1 identification and metadata rules;
the XMP, the output intent and the ToUnicode maps are read back with pikepdf
and compared with values written by hand from the seeds.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from pressctl.core.config import load
from pressctl.core.settings import Config
from pressctl.kit.make import make_kit
from pressctl.render import renderer
from pressctl.source.read import read
from tests.argos_model import offline_env
from tests.conftest import ROOT, SEED, copy_project, need
from tests.test_cli import run
from tests.test_traditional import review, with_languages

page = pytest.importorskip("page")

BMW = "bmw-huawei-harmonyos"
OFFICE = "nordwind-leipzig-recycling"
OFFICE_PROJECT = ROOT / "tests" / "data" / "press-office"
#: The PDF/UA-1 rules this module answers for (tagging is tested elsewhere).
UA_METADATA = ("PDFUA1-ID-", "PDFUA1-METADATA-", "PDFUA1-VIEWER-PREFERENCES-",
               "PDFUA1-FONT-UNICODE-VALUE-")


def failures(path: Path, profile: str = "2u") -> list[str]:
    report = page.validate_pdf(str(path), profile=profile)
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def build(project: Path) -> Path:
    done = run("build", "--force", cwd=project)
    assert done.returncode == 0, done.stderr
    return project / "dist"


@pytest.fixture(scope="module")
def bmw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(copy_project(tmp_path_factory.mktemp("bmw"))) / BMW


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office")
    shutil.copytree(OFFICE_PROJECT, root, dirs_exist_ok=True)
    return build(root) / OFFICE


@pytest.fixture(scope="module")
def taiwan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The BMW release in Taiwan's Traditional Chinese (drafted by OpenCC, reviewed),
    with an English / Taiwanese bilingual edition."""
    folder = tmp_path_factory.mktemp("taiwan")
    project = with_languages(copy_project(folder / "project"), '["en", "zh", "zh-Hant-TW"]',
                             'bilingual = ["en", "zh-Hant-TW"]')
    env = offline_env(folder, folder / "no-models")
    done = run("translate", f"seeds/{BMW}.md", "--to", "zh-Hant-TW", cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    review(project / "locales" / "zh_Hant_TW" / "LC_MESSAGES" / f"{BMW}.po")
    return build(project) / BMW


@pytest.fixture(scope="module")
def drafts(config: Config, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Draft kits: the DRAFT watermark is drawn with a 9 % fill alpha."""
    render, render_bilingual = renderer("pdf").render, renderer("pdf").render_bilingual

    folder = tmp_path_factory.mktemp("draft")
    release = read(SEED)
    en, zh = (replace(make_kit(config, release, lang), draft=True) for lang in ("en", "zh"))
    render(zh, folder / "draft.zh.pdf")
    render_bilingual(en, zh, folder / "draft.bilingual.pdf")
    return {"zh": folder / "draft.zh.pdf", "bilingual": folder / "draft.bilingual.pdf"}


@pytest.fixture(scope="module")
def config() -> Config:
    return load(ROOT)


# ---------------------------------------------------------------- the validator


@pytest.mark.parametrize("name", ["en", "zh", "bilingual"])
def test_bmw_kit_is_pdfa_2u(bmw: Path, name: str) -> None:
    path = bmw / f"{BMW}.{name}.pdf"
    assert failures(path) == []
    ua = [f for f in failures(path, "ua1") if f.startswith(UA_METADATA)]
    assert ua == []


@pytest.mark.parametrize("name", ["en", "zh", "bilingual"])
def test_press_office_kit_is_pdfa_2u(office: Path, name: str) -> None:
    path = office / f"{OFFICE}.{name}.pdf"
    assert failures(path) == []
    assert [f for f in failures(path, "ua1") if f.startswith(UA_METADATA)] == []


@pytest.mark.parametrize("name", ["zh-Hant-TW", "bilingual"])
def test_traditional_kit_is_pdfa_2u(taiwan: Path, name: str) -> None:
    path = taiwan / f"{BMW}.{name}.pdf"
    assert failures(path) == []
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == ("zh-TW" if name == "zh-Hant-TW" else "en-GB")
        assert pdf.open_metadata()["dc:language"] == \
            ({"zh-TW"} if name == "zh-Hant-TW" else {"en-GB", "zh-TW"})


@pytest.mark.parametrize("name", ["zh", "bilingual"])
def test_draft_kit_with_its_translucent_mark_is_pdfa_2u(drafts: dict[str, Path],
                                                         name: str) -> None:
    with pikepdf.open(drafts[name]) as pdf:
        states = pdf.pages[0].Resources.ExtGState
        assert any(float(state.get("/ca", 1)) == 0.09 for state in states.values())
    assert failures(drafts[name]) == []


def test_reportlab_alone_fails_and_the_validator_says_why(config: Config, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """The same kit without :func:`finish` and with reportlab's own ToUnicode maps:
    the checks above can fail."""
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    from pressctl.render.pdf import page as pdf_page
    from pressctl.render.pdf import tounicode as pdf_tounicode
    render = renderer("pdf").render

    monkeypatch.setattr(pdf_page, "finish", lambda data, meta, *steps: data)
    monkeypatch.setattr(pdf_tounicode, "to_unicode_cmap", makeToUnicodeCMap)
    render(make_kit(config, read(SEED), "zh"), tmp_path / "raw.pdf")
    rules = {f.split(":")[0] for f in failures(tmp_path / "raw.pdf")}
    assert {"PDFA2U-DEVICE-RGB-001", "PDFA2U-ID-SCHEMA-001", "PDFA2U-METADATA-STRUCTURE-001",
            "PDFA2U-UNICODE-VALUE-001"} <= rules


# ---------------------------------------------------------------- metadata


def test_xmp_says_what_the_seed_says(bmw: Path) -> None:
    with pikepdf.open(bmw / f"{BMW}.zh.pdf") as pdf:
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == "宝马将在中国深度融入鸿蒙生态"
        assert xmp["dc:language"] == {"zh-CN"}
        assert xmp["dc:creator"] == ["宝马中国"]
        assert xmp["dc:description"] == "新闻稿"
        assert xmp["pdf:Keywords"] == "BMW, Huawei, HarmonyOS, HUAWEI HiCar, BMW Digital Key"
        assert xmp["xmp:CreatorTool"] == "pressctl"
        for name in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            assert xmp[name] == "2025-03-17T00:00:00+00:00"
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == \
            ("2", "U", "1")
        info = pdf.docinfo
        assert str(info.CreationDate) == str(info.ModDate) == "D:20250317000000+00'00'"
        assert (str(info.Title), str(info.Author), str(info.Subject)) == \
            ("宝马将在中国深度融入鸿蒙生态", "宝马中国", "新闻稿")
        assert str(info.Producer) == xmp["pdf:Producer"]
        assert str(pdf.Root.Lang) == "zh-CN"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        # the extension schema declares the pdfuaid namespace PDF/A does not predefine
        packet = ET.fromstring(pdf.Root.Metadata.read_bytes().split(b"?>", 1)[1]
                               .rsplit(b"<?xpacket", 1)[0])
        schema = "{http://www.aiim.org/pdfa/ns/schema#}"
        assert [e.text for e in packet.iter(f"{schema}namespaceURI")] == \
            ["http://www.aiim.org/pdfua/ns/id/"]
        assert [e.text for e in packet.iter(f"{schema}prefix")] == ["pdfuaid"]
        assert "/Filter" not in pdf.Root.Metadata.stream_dict
    with pikepdf.open(bmw / f"{BMW}.en.pdf") as pdf:
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == "BMW to Deeply Integrate with the Harmony Ecosystem in China"
        assert xmp["dc:language"] == {"en-GB"}
        assert xmp["dc:creator"] == ["BMW China"]
        assert xmp["dc:description"] == "Press release"


def test_output_intent_is_srgb(bmw: Path) -> None:
    from PIL import ImageCms

    with pikepdf.open(bmw / f"{BMW}.en.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3
        data = profile.read_bytes()
    assert data[12:20] == b"mntrRGB "  # a display profile whose data colour space is RGB
    description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data)))
    assert description.strip() == "sRGB built-in"


def test_links_are_printable_and_say_where_they_lead(office: Path) -> None:
    with pikepdf.open(office / f"{OFFICE}.en.pdf") as pdf:
        annots = [a for p in pdf.pages for a in p.obj.get("/Annots", [])]
        uris = ["https://media.nordwind.example/leipzig", "https://nordwind.example/report",
                "https://jobs.nordwind.example"]
        assert len(annots) == len(uris)
        # the URI, or the link's text with the URI when the tagging step wrote it
        for annot, uri in zip(annots, uris, strict=True):
            assert str(annot.Contents) == uri or str(annot.Contents).endswith(f"({uri})")
        assert [int(a.F) for a in annots] == [4, 4, 4]


# ---------------------------------------------------------------- ToUnicode


def cmap_values(pdf: pikepdf.Pdf) -> list[tuple[str, list[str]]]:
    """(font, [each bfchar block's destination strings]) for every ToUnicode map."""
    out = []
    for font in {f.objgen: f for p in pdf.pages for f in p.Resources.Font.values()}.values():
        text = font.ToUnicode.read_bytes().decode("ascii")
        blocks = re.findall(r"beginbfchar\n(.*?)\nendbfchar", text, re.S)
        out += [(str(font.BaseFont), re.findall(r"<[0-9A-F]{2}> <([0-9A-F]+)>", block))
                for block in blocks]
    return out


@pytest.mark.parametrize("name", ["en", "zh", "bilingual"])
def test_no_code_maps_to_nul(bmw: Path, name: str) -> None:
    with pikepdf.open(bmw / f"{BMW}.{name}.pdf") as pdf:
        blocks = cmap_values(pdf)
    assert blocks
    values = [v for _, block in blocks for v in block]
    assert not {"0000", "FEFF", "FFFE"} & set(values)
    assert all(len(block) <= 100 for _, block in blocks)
    assert "5B9D" in values or name == "en"  # 宝


def test_cmap_entries_by_hand() -> None:
    from pressctl.render.pdf.tounicode import to_unicode_cmap

    cmap = to_unicode_cmap("AAAAAA+Font", [0, 0x5B9D, 0x20, 0x1F600, 0xFEFF])
    assert "1 begincodespacerange\n<00> <04>\nendcodespacerange\n" \
           "3 beginbfchar\n<01> <5B9D>\n<02> <0020>\n<03> <D83DDE00>\nendbfchar" in cmap
    many = to_unicode_cmap("X", list(range(0x4E00, 0x4E00 + 250)))
    assert re.findall(r"(\d+) beginbfchar", many) == ["100", "100", "50"]


def test_text_is_unchanged_character_for_character(config: Config, bmw: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """pdftotext reads the same zh kit with reportlab's own maps and no post-processing."""
    from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

    from pressctl.render.pdf import page as pdf_page
    from pressctl.render.pdf import tounicode as pdf_tounicode
    render = renderer("pdf").render

    need("pdftotext")
    monkeypatch.setattr(pdf_page, "finish", lambda data, meta, *steps: data)
    monkeypatch.setattr(pdf_tounicode, "to_unicode_cmap", makeToUnicodeCMap)
    render(make_kit(config, read(SEED), "zh"), tmp_path / "before.pdf")

    def text(path: Path) -> str:
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              check=True, text=True).stdout

    before, after = text(tmp_path / "before.pdf"), text(bmw / f"{BMW}.zh.pdf")
    assert "宝马将在中国深度融入鸿蒙生态" in after and "\x00" not in after
    assert after == before


# ---------------------------------------------------------------- reproducible


def test_two_builds_on_different_seconds_are_byte_identical(bmw: Path, tmp_path: Path) -> None:
    """Another process, later: the ICC header, the XMP and the ID hold no clock."""
    time.sleep(1.1)
    again = build(copy_project(tmp_path)) / BMW
    for name in ("en", "zh", "bilingual"):
        assert (again / f"{BMW}.{name}.pdf").read_bytes() == \
            (bmw / f"{BMW}.{name}.pdf").read_bytes(), name


def test_finish_is_a_function_of_its_inputs(bmw: Path, tmp_path: Path) -> None:
    import datetime as dt

    from pressctl.render.pdf.archive import ArchiveMeta, finish

    data = (bmw / f"{BMW}.en.pdf").read_bytes()
    meta = ArchiveMeta("T", "en", "Org", "Press release", ("a", "b"), dt.date(2024, 2, 29))
    seen: list[int] = []
    once = finish(data, meta, lambda pdf: seen.append(len(pdf.pages)))
    assert finish(data, meta, lambda pdf: None) == once
    assert seen == [len(pikepdf.open(io.BytesIO(data)).pages)]
    with pikepdf.open(io.BytesIO(once)) as pdf:
        assert pdf.open_metadata()["xmp:CreateDate"] == "2024-02-29T00:00:00+00:00"
        assert str(pdf.docinfo.Keywords) == "a, b"
    # no organisation, no keywords: neither in the Info dictionary nor in the XMP
    bare = tmp_path / "bare.pdf"
    bare.write_bytes(finish(data, replace(meta, creator="", keywords=()), lambda pdf: None))
    assert failures(bare) == []
    with pikepdf.open(bare) as pdf:
        assert "/Keywords" not in pdf.docinfo and "/Author" not in pdf.docinfo
        assert "pdf:Keywords" not in pdf.open_metadata()


def _content_ending_in_cr(tmp_path: Path) -> bytes:
    """A one-page reportlab PDF whose page content, Flate-compressed, ends in a CR byte.

    A zlib stream ends with the Adler-32 of what it holds, low byte last, so the
    last byte is fixed by the content: one text in about 256 gives 0x0D (the
    long English kit of a release written for issue 16 had one such page)."""
    import zlib

    from reportlab.pdfgen.canvas import Canvas

    for n in range(256):  # each "a" (0x61, odd) adds 0x61 to the checksum's low sum
        out = io.BytesIO()
        canvas = Canvas(out, invariant=True)
        canvas.setFont("Helvetica", 4)
        canvas.drawString(10, 720, "Station " + "a" * n)
        canvas.showPage()
        canvas.save()
        with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
            content = pdf.pages[0].Contents.read_bytes()
        if zlib.adler32(content) & 0xFF == 0x0D:
            return out.getvalue()
    raise AssertionError("no text found whose compressed content ends in CR")


def test_stream_data_ending_in_cr_keeps_its_length_exact(tmp_path: Path) -> None:
    """``…\\r`` + qpdf's ``\\nendstream`` reads as a CRLF end-of-line marker to a PDF/A
    checker, which then counts one byte less than ``/Length`` (PDFA2U-STREAM-LENGTH-001)."""
    import datetime as dt

    from pressctl.render.pdf.archive import ArchiveMeta, finish

    meta = ArchiveMeta("T", "en", "Org", "Press release", (), dt.date(2026, 10, 1))
    path = tmp_path / "cr.pdf"
    path.write_bytes(finish(_content_ending_in_cr(tmp_path), meta, lambda pdf: None))
    assert [f for f in failures(path) if f.startswith("PDFA2U-STREAM-LENGTH")] == []
    assert b"\r\nendstream" not in path.read_bytes()
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)
    assert re.fullmatch(r"Station a*\s*", done.stdout)


def test_metadata_is_written_once_by_the_archival_step(config: Config, bmw: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab writes no title, author, language or viewer preference of the release (they
    were written twice, then overwritten by ``finish``); the finished kits carry them, each
    with its own permanent ID (the first /ID element, from its content: reportlab's, made
    without metadata, would be the same for every kit)."""
    from pressctl.render.pdf import page as pdf_page
    from pressctl.render.pdf.edition import build

    raw: list[bytes] = []
    monkeypatch.setattr(pdf_page, "finish", lambda data, meta, step: raw.append(data) or data)
    build(make_kit(config, read(SEED), "zh"))
    with pikepdf.open(io.BytesIO(raw[0])) as pdf:
        # reportlab's placeholders only: nothing of the release
        assert (str(pdf.docinfo.Title), str(pdf.docinfo.Author)) == ("(anonymous)",) * 2
        assert "/Lang" not in pdf.Root and "/ViewerPreferences" not in pdf.Root
    ids = set()
    for name in ("en", "zh", "bilingual"):
        with pikepdf.open(bmw / f"{BMW}.{name}.pdf") as pdf:
            assert str(pdf.docinfo.Title) and str(pdf.docinfo.Author) in ("BMW China", "宝马中国")
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            ids.add(bytes(pdf.trailer.ID[0]))
    assert len(ids) == 3
