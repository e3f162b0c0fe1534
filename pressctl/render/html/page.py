"""The web page of one release in one language: semantic HTML5 around the article.

The article (:func:`article`) is what the feeds and the e-mail carry too; the
page adds the head (canonical URL, hreflang alternates, Open Graph, JSON-LD),
the masthead with the language switcher, the embargo or draft banner and the
downloads.  Text comes from the Kit only — the same wording, dates and figures
as the PDF and the DOCX.
"""

from __future__ import annotations

from importlib import resources

from pressctl.core.names import card_name
from pressctl.kit import Kit, pull_quote, pull_quote_marked, split_speaker
from pressctl.kit.web import Web
from pressctl.render.html import assets
from pressctl.render.html.markup import esc, inline, other_script, script_json
from pressctl.render.table_layout import alignments, is_figure
from pressctl.source.inline import plain
from pressctl.source.release import Block, BlockKind, ListKind

#: Labels of the download links: the format's usual name, the same in every language.
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)"}


def css(colour: str) -> str:
    """The style sheet, from the package's ``style.css`` (an editor's file), coloured."""
    sheet = resources.files("pressctl.render.html").joinpath("style.css").read_text("utf-8")
    return (f":root{{--brand:{assets.hex_of(assets.rgb_of(colour))};"
            f"--brand-ink:{assets.ink(colour)};--brand-tint:{assets.tint(colour)}}}\n"
            + sheet)


def _t(kit: Kit, text: str) -> str:
    return other_script(text, kit.lang)


def _heading(kit: Kit, block: Block) -> str:
    level = 2 if block.level <= 2 else 3
    return f"<h{level}>{inline(block.text, kit.lang)}</h{level}>"


def _pull(kit: Kit, block: Block) -> str:
    speaker = ""
    if block.speaker:
        name, rest = split_speaker(plain(block.speaker))
        dash = "——" if kit.cjk else "— "
        speaker = f"<figcaption>{dash}<b>{_t(kit, name)}</b>{_t(kit, rest)}</figcaption>"
    marked = pull_quote_marked(kit, block)
    words = inline(marked, kit.lang) if marked else _t(kit, pull_quote(kit, block))
    return (f'<figure class="pull"><blockquote><p>{words}</p>'
            f"</blockquote>{speaker}</figure>")


