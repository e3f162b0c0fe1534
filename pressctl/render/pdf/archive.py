"""PDF/A-2u for every PDF pressctl writes: the post-processing after reportlab.

reportlab writes a good PDF but not an archival one: no XMP metadata, no
output intent for its DeviceRGB colours, annotations without print flags,
and streams whose ``/Length`` and end-of-line markers are not as ISO 19005
wants them.  :func:`finish` opens reportlab's bytes with pikepdf, writes the
structure tree of the tagged PDF, then adds what PDF/A-2u and the
identification and metadata rules of PDF/UA-1 ask for and saves the file
again.  It is the one writer of the document's metadata (Info, XMP, ``/Lang``,
the title preference): reportlab is given none, so nothing is written twice.
ToUnicode maps are fixed earlier, where reportlab writes them
(:mod:`pressctl.render.pdf.tounicode`).

Everything is derived from :class:`ArchiveMeta` (the release) and
constants: the dates are the release date, the document ID is computed
from the content, the colour profile has a fixed header date.  The same
release gives the same bytes on any day, which ``--check`` and incremental
builds rely on.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

#: The profile's name in the output intent (the ICC registry's name for sRGB).
SRGB = "sRGB IEC61966-2.1"

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class ArchiveMeta:
    """What the document says about itself, in its Info dictionary and its XMP."""

    title: str
    lang: str  # BCP 47 tag of the document (the catalog's /Lang)
    creator: str  # the organisation that issues the release
    subject: str
    keywords: tuple[str, ...]
    date: dt.date  # the release date: creation and modification date alike
    #: the other languages the document is written in (the bilingual edition's second
    #: column), listed after ``lang`` in ``dc:language``
    also: tuple[str, ...] = ()

    @property
    def pdf_date(self) -> str:
        """The date as the Info dictionary writes it (ISO 32000-1 7.9.4)."""
        return f"D:{self.date:%Y%m%d}000000+00'00'"

    @property
    def xmp_date(self) -> str:
        """The same instant as XMP writes it (ISO 8601)."""
        return f"{self.date:%Y-%m-%d}T00:00:00+00:00"

    @property
    def keyword_text(self) -> str:
        """Keywords as one string, as reportlab joins them for the Info dictionary."""
        return ", ".join(self.keywords)


@functools.cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (lcms2's built-in, through Pillow), the same bytes every time.

    lcms stamps the creation time into the header (bytes 24–35) and writes
    version 4.4; the date is set to a fixed 2000-01-01 and the version to
    4.2, the ICC.1:2004-10 that PDF/A-2 cites (the profile's tags — matrix,
    parametric curves, ``mluc`` text — are the same in both).  The profile
    ID stays zero ("not computed").  Building it takes about a millisecond;
    it is cached for the process.
    """
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[8:12] = bytes((4, 0x20, 0, 0))
    data[24:36] = b"".join(n.to_bytes(2, "big") for n in (2000, 1, 1, 0, 0, 0))
    data[84:100] = bytes(16)
    return bytes(data)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _add(parent: ET.Element, name: str, text: str | None = None,
         **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(name), {(_q(k.replace("_", ":")) if "_" in k else k): v
                                               for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _container(parent: ET.Element, name: str, kind: str, items: list[str],
               lang: bool = False) -> None:
    holder = _add(_add(parent, name), f"rdf:{kind}")
    for item in items:
        li = _add(holder, "rdf:li", item)
        if lang:
            li.set(XML_LANG, "x-default")


def xmp(meta: ArchiveMeta, producer: str) -> bytes:
    """The XMP packet: Dublin Core, XMP basic and PDF properties equal to the
    Info dictionary's, the PDF/A-2u and PDF/UA-1 identification, and the
    extension schema that declares ``pdfuaid`` (not predefined in PDF/A-2).

    pikepdf's ``open_metadata`` sets the simple properties well but has no
    way to write the nested ``pdfaExtension`` description, and it stamps the
    clock into ``xmp:MetadataDate``; the packet is small and fixed, so it is
    built here with ElementTree, which does the escaping.
    """
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("x:xmpmeta"))
    rdf = _add(root, "rdf:RDF")
    about = {_q("rdf:about"): ""}
    desc = ET.SubElement(rdf, _q("rdf:Description"), about)
    _container(desc, "dc:title", "Alt", [meta.title], lang=True)
    if meta.creator:
        _container(desc, "dc:creator", "Seq", [meta.creator])
    if meta.subject:
        _container(desc, "dc:description", "Alt", [meta.subject], lang=True)
    _container(desc, "dc:language", "Bag", list(dict.fromkeys((meta.lang, *meta.also))))
    if meta.keywords:
        _container(desc, "dc:subject", "Bag", list(meta.keywords))
        _add(desc, "pdf:Keywords", meta.keyword_text)
    _add(desc, "pdf:Producer", producer)
    _add(desc, "xmp:CreatorTool", "pressctl")
    for name in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        _add(desc, name, meta.xmp_date)
    _add(desc, "pdfaid:part", "2")
    _add(desc, "pdfaid:conformance", "U")
    _add(desc, "pdfuaid:part", "1")
    schemas = _add(_add(desc, "pdfaExtension:schemas"), "rdf:Bag")
    schema = _add(schemas, "rdf:li", rdf_parseType="Resource")
    _add(schema, "pdfaSchema:schema", "PDF/UA Universal Accessibility Schema")
    _add(schema, "pdfaSchema:namespaceURI", NS["pdfuaid"])
    _add(schema, "pdfaSchema:prefix", "pdfuaid")
    prop = _add(_add(_add(schema, "pdfaSchema:property"), "rdf:Seq"), "rdf:li",
                rdf_parseType="Resource")
    _add(prop, "pdfaProperty:name", "part")
    _add(prop, "pdfaProperty:valueType", "Integer")
    _add(prop, "pdfaProperty:category", "internal")
    _add(prop, "pdfaProperty:description",
         "Indicates which part of ISO 14289 standard is followed")
    ET.indent(root, " ")
    body = ET.tostring(root, encoding="unicode")
    return (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n'
            '<?xpacket end="w"?>').encode()


def _info(pdf: pikepdf.Pdf, meta: ArchiveMeta) -> str:
    """Write the Info dictionary from ``meta`` (PDF/A requires it to equal the
    XMP); the producer reportlab wrote, for the XMP."""
    import pikepdf

    info = pdf.docinfo
    info.Title = pikepdf.String(meta.title)
    info.CreationDate = pikepdf.String(meta.pdf_date)
    info.ModDate = pikepdf.String(meta.pdf_date)
    info.Creator = pikepdf.String("pressctl")
    for key, value in (("/Author", meta.creator), ("/Subject", meta.subject),
                       ("/Keywords", meta.keyword_text)):
        if value:
            info[key] = pikepdf.String(value)
        elif key in info:
            del info[key]
    if "/Trapped" in info:  # optional, and XMP would need pdf:Trapped to match
        del info["/Trapped"]
    producer = str(info.get("/Producer", "")) or "pressctl"
    info.Producer = pikepdf.String(producer)
    return producer


def _output_intent(pdf: pikepdf.Pdf) -> None:
    import pikepdf

    profile = pdf.make_stream(srgb_profile(), N=3)
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB), Info=pikepdf.String(SRGB),
        RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=profile,
    ))])


