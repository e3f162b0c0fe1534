"""Make any release text storable in WordprocessingML.

XML 1.0 cannot hold most C0 control characters, U+FFFE/U+FFFF or lone
surrogates, and lxml refuses them; a stray one pasted into a seed must not
abort a build.  Markup characters (<, >, &, "]]>") need no care here: lxml
escapes them, so they come out exactly as written.

python-docx refuses a core property (title, keywords …) longer than 255
characters with a ValueError; a long title or keyword list must not abort
a build either, so :func:`property_text` shortens it.

The few parts pressctl writes as XML strings itself (styles, font table,
watermark, app properties) escape their text with :func:`xml_escape`.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

#: C0 controls except tab, newline and carriage return; the non-characters
#: and surrogates that UTF-8 XML cannot carry.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Vertical tab and form feed separate text: keep a space, not a glued word.
_SEPARATORS = re.compile("[\x0b\x0c]")


def clean(text: str) -> str:
    return _UNSTORABLE.sub("", _SEPARATORS.sub(" ", text))


def xml_escape(text: str) -> str:
    """``text`` for XML written by hand: element text or a double-quoted attribute value."""
    return escape(text, {'"': "&quot;"})


#: The longest core property python-docx stores.
PROPERTY_LIMIT = 255


def property_text(text: str) -> str:
    """``text`` for a core property: cleaned, and cut to :data:`PROPERTY_LIMIT`
    characters at a word boundary with an ellipsis when it is longer."""
    text = clean(text)
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[:PROPERTY_LIMIT - 1]
    space = cut.rfind(" ")
    if space > PROPERTY_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,") + "…"