def _table(kit: Kit, block: Block) -> str:
    aligns = alignments(block)
    header, *rows = block.rows

    def cell(tag: str, text: str, column: int, scope: str) -> str:
        align = aligns[column] if column < len(aligns) else ""
        klass = {"right": ' class="num"', "center": ' class="center"'}.get(align, "")
        if not klass and tag == "td" and is_figure(plain(text)):
            klass = ' class="num"'
        return f'<{tag}{scope}{klass}>{inline(text, kit.lang)}</{tag}>'

    head = "".join(cell("th", text, i, ' scope="col"') for i, text in enumerate(header))
    body = "".join(
        "<tr>" + "".join(cell("th" if i == 0 else "td", text, i, ' scope="row"' if i == 0 else "")
                         for i, text in enumerate(row)) + "</tr>" for row in rows)
    return (f'<div class="table-wrap" role="region" tabindex="0" aria-label="'
            f'{esc(plain(header[0]))}"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _figure(kit: Kit, block: Block, images: dict[str, str] | None) -> str:
    if block.image is None:
        return ""
    alt = esc(plain(block.text))
    caption = inline(block.text, kit.lang)
    credit = f' <span class="credit">{_t(kit, block.credit)}</span>' if block.credit else ""
    if images is not None:  # the e-mail: one inline part, by Content-ID
        img = f'<img src="{esc(images[str(block.image)])}" alt="{alt}" width="600">'
    else:
        copies = assets.picture_copies(block.image)
        largest = copies[-1]
        srcset = ", ".join(f"{c.uri} {c.width}w" for c in copies)
        img = (f'<img src="{copies[0].uri}" srcset="{srcset}" sizes="(min-width: 46rem) 44rem, '
               f'calc(100vw - 2rem)" width="{largest.width}" height="{largest.height}" '
               f'alt="{alt}" decoding="async">')
    return f'<figure class="picture">{img}<figcaption>{caption}{credit}</figcaption></figure>'


def _lists(kit: Kit, blocks: list[Block]) -> str:
    """Consecutive list items as nested ``ul``/``ol`` (depth 0 and 1)."""
    out: list[str] = []
    open_tags: list[str] = []
    for block in blocks:
        tag = "ol" if block.list_kind is ListKind.ORDERED else "ul"
        while len(open_tags) > block.depth + 1:
            out.append(f"</li></{open_tags.pop()}>")
        if len(open_tags) < block.depth + 1:
            start = f' start="{block.number}"' if tag == "ol" and block.number > 1 else ""
            out.append(f"<{tag}{start}>")
            open_tags.append(tag)
        elif block.number == 0 and block.list_kind is ListKind.ORDERED:
            out.append(f"<p>{inline(block.text, kit.lang)}</p>")  # a further paragraph
            continue
        else:
            out.append("</li>")
        out.append(f"<li>{inline(block.text, kit.lang)}")
    while open_tags:
        out.append(f"</li></{open_tags.pop()}>")
    return "".join(out)


def _facts(kit: Kit, chart: bool) -> str:
    """The key figures: a table (row headers), then a chart per unit, as in the kit."""
    from pressctl.render.charts import describe, groups

    if not kit.facts:
        return ""
    rows = "".join(f'<tr><th scope="row">{_t(kit, r.label)}</th>'
                   f'<td class="num">{_t(kit, r.value_text)}</td>'
                   + (f"<td>{_t(kit, r.period_text)}</td>" if kit.periods else "")
                   + "</tr>" for r in kit.facts)
    figure, value, *period = kit.fact_header
    out = [f'<section class="facts" aria-labelledby="facts"><h2 id="facts">'
           f'{_t(kit, kit.t("Key figures"))}</h2>'
           # a table wider than a phone scrolls: keyboard users reach it (WCAG 2.1.1)
           '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="facts"><table>'
           f'<thead><tr><th scope="col">{_t(kit, figure)}</th>'
           f'<th scope="col" class="num">{_t(kit, value)}</th>'
           + "".join(f'<th scope="col">{_t(kit, head)}</th>' for head in period)
           + "</tr></thead>"
           f"<tbody>{rows}</tbody></table></div>"]
    for number, group in enumerate(groups(kit.facts) if chart else [], 1):
        alt = describe(group, kit)
        svg = assets.bar_chart(group, kit.colour, alt).replace("{id}", f"chart-{number}")
        caption = kit.t("Key figures in {unit}", unit=group[0].unit_text)
        out.append(f'<figure class="chart">{svg}<figcaption>{_t(kit, caption)}</figcaption>'
                   "</figure>")
    out.append("</section>")
    return "".join(out)


def article(kit: Kit, *, images: dict[str, str] | None = None, chart: bool = True) -> str:
    """The release as an ``<article>``: what the page shows, the feeds and the e-mail carry.

    ``images``: picture path → the ``src`` to use instead of embedded copies
    (the e-mail's ``cid:`` links); ``chart``: draw the SVG chart (mail clients
    do not show SVG, so the e-mail keeps the fact table only).
    """
    release = kit.release
    when = f'<time datetime="{release.date.isoformat()}">{esc(kit.date_text)}</time>'
    # the kit's one date line, the date inside it marked up as a time
    head, _, tail = kit.date_line.rpartition(kit.date_text)
    dateline = f"{_t(kit, head)}{when}{_t(kit, tail)}"
    parts = [f'<article aria-labelledby="title"><p class="label">{_t(kit, kit.release_label)}'
             f'</p><h1 id="title">{_t(kit, release.title)}</h1>']
    if release.subtitle:
        parts.append(f'<p class="subtitle">{_t(kit, release.subtitle)}</p>')
    parts.append(f'<p class="dateline">{dateline}</p>')
    lead = release.lead
    blocks = list(release.blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind is BlockKind.ITEM:
            end = index
            while end < len(blocks) and blocks[end].kind is BlockKind.ITEM:
                end += 1
            parts.append(_lists(kit, blocks[index:end]))
            index = end
            continue
        if block.kind is BlockKind.HEADING:
            parts.append(_heading(kit, block))
        elif block.kind is BlockKind.RULE:
            parts.append("<hr>")
        elif block.kind is BlockKind.TABLE:
            parts.append(_table(kit, block))
        elif block.kind is BlockKind.FIGURE:
            parts.append(_figure(kit, block, images))
        else:
            klass = ' class="lead"' if block is lead else ""
            parts.append(f"<p{klass}>{inline(block.text, kit.lang)}</p>")
            if block.kind is BlockKind.QUOTE:
                parts.append(_pull(kit, block))
        index += 1
    parts.append(_facts(kit, chart))
    if release.contact:
        parts.append(f'<section class="contact" aria-labelledby="contact"><h2 id="contact">'
                     f'{_t(kit, kit.t("Media contact"))}</h2>'
                     + "".join(f"<p>{inline(line, kit.lang)}</p>" for line in release.contact)
                     + "</section>")
    if release.boilerplate:
        about = kit.t("About {organisation}", organisation=release.organisation)
        parts.append(f'<section class="about" aria-labelledby="about"><h2 id="about">'
                     f"{_t(kit, about)}</h2>"
                     + "".join(f"<p>{inline(line, kit.lang)}</p>"
                               for line in release.boilerplate) + "</section>")
    parts.append(f'<p class="end">{_t(kit, kit.end_mark)}</p></article>')
    return "".join(parts)


def banner(kit: Kit) -> str:
    """The embargo and the draft say so above everything, in the kit's language, and
    the draft's legend what its highlights mean."""
    out = []
    if kit.embargo is not None:
        out.append(f'<p class="banner embargo" role="note">{_t(kit, kit.release_label)}</p>')
    if kit.draft:
        out.append(f'<p class="banner draft" role="note">'
                   f'{_t(kit, kit.t("Draft – not for publication"))}</p>')
    if kit.legend:  # what the highlights of a draft showing machine drafts mean
        out.append(f'<p class="legend" role="note">{inline(kit.legend, kit.lang)}</p>')
    return "".join(out)


def summary(kit: Kit) -> str:
    """One sentence for link previews and feeds: the subtitle, else the lead."""
    release = kit.release
    if release.subtitle:
        return plain(release.subtitle)
    lead = release.lead
    return plain(lead.text) if lead else plain(release.title)


def _head(kit: Kit, web: Web) -> str:
    release = kit.release
    own = next((e for e in web.editions if e.lang == kit.lang), None)
    canonical = web.absolute(release.slug, own.href) if own and web.base_url else ""
    card = web.absolute(release.slug, card_name(release.slug, kit.lang))
    description = summary(kit)
    meta = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(release.title)} – {esc(release.organisation)}</title>",
        f'<meta name="description" content="{esc(description)}">',
        '<meta name="generator" content="pressctl">',
    ]
    if kit.embargo is not None or kit.draft:
        meta.append('<meta name="robots" content="noindex, nofollow">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{esc(canonical)}">')
    for edition in web.editions:
        meta.append(f'<link rel="alternate" hreflang="{esc(edition.tag)}" '
                    f'href="{esc(web.absolute(release.slug, edition.href))}">')
    if web.editions:
        first = web.editions[0]
        meta.append(f'<link rel="alternate" hreflang="x-default" '
                    f'href="{esc(web.absolute(release.slug, first.href))}">')
    og = {"og:type": "article", "og:title": release.title, "og:description": description,
          "og:site_name": release.organisation, "og:locale": kit.locale,
          "og:image": card, "og:image:width": "1200", "og:image:height": "630",
          "og:image:alt": release.title, "article:published_time": release.date.isoformat()}
    if canonical:
        og["og:url"] = canonical
    meta += [f'<meta property="{k}" content="{esc(v)}">' for k, v in og.items()]
    meta += [f'<meta name="{k}" content="{esc(v)}">' for k, v in (
        ("twitter:card", "summary_large_image"), ("twitter:title", release.title),
        ("twitter:description", description), ("twitter:image", card))]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": release.title,
          "description": description, "inLanguage": kit.tag,
          "datePublished": (kit.embargo or release.date).isoformat(),
          "image": [card], "keywords": list(release.keywords),
          "publisher": {"@type": "Organization", "name": release.organisation},
          "author": {"@type": "Organization", "name": release.organisation}}
    if canonical:
        ld["mainEntityOfPage"] = canonical
        ld["url"] = canonical
    script = script_json(ld)
    meta.append(f'<script type="application/ld+json">{script}</script>')
    meta.append(f"<style>{css(kit.colour)}</style>")
    return "".join(f"{line}\n" for line in meta)


