"""What the build names its files: ``<slug>.<lang>.<ext>``, written here and nowhere else.

Its own module, importing nothing of pressctl, because a build with nothing to do needs the
names (to find each file's record in the manifest) and none of the stages
that make the files.
"""

from __future__ import annotations

from pathlib import Path

#: The gettext domain of the kit wording: ``locales/<lang>/LC_MESSAGES/pressctl.po``.
KIT_DOMAIN = "pressctl"
#: pressctl's reviewed kit wording per language, shipped as package data:
#: ``locale/<language>_<Script>/LC_MESSAGES/pressctl.po``.
SHIPPED_WORDING = Path(__file__).resolve().parent.parent / "locale"
#: The folder of a release's output folder that holds its pictures (``media/<name>``).
MEDIA = "media"
#: The file extension of each output format (the e-mail is a ``.eml`` message).
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "html": "html", "email": "eml"}


def file_name(slug: str, lang: str, fmt: str) -> str:
    """``bmw-launch.zh.html``: where the build writes a release's ``fmt`` in ``lang``."""
    return f"{slug}.{lang}.{EXTENSIONS.get(fmt, fmt)}"


def card_name(slug: str, lang: str) -> str:
    """The social card (Open Graph image) the page of ``lang`` writes beside itself."""
    return f"{slug}.{lang}.card.png"
