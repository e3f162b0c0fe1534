"""The seed's front matter: the YAML header read, checked and turned into fields.

Split from :mod:`pressctl.source.read` (the Markdown body and :func:`read` stay there)
because the header has its own rules — safe YAML with dates kept as text and duplicate
keys refused, unknown fields named with a suggestion, impossible dates and key figures
explained at their line — and a reader looking for "why was my header refused" should
find them in one module.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from pressctl.core.charnames import UNPRINTABLE, describe
from pressctl.core.errors import PressctlError
from pressctl.core.links import HINT as LINK_HINT
from pressctl.core.links import describe as describe_link
from pressctl.source.inline import refused_links
from pressctl.source.release import Fact

REQUIRED = ("title", "date", "lang", "organisation")
#: Every front matter field a seed may have (README: The source document).
FIELDS = (*REQUIRED, "subtitle", "dateline", "contact", "boilerplate", "keywords", "facts",
          "embargo")
FACT_FIELDS = ("label", "value", "unit", "period", "qualifier")
QUALIFIERS = ("about", "over")
#: Key figures must be below this: CLDR's number formatting (and a reader) stops making
#: sense long before, and ``.nan``/``.inf`` would break the charts.
LARGEST_FACT = 1e18
#: YAML errors found past the construct that caused them (an unclosed bracket or quote).
OPENED_ELSEWHERE = ("while parsing a flow", "while scanning a quoted", "while scanning a block")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, with dates left as text and duplicate keys refused.

    PyYAML builds ``date: 2025-02-30`` into a ``datetime.date`` while it
    parses, so an impossible date escaped as a bare ValueError (a traceback);
    read as text, :func:`_date` checks it and says what is wrong with it.
    A key given twice (``value: 100`` then ``value: 999``) would silently keep
    the last value, a figure nobody reviewed: it is an error naming both lines.

    Anchors, aliases and merge keys (``&f``, ``*f``, ``<<: *f``) are refused at
    their line: a merge key lets a key be given twice without the duplicate being
    seen (``<<: {value: 100}`` beside ``value: 999``), an alias repeats a value
    under another name, and nested aliases (a "billion laughs" header) make every
    walk over the header take hours.  A press release's header needs none of them.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            shown = f"*{event.anchor}" if isinstance(event, yaml.AliasEvent) \
                else f"&{event.anchor}"
            raise yaml.composer.ComposerError(
                None, None, f"YAML anchors and aliases ({shown}) are not allowed in the "
                "front matter; write each value out where it belongs", event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "a YAML merge key (<<) is not allowed in the front matter; "
                    "write each key out once", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class says what is wrong
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice (first on line {first + 2})",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _front_matter(tokens: list[Token], path: Path) -> tuple[dict[str, Any], int]:
    if not tokens or tokens[0].type != "front_matter":
        raise PressctlError("no front matter header", path=path, line=1,
                            hint="start the file with a '---' YAML header (see README)")
    token = tokens[0]
    try:
        data = yaml.load(token.content, Loader=_FrontMatterLoader) or {}  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and context.startswith(OPENED_ELSEWHERE) \
                and start.line + 2 != line:
            # An unclosed [ or " is noticed lines later; the line to fix is where it opens.
            problem = f"{problem} on line {line}, {context} that starts here"
            line = start.line + 2
        raise PressctlError(f"broken front matter: {problem}", path=path, line=line) from None
    if not isinstance(data, dict):
        raise PressctlError("front matter must be a mapping of fields", path=path, line=2)
    end = token.map[1] if token.map else 0
    return data, end


def _check_front_matter_text(header: str, path: Path) -> None:
    """Every text of the header, as YAML decoded it (``"\\a"`` is a bell character), is
    held to the body's rules at its own line: no control character, no link a kit may
    not carry."""
    stack = [yaml.compose(header, Loader=_FrontMatterLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            line = node.start_mark.line + 2  # the header starts after the '---' line
            control = UNPRINTABLE.search(node.value)
            if control is not None:
                raise PressctlError(
                    f"control character {describe(control.group())} in the front matter "
                    f"(in {node.value[:40]!r})", path=path, line=line,
                    hint="delete it (a YAML escape such as \\a or \\x07 writes one): it "
                         "cannot be printed, and DOCX cannot store it")
            refused = refused_links(node.value)
            if refused:
                url, reason = refused[0]
                raise PressctlError(describe_link(url, reason) + " (in the front matter)",
                                    path=path, line=line, hint=LINK_HINT)


def _string(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise PressctlError(f"front matter field {key!r} must be text", path=path)
    return " ".join(value.split())


def _lines(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise PressctlError(f"front matter field {key!r} must be text or a list of lines", path=path)


def _facts(data: dict[str, Any], path: Path, text: str) -> tuple[Fact, ...]:
    raw = data.get("facts") or []
    if not isinstance(raw, list):
        raise PressctlError("front matter field 'facts' must be a list", path=path)
    facts = []
    for index, item in enumerate(raw, 1):
        line = _line_of(text, f"label: {item.get('label')}") if isinstance(item, dict) else 0
        if not isinstance(item, dict) or not {"label", "value", "unit"} <= item.keys():
            raise PressctlError(f"fact {index} needs label, value and unit", path=path,
                                line=line or None)
        value = item["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise PressctlError(f"fact {index} value must be a number, not {value!r}",
                                path=path, line=line or None)
        if not (math.isfinite(value) and abs(value) < LARGEST_FACT):
            raise PressctlError(
                f"fact {index} value {value!r} cannot be printed as a key figure",
                path=path, line=line or None,
                hint=f"a key figure is a finite number smaller than {LARGEST_FACT:,.0f}")
        qualifier = item.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise PressctlError(f"fact {index} qualifier must be one of {QUALIFIERS}",
                                path=path, line=line or None)
        facts.append(Fact(label=str(item["label"]).strip(), value=float(value),
                          unit=str(item["unit"]).strip(),
                          period=str(item.get("period", "") or ""), qualifier=qualifier,
                          line=line))
    return tuple(facts)


def _refuse_unknown_fields(header: str, data: dict[str, Any], path: Path) -> None:
    """A misspelt field (``subtitel:``) would be dropped without a word: refuse it, with
    its line and the field meant.  The header is composed again only to find the line."""
    from pressctl.core.settings import suggest

    facts = data.get("facts")
    unknown = [key for key in data if key not in FIELDS] or [
        key for fact in (facts if isinstance(facts, list) else [])
        if isinstance(fact, dict) for key in fact if key not in FACT_FIELDS]
    if not unknown:
        return
    key = unknown[0]
    valid = FIELDS if key in data else FACT_FIELDS
    line = None
    for node in _mapping_nodes(yaml.compose(header)):
        for name, _value in node.value:
            if name.value == str(key) and line is None:
                line = name.start_mark.line + 2  # the header starts after the '---' line
    raise PressctlError(
        f"unknown {'fact ' if valid is FACT_FIELDS else ''}field {key!r} in the front matter"
        + suggest(str(key), valid), path=path, line=line,
        hint=f"fields: {', '.join(valid)}")


def _mapping_nodes(node: yaml.Node | None) -> list[yaml.MappingNode]:
    """The header's mapping and those of its facts, top-level first."""
    if not isinstance(node, yaml.MappingNode):
        return []
    found = [node]
    for _name, value in node.value:
        if isinstance(value, yaml.SequenceNode):
            found += [item for item in value.value if isinstance(item, yaml.MappingNode)]
    return found


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 0


def _date(value: Any, path: Path, text: str) -> dt.date:
    """The release date: ``YYYY-MM-DD`` (a time after it is ignored), checked to exist."""
    found = re.search(r"^date\s*:", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    written = str(value).strip()
    iso = ISO_DATE.match(written)
    try:
        if iso:
            return dt.date(*(int(part) for part in iso.groups()))
        return dt.datetime.fromisoformat(written).date()
    except ValueError as exc:
        if iso is None:
            raise PressctlError(f"date {written!r} is not an ISO date (YYYY-MM-DD)", path=path,
                                line=line) from None
        year, month, _ = (int(part) for part in iso.groups())
        reason = str(exc)
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            reason += f": {calendar.month_name[month]} {year} has {days} days"
        raise PressctlError(f"date {written} does not exist ({reason})", path=path,
                            line=line) from None


def _embargo(data: dict[str, Any], path: Path, text: str) -> dt.datetime | None:
    """``embargo:`` with its time zone, checked at its line (:mod:`pressctl.source.embargo`)."""
    from pressctl.source import embargo

    if data.get("embargo") in (None, ""):
        return None
    found = re.search(r"^embargo\s*:", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return embargo.parse(data["embargo"], path, line)
