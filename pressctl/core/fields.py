"""Fill ``{name}`` fields of text a translator wrote, and nothing more.

The kit's wording (``Page {page} of {pages}``) comes from a PO file anyone
can edit.  ``str.format`` would also run ``{page.__class__}`` (attribute
access), ``{0[1]}`` (indexing), ``{x!r}`` (a conversion) and ``{x:{y}}`` (a
nested field) — a catalog must never make pressctl look inside its own
objects.  Here a template may hold only named fields (a Python identifier)
and literal text (``{{`` and ``}}`` for braces); the template is parsed by
the standard library's ``string.Formatter().parse`` and filled piece by piece,
so nothing in it is ever evaluated.
"""

from __future__ import annotations

import string
from collections.abc import Mapping


def parse(template: str) -> list[tuple[str, str | None]]:
    """``template`` as (literal text, field name or None) pieces; ValueError saying what
    is not allowed (and ``str.format``'s own message for a lone brace)."""
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            pieces.append((literal, None))
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + \
            (f":{spec}" if spec else "") + "}"
        if not name:
            raise ValueError(f"{shown} has no name; write a named field such as {{page}}")
        if not name.isidentifier():
            raise ValueError(f"{shown}: only a plain name may stand between braces "
                             "(no attribute, index or number)")
        if conversion:
            raise ValueError(f"{shown}: a conversion (!{conversion}) is not allowed")
        if spec:
            raise ValueError(f"{shown}: a format specification (:{spec}) is not allowed")
        pieces.append((literal, name))
    return pieces


def problem(template: str) -> str | None:
    """Why ``template`` is not a text with named fields only, or None when it is."""
    try:
        parse(template)
    except ValueError as exc:
        return str(exc)
    return None


def names(template: str) -> set[str]:
    """The field names ``template`` uses (it must be valid, see :func:`problem`)."""
    return {name for _, name in parse(template) if name is not None}


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by ``str(values[name])``; KeyError for a
    name ``values`` lacks, ValueError for a template :func:`problem` refuses."""
    out = []
    for literal, name in parse(template):
        out.append(literal)
        if name is not None:
            out.append(str(values[name]))
    return "".join(out)
