"""Make any release text storable in WordprocessingML.

XML 1.0 cannot hold most C0 control characters, U+FFFE/U+FFFF or lone
surrogates, and lxml refuses them; a stray one pasted into a seed must not
abort a build.  Markup characters (<, >, &, "]]>") need no care here: lxml
escapes them, so they come out exactly as written.
"""

from __future__ import annotations

import re

#: C0 controls except tab, newline and carriage return; the non-characters
#: and surrogates that UTF-8 XML cannot carry.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Vertical tab and form feed separate text: keep a space, not a glued word.
_SEPARATORS = re.compile("[\x0b\x0c]")


def clean(text: str) -> str:
    return _UNSTORABLE.sub("", _SEPARATORS.sub(" ", text))
