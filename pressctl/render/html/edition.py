"""The ``html`` format: the page (``build``), and its social card beside it (``card``)."""

from __future__ import annotations

from pathlib import Path

from pressctl.core.atomic import write_bytes
from pressctl.core.names import card_name
from pressctl.kit import Kit
from pressctl.render.html import assets, page


def build(kit: Kit) -> bytes:
    """The page's bytes (UTF-8, LF line ends)."""
    return page.document(kit).encode("utf-8")


def card(kit: Kit, folder: Path) -> None:
    """The 1200×630 card the page's Open Graph tags name, written (atomically) into the
    release's folder beside the page."""
    release = kit.release
    fonts = kit.faces  # resolved by make_kit
    line = kit.release_label if kit.embargo is not None else kit.date_text
    data = assets.social_card(release.title, release.organisation, line, kit.colour,
                              fonts.regular.path, fonts.regular.index, fonts.bold.path,
                              fonts.bold.index)
    write_bytes(folder / card_name(release.slug, kit.lang), data)
