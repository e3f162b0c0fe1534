"""``render(kit, path)`` for the ``html`` format: the page, and its social card beside it."""

from __future__ import annotations

from pathlib import Path

from pressctl.core.atomic import write_bytes
from pressctl.kit import Kit
from pressctl.kit.web import card_name
from pressctl.render.html import assets, page


def render(kit: Kit, path: Path) -> None:
    """Write the page to ``path`` (the build's temporary name) and the 1200×630 card the
    page's Open Graph tags name, in the final folder (written atomically itself)."""
    path.write_text(page.document(kit), encoding="utf-8", newline="\n")
    release = kit.release
    fonts = kit.faces  # resolved by make_kit
    line = kit.release_label if kit.embargo is not None else kit.date_text
    card = assets.social_card(release.title, release.organisation, line, kit.colour,
                              fonts.regular.path, fonts.regular.index, fonts.bold.path,
                              fonts.bold.index)
    write_bytes(path.parent / card_name(release.slug, kit.lang), card)