def _switcher(kit: Kit, web: Web) -> str:
    if len(web.editions) < 2:
        return ""
    items = []
    for edition in web.editions:
        current = ' aria-current="page"' if edition.lang == kit.lang else ""
        items.append(f'<li><a href="{esc(edition.href)}" hreflang="{esc(edition.tag)}" '
                     f'lang="{esc(edition.tag)}"{current}>{esc(edition.name)}</a></li>')
    return (f'<nav class="switcher" aria-label="{esc(kit.t("Languages"))}"><ul>'
            f'{"".join(items)}</ul></nav>')


def _downloads(kit: Kit, web: Web) -> str:
    if not web.downloads:
        return ""
    links = "".join(f'<li><a href="{esc(name)}" download>{esc(FORMAT_NAMES.get(fmt, fmt))}'
                    f"</a></li>" for fmt, name in web.downloads)
    return (f'<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">'
            f'{_t(kit, kit.t("Downloads"))}</h2><ul>{links}</ul></section>')


def document(kit: Kit) -> str:
    """The whole page."""
    web = kit.web or Web("", (), ())
    release = kit.release
    return (f'<!DOCTYPE html>\n<html lang="{esc(kit.tag)}">\n<head>\n{_head(kit, web)}</head>\n'
            f'<body>\n<header class="masthead"><div class="bar"><p class="organisation">'
            f"{_t(kit, release.organisation)}</p>{_switcher(kit, web)}</div></header>\n"
            f"{banner(kit)}\n<main>\n{article(kit)}\n{_downloads(kit, web)}\n</main>\n"
            f'<footer class="page-footer"><div class="bar"><p>{_t(kit, kit.t("Press release"))}'
            f" · {_t(kit, release.organisation)}</p></div></footer>\n</body>\n</html>\n")