#: Annotation flags PDF/A forbids: Invisible, Hidden, NoView, ToggleNoView.
HIDING = 1 | 2 | 32 | 256
PRINT = 4


def _annotations(pdf: pikepdf.Pdf) -> None:
    """Printable annotations with a text alternative (PDF/A 6.3.2, PDF/UA 7.18.1).

    A link's ``/Contents`` is its URI unless the tagging step gave it the
    link's text already.
    """
    import pikepdf

    for page in pdf.pages:
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            flags = int(annot.get("/F", 0))
            annot.F = (flags | PRINT) & ~HIDING
            if str(annot.get("/Contents", "")).strip():
                continue
            action = annot.get("/A")
            target = (str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary)
                      else "")
            annot.Contents = pikepdf.String(target or str(annot.get("/Subtype", "/Link"))[1:])


def finish(data: bytes, meta: ArchiveMeta, structure_tree: Callable[[pikepdf.Pdf], None]
           ) -> bytes:
    """reportlab's ``data`` as PDF/A-2u: write the structure tree (``structure.structure``)
    into the opened PDF, then all of the document's metadata — the Info dictionary, the
    XMP, ``/Lang``, the viewer preference to show the title — the sRGB output intent,
    annotation flags, and save with every stream rewritten (exact ``/Length``, EOL
    markers) and an ID computed from the content.  reportlab writes no metadata of its
    own (invariant mode): this is the one place it is written."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        structure_tree(pdf)
        producer = _info(pdf, meta)
        root = pdf.Root
        root.Metadata = pdf.make_stream(xmp(meta, producer), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)
        root.Lang = pikepdf.String(meta.lang)
        prefs = root.get("/ViewerPreferences")
        if not isinstance(prefs, pikepdf.Dictionary):
            prefs = root.ViewerPreferences = pikepdf.Dictionary()
        prefs.DisplayDocTitle = True
        _output_intent(pdf)
        _annotations(pdf)
        # the permanent ID (the first element) from this document's content too: qpdf keeps
        # a first element it finds, and reportlab's, made from no metadata, is one for all
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False, min_version="1.7",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    return _no_cr_before_endstream(out.getvalue())


def _no_cr_before_endstream(data: bytes) -> bytes:
    """``data`` with no stream whose encoded bytes end in CR.

    qpdf writes ``\\nendstream`` after a stream's bytes; when they end in CR
    (a zlib stream ends with its Adler-32, so one stream in 256 does), a PDF/A
    checker reads the CR LF as the end-of-line marker and finds ``/Length`` one
    byte too long.  Such a stream gets an ASCII85 filter in front of its own
    (allowed in PDF/A-2; its data ends with ``~>``) and the file is saved again,
    streams untouched otherwise, so the bytes stay a function of the input."""
    if b"\r\nendstream" not in data:
        return data
    import base64

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            raw = obj.read_raw_bytes()
            if not raw.endswith(b"\r"):
                continue
            filter_ = obj.get("/Filter")
            filters: list[pikepdf.Object] = (list(filter_) if isinstance(filter_, pikepdf.Array)
                                             else [] if filter_ is None else [filter_])
            parm = obj.get("/DecodeParms")
            parms = pikepdf.Array([None, *(parm if isinstance(parm, pikepdf.Array)
                                           else [parm] * len(filters))])
            obj.write(base64.a85encode(raw, adobe=True)[2:],
                      filter=pikepdf.Array([pikepdf.Name.ASCII85Decode, *filters]),
                      decode_parms=parms if parm is not None else None)
        # the permanent ID (the first element) from this document's content too: qpdf keeps
        # a first element it finds, and reportlab's, made from no metadata, is one for all
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False, min_version="1.7",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    return out.getvalue()
