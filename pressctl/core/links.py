"""Which link targets a published kit may carry: the one link policy.

A press kit is opened by journalists on their own machines and uploaded by
CI from whatever a pull request contains.  A link in it may only send the
reader to the web or start an e-mail: ``http``, ``https`` and ``mailto``.
Everything else is refused where it was typed — a ``file:`` or ``smb:`` URL
or a UNC path (``\\\\host\\share``) points into the reader's own network, a
``javascript:`` or ``data:`` URL runs or smuggles content, and a relative
path (``report.pdf``) or an in-document anchor (``#q3``) leads nowhere in a
PDF or a DOCX sent by e-mail (pressctl makes no anchors).  Pictures are not
links: a figure embeds a local file inside the project
(:mod:`pressctl.source.figures`).

Every place text enters asks :func:`problem`: the seed's body and front
matter (:mod:`pressctl.source.read`) and every catalog translation, kit
wording included (:func:`pressctl.catalogs.catalog.load`), so ``--draft``,
which skips QA, publishes nothing else either.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

#: The schemes a kit's links may use.
ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
#: What to write instead, for every refusal.
HINT = "link to an https:// (or http://) address or a mailto: address"


def problem(url: str) -> str | None:
    """Why a kit must not link to ``url`` (a short reason), or None when it may."""
    text = unquote(url).strip()
    if text.startswith(("\\", "//")):
        return "a network path"
    if _DRIVE.match(text):
        return "a Windows path"
    found = _SCHEME.match(text)
    if found is None:
        if text.startswith("#"):
            return "an in-document anchor, which a kit has nothing to jump to"
        return "a relative path, which leads nowhere once the kit is sent"
    scheme = found.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"the scheme {scheme}:"
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        return "a control character in the address"
    if scheme == "mailto":
        return None if "@" in text else "a mailto: address without an e-mail address"
    try:
        host = urlsplit(text).hostname
    except ValueError:
        host = None
    return None if host else f"{scheme}: without a host name"


def describe(url: str, reason: str) -> str:
    """The message for a refused link: the URL as typed (shortened) and why."""
    url = unquote(url)
    shown = url if len(url) <= 60 else url[:57] + "…"
    return f"unsafe link {shown!r} ({reason}): a kit links only to web and mail addresses"
