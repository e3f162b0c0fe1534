"""The e-mail's plain-text part: the release as a reader without HTML sees it."""

from __future__ import annotations

from pressctl.kit import Kit, item_marker, pull_quote, split_speaker
from pressctl.source.inline import plain, spans
from pressctl.source.release import BlockKind


def _with_links(text: str) -> str:
    """Inline Markdown as text; a link keeps its address after its words."""
    out = []
    for span in spans(text):
        if span.br:
            out.append("\n")
        elif span.href and span.href != span.text and f"mailto:{span.text}" != span.href:
            out.append(f"{span.text} <{span.href}>")
        else:
            out.append(span.text)
    return "".join(out)


def plain_text(kit: Kit) -> str:
    release = kit.release
    lines = [kit.release_label.upper() if not kit.cjk else kit.release_label, ""]
    if kit.draft:
        lines[:0] = [kit.t("Draft – not for publication"), ""]
    lines += [release.title]
    if release.subtitle:
        lines.append(release.subtitle)
    lines += [kit.date_line, ""]
    for block in release.blocks:
        if block.kind is BlockKind.RULE:
            lines += ["* * *", ""]
        elif block.kind is BlockKind.TABLE:
            lines += [" | ".join(plain(cell) for cell in row) for row in block.rows]
            lines.append("")
        elif block.kind is BlockKind.FIGURE:
            credit = f" ({block.credit})" if block.credit else ""
            lines += [f"[{plain(block.text)}{credit}]", ""]
        elif block.kind is BlockKind.ITEM:
            indent = "   " * block.depth
            marker = item_marker(block, kit.bullets)
            lines.append(f"{indent}{marker + ' ' if marker else '   '}{_with_links(block.text)}")
        else:
            if lines and lines[-1] and not lines[-1].startswith(" "):
                lines.append("")
            lines += [_with_links(block.text), ""]
            if block.kind is BlockKind.QUOTE:
                speaker = ""
                if block.speaker:
                    name, rest = split_speaker(plain(block.speaker))
                    speaker = ("——" if kit.cjk else "— ") + name + rest
                lines += [f"    {pull_quote(kit, block)}", f"    {speaker}" if speaker else "", ""]
    if kit.facts:
        lines += ["", kit.t("Key figures")]
        lines += [f"- {r.label}: {r.value_text}" + (f" ({r.period_text})" if r.period_text else "")
                  for r in kit.facts]
    if release.contact:
        lines += ["", kit.t("Media contact"), *map(_with_links, release.contact)]
    if release.boilerplate:
        lines += ["", kit.t("About {organisation}", organisation=release.organisation),
                  *map(_with_links, release.boilerplate)]
    if kit.web and kit.web.downloads:
        lines += ["", kit.t("Downloads")]
        lines += [f"- {kit.web.absolute(release.slug, name)}" for _fmt, name in kit.web.downloads]
    lines += ["", kit.end_mark]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
