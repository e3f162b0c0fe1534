"""``build(kit)`` for the ``email`` format: an RFC 5322 message, ready to send.

``multipart/alternative``: a plain-text part, and an HTML part (``multipart/
related`` with the pictures as inline ``cid:`` parts).  The HTML is the web
edition's article inside a 600-pixel table, with every CSS rule inlined
(css-inline): Outlook and Gmail ignore style sheets and CSS variables.
``X-Unsent: 1`` makes Outlook open it as a draft to address and send.

The bytes depend on the release alone: the Date is the release's moment, the
Content-IDs and MIME boundaries are derived from the content, never random.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from pressctl.kit import Kit
from pressctl.render.email.text import plain_text
from pressctl.render.html import assets
from pressctl.render.html.markup import esc, other_script
from pressctl.render.html.page import article, banner, css
from pressctl.source.release import BlockKind

#: Rules the e-mail adds after the page's: a fixed 600-pixel column, no web-only parts.
EMAIL_CSS = """
body { margin: 0; padding: 0; background: #f3f4f6; }
.shell { width: 100%; background: #f3f4f6; table-layout: fixed; }
.frame { border-bottom: 0; padding: 0; }
.column { width: 100%; max-width: 600px; background: #ffffff; border-top: 6px solid BRAND; }
.inner { padding: 24px 16px; border-bottom: 0; overflow-wrap: anywhere; }
.column { table-layout: fixed; }
.picture img { width: 100%; max-width: 552px; height: auto; }
"""
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def subject(kit: Kit) -> str:
    """The title; under embargo, the embargo first, so no one forwards it unread."""
    title = kit.release.title
    if kit.embargo is not None:
        return f"[{kit.release_label}] {title}"
    return f"[{kit.t('DRAFT')}] {title}" if kit.draft else title


def _html(kit: Kit, cids: dict[str, str]) -> str:
    import css_inline

    colour_css = css(kit.colour)
    values = {"--brand": assets.hex_of(assets.rgb_of(kit.colour)),
              "--brand-ink": assets.ink(kit.colour), "--brand-tint": assets.tint(kit.colour)}
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[0])):
        colour_css = colour_css.replace(f"var({name})", value)
    colour_css = colour_css.split("\n", 1)[1]  # the :root variables: resolved above
    colour_css = colour_css.replace("*, *::before, *::after { box-sizing: border-box; }", "")
    sheet = colour_css + EMAIL_CSS.replace("BRAND", values["--brand"])
    body = article(kit, images=cids, chart=False)
    page = (f'<!DOCTYPE html>\n<html lang="{esc(kit.tag)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(kit.release.title)}</title>\n<style>{sheet}</style>\n</head>\n<body>\n"
            '<table role="presentation" class="shell" width="100%" cellpadding="0" '
            'cellspacing="0" border="0"><tr><td class="frame" align="center">\n'
            # Outlook on Windows knows no max-width: its own conditional table holds the
            # column at 600 pixels, while every other client lets it narrow on a phone
            '<!--[if mso]><table role="presentation" width="600" cellpadding="0" '
            'cellspacing="0" border="0"><tr><td><![endif]-->\n'
            '<table role="presentation" class="column" width="100%" cellpadding="0" '
            'cellspacing="0" border="0"><tr><td class="inner">\n'
            f'<p class="organisation">{other_script(kit.release.organisation, kit.lang)}</p>\n'
            f"{banner(kit)}\n<main>{body}</main>\n</td></tr></table>\n"
            "<!--[if mso]></td></tr></table><![endif]-->\n</td></tr></table>\n"
            "</body>\n</html>\n")
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return str(inliner.inline(page))


def _moment(kit: Kit) -> dt.datetime:
    if kit.release.embargo is not None:
        return kit.release.embargo
    day = kit.release.date
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def message(kit: Kit) -> EmailMessage:
    release = kit.release
    pictures = list(dict.fromkeys(b.image for b in release.blocks
                                  if b.kind is BlockKind.FIGURE and b.image is not None))
    cids = {str(path): f"figure{number}.{release.slug}.{kit.lang}@pressctl.invalid"
            for number, path in enumerate(pictures, 1)}
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = subject(kit)
    sender = next((m.group() for line in release.contact for m in [ADDRESS.search(line)] if m),
                  None)
    if sender:  # the display name in the message's language, RFC 2047-encoded when it must be
        msg["From"] = Address(display_name=release.organisation, addr_spec=sender)
    msg["Date"] = format_datetime(_moment(kit))
    msg["X-Unsent"] = "1"
    if kit.embargo is not None:
        msg["X-Embargo"] = kit.embargo.isoformat()
    msg.set_content(plain_text(kit), cte="quoted-printable")
    msg.add_alternative(_html(kit, {k: f"cid:{v}" for k, v in cids.items()}), subtype="html",
                        cte="quoted-printable")
    html_part = msg.get_payload()[1]  # type: ignore[index]
    assert isinstance(html_part, EmailMessage)
    for path in pictures:
        copy = _copy(path)
        maintype, subtype = copy.mime.split("/")
        html_part.add_related(copy.data, maintype, subtype, cid=f"<{cids[str(path)]}>",
                              filename=Path(path).stem + ("." + subtype.replace("jpeg", "jpg")),
                              disposition="inline")
    msg["Content-Language"] = kit.tag  # after set_content, which clears Content-* headers
    _fix_boundaries(msg)
    return msg


def _copy(path: Path) -> assets.Copy:
    """The copy 2× the 600-pixel column, or the largest there is."""
    copies = assets.picture_copies(path)
    return next((c for c in copies if c.width >= 1200), copies[-1])


def _fix_boundaries(msg: EmailMessage) -> None:
    """MIME boundaries from the content's hash, not the generator's random numbers."""
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            digest = hashlib.sha256()
            for leaf in part.walk():
                if not leaf.is_multipart():
                    digest.update(leaf.get_payload(decode=True) or b"")  # type: ignore[arg-type]
            part.set_boundary(f"=_pressctl_{number}_{digest.hexdigest()[:24]}")


def build(kit: Kit) -> bytes:
    """The message's bytes, CRLF line ends as mail transports expect."""
    return message(kit).as_bytes(policy=email.policy.SMTP)
