"""The DOCX package around the document: metadata, settings, and a reproducible zip.

python-docx starts from a template that carries another author's metadata, a
thumbnail of an empty page, Word 2010 style copies and customXml; a press
kit ships none of that.  python-docx also stamps every zip entry with the
current time, so the kit is rewritten with entries dated from the release
date: rebuilding an unchanged release gives the same bytes and the manifest's
SHA-256 only changes when the content does.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pressctl.kit import Kit
from pressctl.render.docx.text import clean, property_text, xml_escape

DROPPED_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>pressctl</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>"
)


def font_table(families: tuple[str, ...]) -> bytes:
    """Only the fonts the kit uses, described well enough for Word to substitute them.

    charset 86 (GB2312) and the Swiss family steer Word towards a Chinese
    sans (Microsoft YaHei, DengXian) on a machine without Noto Sans CJK.
    """
    entries = "".join(
        f'<w:font w:name="{xml_escape(family)}">'
        '<w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        for family in dict.fromkeys(families)
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts {nsdecls("w")}>{entries}</w:fonts>').encode()


def set_metadata(document: Document, kit: Kit) -> None:
    release = kit.release
    props = document.core_properties
    # midnight UTC, the instant the PDF's Info and XMP dates give (pdf/archive.py)
    stamp = dt.datetime(release.date.year, release.date.month, release.date.day, 0, 0, 0)
    props.title = property_text(release.title)
    props.subject = property_text(kit.subject)
    props.author = property_text(release.organisation)
    props.keywords = property_text(", ".join(release.keywords))
    props.language = kit.tag
    props.category = property_text(kit.t("Press release"))
    props.comments = property_text(release.subtitle or "")
    props.last_modified_by = property_text(release.organisation)
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def drop_template_parts(document: Document) -> None:
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in DROPPED_RELATIONSHIPS]:
            rels.pop(rid)


def set_settings(document: Document, latin: str, east_asian: str) -> None:
    settings = document.settings.element
    for name in ("w:proofState", "w:rsids", "w:attachedTemplate", "w:themeFontLang"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    for element in settings.findall(qn("w:zoom")):
        element.attrib.clear()
        element.set(qn("w:percent"), "100")
    lang = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="{latin}"'
                     f' w:eastAsia="{east_asian}"/>')
    anchor = settings.find(qn("w:clrSchemeMapping"))
    if anchor is not None:
        anchor.addprevious(lang)
    else:
        settings.append(lang)


class _Parts(dict[str, bytes]):
    """Stands in for python-docx's zip writer: keeps each part's bytes by member name."""

    def write(self, uri: PackURI, blob: bytes) -> None:
        self[uri.membername] = blob

    def close(self) -> None:
        pass


def part_blobs(document: Document) -> dict[str, bytes]:
    """The package's parts as bytes, by member name, as ``Document.save`` would zip them.

    python-docx's own save compressed every part into a zip that
    :func:`reproducible_zip` then read back and compressed again; the parts are
    taken here from the same writer steps, and compressed once.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    found = _Parts()
    PackageWriter._write_content_types_stream(found, parts)
    PackageWriter._write_pkg_rels(found, package.rels)
    PackageWriter._write_parts(found, parts)  # type: ignore[arg-type]
    return found


def reproducible_zip(parts: dict[str, bytes], date: dt.date) -> bytes:
    """The package with fixed timestamps and a stable entry order."""
    stamp = (max(date.year, 1980), date.month, date.day, 9, 0, 0)
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in parts]
    order = first + sorted(n for n in parts if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, parts[name], compresslevel=9)
    return out.getvalue()


def app_xml(kit: Kit) -> bytes:
    return APP_XML.format(company=xml_escape(clean(kit.release.organisation))).encode()
