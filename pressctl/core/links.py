"""Which link targets a published kit may carry: the one link policy.

A press kit is opened by journalists on their own machines and uploaded by
CI from whatever a pull request contains.  A link in it may only send the
reader to the web or start an e-mail: ``http``, ``https`` and ``mailto``.
Everything else is refused where it was typed — a ``file:`` or ``smb:`` URL
or a UNC path (``\\\\host\\share``) points into the reader's own network, a
``javascript:`` or ``data:`` URL runs or smuggles content, and a relative
path (``report.pdf``) or an in-document anchor (``#q3``) leads nowhere in a
PDF or a DOCX sent by e-mail (pressctl makes no anchors).

A web address is also refused when it shows the reader one site and leads to
another: a user name or password before the host (``https://bank.example@evil.example/``
goes to evil.example), an invisible character (a right-to-left override U+202E
that turns ``exe.pdf`` around on screen, a zero-width space or soft hyphen that
splits a name), or a host name that mixes Latin letters with Cyrillic or Greek
ones (``pаypal.com`` with a Cyrillic ``а``; ``xn--`` names are decoded first).
This is the rule browsers apply before they show a host name in Unicode (a
label in one script); no confusables library is a dependency of pressctl, and
the rule needs none.  So is a link whose words are themselves an address on another
site (``[https://bank.example](https://evil.example)``, :func:`text_problem`).  Pictures are not
links: a figure embeds a local file inside the project
(:mod:`pressctl.source.figures`).

Every place text enters asks :func:`problem`: the seed's body and front
matter (:mod:`pressctl.source.read`) and every catalog translation, kit
wording included (:func:`pressctl.catalogs.catalog.load`), so ``--draft``,
which skips QA, publishes nothing else either.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from pressctl.core.charnames import describe as describe_char

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
        if "@" not in text:
            return "a mailto: address without an e-mail address"
        return _deceptive(text, text.rpartition("@")[2].partition("?")[0])
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return f"{scheme}: with a malformed host name"
    if not host:
        return f"{scheme}: without a host name"
    if "@" in parts.netloc:
        return ("a user name or password before the host (user:password@host), "
                "which leads elsewhere than it reads")
    return _deceptive(text, host)


#: The scripts whose letters pass for Latin ones (а, е, о, р, с, у, х; ο, ν, ρ …).
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK")


def _deceptive(text: str, host: str) -> str | None:
    """Why the address ``text`` with ``host`` would show the reader something other than
    where it leads, or None: an invisible character anywhere (also inside an ``xn--``
    label: Markdown turns a Unicode host into one), or a host mixing Latin letters with
    Cyrillic or Greek ones."""
    labels = []
    for label in host.lower().split("."):
        if label.startswith("xn--"):
            try:  # the label as the reader's browser shows it, not validated (IDNA would
                label = label[4:].encode("ascii").decode("punycode")  # hide why)
            except UnicodeError:
                return f"the host name label {label!r}, which is not valid punycode"
        labels.append(label)
    shown = ".".join(labels)
    invisible = next((char for char in text + shown if unicodedata.category(char) == "Cf"),
                     None)
    if invisible is not None:
        return (f"the invisible character {describe_char(invisible)} in the address, "
                "which hides or reorders what the reader sees")
    latin = foreign = None
    for char in shown:
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "").split(" ")[0]
        if script == "LATIN":
            latin = latin or char
        elif script in _LOOKALIKE_SCRIPTS:
            foreign = foreign or char
    if latin and foreign:
        return (f"a host name mixing Latin letters with {describe_char(foreign)}, "
                "which imitates another site's name")
    return None


#: A link text that reads as an address: with a scheme, starting ``www.``, or an e-mail.
_SHOWN_ADDRESS = re.compile(
    r"^(?:(?:https?://)([^/?#\s:@]+)(?::\d+)?(?:[/?#]\S*)?"
    r"|(www\.[^/?#\s:@]+)(?:[/?#]\S*)?"
    r"|(?:mailto:)?[^\s@]+@([^\s@?]+))$", re.IGNORECASE)


def text_problem(shown: str, url: str) -> str | None:
    """Why a link whose words are ``shown`` misleads about ``url`` — its text is itself a web
    or e-mail address on another site (``[https://bank.example](https://evil.example)``) —
    or None.  A subdomain of the same site, either way round, is the same site."""
    found = _SHOWN_ADDRESS.match(shown.strip())
    if found is None:
        return None
    text_host = _site(next(group for group in found.groups() if group))
    target = unquote(url).strip()
    if target.lower().startswith("mailto:"):
        target_host = target.rpartition("@")[2].partition("?")[0]
    else:
        try:
            target_host = urlsplit(target).hostname or ""
        except ValueError:
            target_host = ""
    target_host = _site(target_host)
    if text_host == target_host or text_host.endswith("." + target_host) or \
            target_host.endswith("." + text_host):
        return None
    return (f"its text shows the address {shown.strip()[:40]!r} but it leads to "
            f"{target_host or target[:40]!r}")


def _site(host: str) -> str:
    """``host`` as one spelling: lower case, no ``www.``, no final dot, ``xn--`` form."""
    host = host.lower().rstrip(".").removeprefix("www.")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def describe(url: str, reason: str) -> str:
    """The message for a refused link: the URL as typed (shortened) and why."""
    url = unquote(url)
    shown = url if len(url) <= 60 else url[:57] + "…"
    return f"unsafe link {shown!r} ({reason}): a kit links only to web and mail addresses"
