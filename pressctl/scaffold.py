"""``pressctl new``: a new release from the template, with its catalogs created.

The template is a Markdown file shipped with pressctl (templates/seed.md), so
editors can see the format; it is filled with the config's defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from string import Template

from pressctl import catalogs
from pressctl.config import Config
from pressctl.errors import PressctlError
from pressctl.write import write_text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def new_release(config: Config, slug: str, *, title: str | None = None,
                date: dt.date | None = None) -> Path:
    if not SLUG.match(slug) or slug == "pressctl":
        raise PressctlError(f"{slug!r} is not a usable slug",
                            hint="use lowercase letters, digits and hyphens, e.g. 2025-q1-results")
    path = config.root / config.seeds_dir / f"{slug}.md"
    if path.exists():
        raise PressctlError("a release with this slug exists already", path=path)
    template = resources.files("pressctl").joinpath("templates/seed.md").read_text("utf-8")
    text = Template(template).substitute(
        title=title or slug.replace("-", " ").capitalize(),
        date=(date or dt.date.today()).isoformat(),
        lang=config.source_lang,
        organisation=config.organisation or "Your organisation",
    )
    write_text(path, text)
    catalogs.update_all(config)
    return path
