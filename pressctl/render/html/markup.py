"""HTML text: the one home of escaping, inline markup and ``lang`` on other-script runs.

Everything a page or an e-mail prints goes through :func:`esc` (the standard
library's ``html.escape``) or :func:`inline`; nothing else writes text into
markup, so no path leaves a ``<`` from a seed unescaped.
"""

from __future__ import annotations

import html
import re

from pressctl.core.lang import is_unspaced
from pressctl.core.script import CJK_LETTER_CLASS
from pressctl.source.inline import spans

#: A run of Latin words inside Chinese text (HUAWEI HiCar), or of Han inside English.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&'’.@+_\- ]*[A-Za-z0-9]|[A-Za-z]")
_CJK_RUN = re.compile(f"[{CJK_LETTER_CLASS}]+(?:[\\s·・]*[{CJK_LETTER_CLASS}]+)*")


def esc(text: str) -> str:
    """Text for an element or a double-quoted attribute."""
    return html.escape(text, quote=True)


#: JSON's own escapes for the characters that could end or re-open a ``<script>``.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: object) -> str:
    """``data`` as JSON to place inside ``<script>`` (JSON-LD).  A script's text is not
    HTML-decoded, so html.escape would corrupt it; JSON's \\u escapes keep the value
    and leave no ``</script>`` or ``<!--`` a release's text could smuggle in."""
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def other_script(text: str, lang: str) -> str:
    """``text`` escaped, with its runs in the other script wrapped in ``<span lang>``.

    A Chinese page says ``lang="en"`` on "HUAWEI HiCar" and an English page
    ``lang="zh"`` on 鸿蒙, so a screen reader switches voice and a browser picks
    the right font; the page's own script needs nothing.
    """
    pattern, other = (_LATIN_RUN, "en") if is_unspaced(lang) else (_CJK_RUN, "zh")
    out, end = [], 0
    for match in pattern.finditer(text):
        out.append(esc(text[end:match.start()]))
        out.append(f'<span lang="{other}">{esc(match.group())}</span>')
        end = match.end()
    out.append(esc(text[end:]))
    return "".join(out)


def inline(text: str, lang: str) -> str:
    """A seed's inline Markdown (bold, italic, code, links, breaks) as HTML; a draft kit's
    unreviewed text in ``<mark class="draft">`` (or ``"doubtful"``: the source standing in)."""
    out = []
    for span in spans(text):
        if span.br:
            out.append("<br>")
            continue
        piece = other_script(span.text, lang)
        if span.code:
            piece = f"<code>{piece}</code>"
        if span.emphasis:
            piece = f"<em>{piece}</em>"
        if span.strong:
            piece = f"<strong>{piece}</strong>"
        if span.href is not None:
            piece = f'<a href="{esc(span.href)}">{piece}</a>'
        if span.mark is not None:  # a draft kit's unreviewed text
            piece = f'<mark class="{span.mark}">{piece}</mark>'
        out.append(piece)
    return "".join(out)
