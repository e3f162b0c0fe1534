"""The diagonal DRAFT watermark of draft builds, as Word itself writes one.

Word's own watermark (Design › Watermark) is a VML text-path shape named
PowerPlusWaterMarkObject in the header; writing exactly that means Word can
remove it with one click when the release is approved, and LibreOffice
imports it as its own watermark, behind the text on every page.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from lxml import etree

from pressctl.core.script import ems as text_ems
from pressctl.render.docx.text import xml_escape

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
        "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6",
        "mid @8 @5", "mid @7 @8", "mid @6 @7", "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom"'
    ' o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight"'
    ' xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)


#: The average advance of the watermark's bold capitals ("DRAFT"), in ems.
CAPITALS_EMS = 0.62


def watermark_run(text: str, family: str, number: int) -> etree._Element:
    """A w:r holding the watermark; ``number`` keeps shape ids unique per header."""
    # the text path stretches to the box: size the box to the text's proportions
    ems = text_ems(text, CAPITALS_EMS) or 1.0
    height = 110
    width = min(round(height * ems), 460)
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;"
             "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
             "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
             "mso-position-vertical-relative:margin")
    xml = (
        f"<w:r {NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{SHAPETYPE}"
        f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}"'
        f' type="#_x0000_t136" style="{style}" o:allowincell="f" fillcolor="#d9d9d9"'
        ' stroked="f"><v:fill opacity=".6"/>'
        f'<v:textpath style="font-family:&quot;{xml_escape(family)}&quot;;font-size:1pt"'
        f' string="{xml_escape(text)}"/><w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r>"
    )
    return parse_xml(xml)
