"""Fonts for the PDF: found through fontconfig, embedded and subset by reportlab.

reportlab embeds TrueType (``glyf``) fonts only.  WenQuanYi Zen Hei and the
like are used as they are; a CFF-flavoured OpenType font such as Noto Sans
CJK, Debian's default CJK font, is first cut down with fontTools to the
characters the document uses and its cubic outlines converted to quadratic
TrueType ones (the fontTools ``otf2ttf`` recipe).  Converting only the
document's few hundred glyphs takes about a second; converting all 65,000
would take minutes, so the result is cached, keyed on the font's content and
the character set, and the next build of the same document pays nothing.

CJK fonts set quotation marks and the ellipsis full width, right for
Chinese and glaring in English.  For a Latin-script document the converted
font maps them to the proportional forms of the font's own ``pwid``
feature, since reportlab applies no OpenType features itself.

The conversion is deterministic (fixed timestamps, no glyph names), so a
cached and a freshly converted font give byte-identical PDFs.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import struct
from dataclasses import dataclass

from pressctl.core.atomic import sha256_of_input, write_bytes
from pressctl.core.errors import MissingDependency, PressctlError
from pressctl.core.fonts import FontFile, FontSet, read_errors, unreadable
from pressctl.core.paths import cache_dir

#: Part of the cache key: bump it when the conversion itself changes.
CONVERTER = "pressctl-otf2ttf-3"
#: Maximum deviation of the quadratic from the cubic outline, in font units
#: (1/1000 em for Noto): invisible at any print size.
MAX_ERROR = 1.0
#: Characters every kit may draw besides its own text: ASCII for figures,
#: page numbers and the footer, and the typographic marks the layout adds.
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u00a0—–“”‘’•·…€%（）：，。"


@dataclass(frozen=True)
class PdfFonts:
    """reportlab names of the registered fonts, and the files they came from."""

    regular: str
    bold: str
    files: FontSet
    converted: bool  # whether a CFF font was converted (or taken from the cache)
    bold_data: bytes | None = None  # the converted bold font, for outlines

    @property
    def family(self) -> str:
        return self.files.regular.family


def is_cff(font: FontFile) -> bool:
    from fontTools.ttLib import TTFont

    with TTFont(str(font.path), fontNumber=font.index, lazy=True) as face:
        return "CFF " in face or "CFF2" in face


#: Tables the converted font leaves out: reportlab does no shaping and sets no vertical text.
DROPPED = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG")

#: Characters a CJK font draws full width that Latin text wants proportional.
PROPORTIONAL = "‘’“”…"


def _feature_substitutions(face: object, feature: str, chars: str) -> dict[int, str]:
    """Code point → glyph name for ``chars`` under a single-substitution GSUB feature."""
    cmap = face.getBestCmap()  # type: ignore[attr-defined]
    if "GSUB" not in face:  # type: ignore[operator]
        return {}
    table = face["GSUB"].table  # type: ignore[index]
    wanted = {cmap[ord(c)]: ord(c) for c in chars if ord(c) in cmap}
    found: dict[int, str] = {}
    for record in table.FeatureList.FeatureRecord if table.FeatureList else ():
        if record.FeatureTag != feature:
            continue
        for index in record.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[index]
            for sub in lookup.SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                for glyph, alternate in (getattr(sub, "mapping", None) or {}).items():
                    if glyph in wanted:
                        found.setdefault(wanted[glyph], alternate)
    return found


def to_truetype(font: FontFile, chars: str, latin: bool = False, tag: str = "") -> bytes:
    """Subset ``font`` to ``chars`` and convert its CFF outlines to TrueType.

    ``latin``: map :data:`PROPORTIONAL` to the font's proportional forms.
    ``tag`` is appended to the PostScript name: reportlab treats two fonts
    with one PostScript name as one font, and the English and the Chinese
    subset of Noto Sans CJK hold different glyphs.
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    face = TTFont(str(font.path), fontNumber=font.index, recalcTimestamp=False,
                  recalcBBoxes=True, lazy=True)
    remap = _feature_substitutions(face, "pwid", PROPORTIONAL) if latin else {}
    options = subset.Options()
    options.layout_features = []  # reportlab does no shaping
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # hints stay in the CFF outlines, which are drawn into TrueType ones without them and
    # dropped: removing them first made the subsetter run every charstring again
    options.hinting = True
    options.drop_tables += list(DROPPED)
    # gone before the subsetter sees them: it would read all of Noto's GSUB and GPOS
    # (a sixth of a first build) to compact tables it then drops
    for table in DROPPED:
        if table in face:
            del face[table]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars}, glyphs=set(remap.values()))
    subsetter.subset(face)
    for table in face["cmap"].tables:
        for code, glyph in remap.items():
            if code in table.cmap and glyph in face.getGlyphOrder():
                table.cmap[code] = glyph
    if "CFF2" in face:
        raise MissingDependency(f"{font.path.name}: variable CFF2 fonts are not supported",
                                hint="configure a static font in [tool.pressctl.fonts]")

    order = face.getGlyphOrder()
    glyph_set = face.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()

    face["loca"] = newTable("loca")
    glyf = face["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del face["CFF "]
    for glyph in glyphs.values():  # the bounds, for hmtx and head, without compiling twice
        glyph.recalcBounds(glyf)
    hmtx = face["hmtx"]
    for name, glyph in glyphs.items():  # left side bearing = xMin of the new outline
        width, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0))
    maxp = face["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    if tag:
        for record in face["name"].names:
            if record.nameID == 6:
                record.string = f"{record.toUnicode()}-{tag}"
    post = face["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    face.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


def converted(font: FontFile, chars: str, latin: bool = False) -> tuple[str, bytes]:
    """The converted font for ``chars`` and its cache key, from the cache when possible."""
    import fontTools

    wanted = "".join(sorted(set(chars)))
    key = hashlib.sha256("\0".join(
        (CONVERTER, fontTools.version, sha256_of_input(font.path), str(font.index),
         "latin" if latin else "cjk", wanted)
    ).encode()).hexdigest()
    path = cache_dir("fonts") / f"{font.path.stem}-{font.index}-{key[:24]}.ttf"
    try:
        return key, path.read_bytes()
    except OSError:
        pass
    data = to_truetype(font, wanted, latin, tag=key[:6])
    # renamed into place whole: a concurrent build never reads half a font;
    # an unwritable cache only costs time
    with contextlib.suppress(OSError, PressctlError):
        write_bytes(path, data)
    return key, data


def ahead(font: FontFile, text: str, latin: bool = False) -> None:
    """Convert ``font`` for a document made of ``text`` into the cache, as :func:`register`
    will ask for it: ahead of the document, in another process (``build``'s workers)."""
    if _needs_conversion(font):
        converted(font, ALWAYS + text, latin)


def _needs_conversion(font: FontFile) -> bool:
    """Whether ``font`` is CFF-flavoured (converted before reportlab embeds it); a file
    fontTools cannot read is the one message of :func:`unreadable`."""
    try:
        return is_cff(font)
    except read_errors() as exc:
        raise unreadable(font.path, exc) from None


def _register(font: FontFile, chars: str, latin: bool) -> tuple[str, bytes | None]:
    """Register ``font`` with reportlab under a name unique to its content."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from pressctl.render.pdf.tounicode import ArchivalTTFont as TTFont

    if _needs_conversion(font):
        key, data = converted(font, chars, latin)
        name = f"pressctl-{key[:16]}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        return name, data
    name = f"pressctl-{sha256_of_input(font.path)[:16]}-{font.index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
        except (TTFError, struct.error, KeyError) as exc:  # what a cut or damaged file raises
            raise MissingDependency(f"reportlab cannot use font {font.path}: {exc}",
                                    hint="configure another font in [tool.pressctl.fonts]"
                                    ) from None
    return name, None


def register(files: FontSet, text: str, latin: bool = False) -> PdfFonts:
    """Make ``files`` usable by reportlab for a document made of ``text``.

    ``latin``: the document is in a Latin script (proportional quotes).

    A bold-less family (WenQuanYi Zen Hei) sets bold in the regular face;
    the family mapping makes reportlab's ``<b>`` pick the bold face.
    """
    from reportlab.pdfbase import pdfmetrics

    chars = ALWAYS + text
    regular, regular_data = _register(files.regular, chars, latin)
    bold, bold_data = ((regular, regular_data) if files.bold == files.regular
                       else _register(files.bold, chars, latin))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                  boldItalic=bold)
    return PdfFonts(regular, bold, files, regular_data is not None, bold_data)


def draw_outlines(fonts: PdfFonts, text: str, path: object) -> tuple[float, int]:
    """Add the bold glyph outlines of ``text`` to a reportlab ``path``.

    For marks that must not be text — the DRAFT watermark would otherwise
    land in the middle of the extracted body text.  Returns the advance
    width and units per em, the scale of the coordinates.
    """
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    if fonts.bold_data is not None:
        face = TTFont(io.BytesIO(fonts.bold_data), lazy=True)
    else:
        face = TTFont(str(fonts.files.bold.path), fontNumber=fonts.files.bold.index, lazy=True)
    cmap = face.getBestCmap()
    glyphs = face.getGlyphSet()
    hmtx = face["hmtx"]
    offset = [0.0]

    class PathPen(BasePen):  # type: ignore[misc]
        def _moveTo(self, pt: tuple[float, float]) -> None:  # noqa: N802 - fontTools' name
            path.moveTo(pt[0] + offset[0], pt[1])  # type: ignore[attr-defined]

        def _lineTo(self, pt: tuple[float, float]) -> None:  # noqa: N802
            path.lineTo(pt[0] + offset[0], pt[1])  # type: ignore[attr-defined]

        def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float],  # noqa: N802
                        p3: tuple[float, float]) -> None:
            x = offset[0]
            path.curveTo(p1[0] + x, p1[1], p2[0] + x, p2[1], p3[0] + x,  # type: ignore[attr-defined]
                         p3[1])

        def _closePath(self) -> None:  # noqa: N802
            path.close()  # type: ignore[attr-defined]

    pen = PathPen(glyphs)
    for char in text:
        name = cmap.get(ord(char))
        if name is None:
            continue
        glyphs[name].draw(pen)
        offset[0] += hmtx[name][0]
    return offset[0], int(face["head"].unitsPerEm)
