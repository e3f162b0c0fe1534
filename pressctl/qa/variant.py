"""Script variant: a Simplified character left in a Taiwan or Hong Kong translation.

A Traditional catalog drafted by OpenCC and then edited by hand, or pasted
from a Simplified one, can keep a character a Taiwan or Hong Kong reader
sees at once (宝马 for 寶馬).  :func:`pressctl.core.hant.simplified` decides, with
OpenCC's own tables read in context (皇后 and 干擾 are Traditional too, and
Hong Kong's own forms such as 户 in 用户 pass in a Hong Kong catalog).
"""

from __future__ import annotations

from pressctl.core.hant import simplified
from pressctl.core.lang import is_traditional
from pressctl.core.script import has_cjk_letters
from pressctl.qa.base import Finding, Pair
from pressctl.qa.text import mask

CHECK = "script"


def check(pair: Pair) -> list[Finding]:
    if not is_traditional(pair.target_lang) or not has_cjk_letters(pair.target):
        return []
    text = mask(pair.target, pair.flags)
    found = simplified(text, pair.target_lang)
    if not found:
        return []
    chars = "".join(dict.fromkeys(c for _, c, _ in found))
    forms = "".join(dict.fromkeys(t for _, _, t in found))
    return [Finding(CHECK, f"Simplified character(s) “{chars}” in a {pair.target_lang} "
                           f"translation; Traditional: “{forms}”", chars)]
