"""Plain conversion of pressctl's option values, without a pydantic TypeAdapter per option.

Typer (0.2x) converts every option through a pydantic ``TypeAdapter`` it builds
when the command is parsed: importing its adapters and generating the schemas
cost about 0.1 s of every ``pressctl build`` (a profile of the command) to turn
``--jobs 2`` into 2.  pressctl's options are all of a few plain types (str,
bool, int with a minimum, lists of str), so :func:`preset` gives
each such option a converter that does the same in a line, with Typer's own
messages ("Input should be greater than or equal to 1"); an option of any other
type, or a Typer without this hook, keeps Typer's own conversion.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

import typer

try:  # Typer's runtime-coercion hook (Typer >= 0.2x); older Typers convert with Click
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - another Typer: nothing to preset
    RuntimeParam = None  # type: ignore[assignment,misc]

NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer"


#: What pydantic reads as a boolean, as Typer's flags accept it.
BOOLEANS = {**dict.fromkeys(("", "0", "off", "f", "false", "n", "no"), False),
            **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True)}


def _convert(kind: type, value: Any, info: Any) -> Any:
    if kind is str:
        return str(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in BOOLEANS:
            return BOOLEANS[value.strip().lower()]
        raise ValueError("Input should be a valid boolean, unable to interpret input")
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(NOT_AN_INTEGER) from None
    if info.min is not None and number < info.min and not info.clamp:
        raise ValueError(f"Input should be greater than or equal to {info.min}")
    if info.max is not None and number > info.max and not info.clamp:
        raise ValueError(f"Input should be less than or equal to {info.max}")
    if info.clamp:
        number = max(info.min, number) if info.min is not None else number
        number = min(info.max, number) if info.max is not None else number
    return number


def _kind(annotation: Any, info: Any) -> tuple[type, bool] | None:
    """(element type, is a list) for the annotations converted here, else None."""
    many = typing.get_origin(annotation) is list
    kind = typing.get_args(annotation)[0] if many else annotation
    if kind not in (str, int, bool) or getattr(info, "parser", None) is not None:
        return None  # a Path (Typer checks it), a choice, a custom parser: Typer's own
    return kind, many


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """str, bool, int (min, max, clamp) and lists of them, as Typer would convert them."""

        kind: type = str
        many: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.many:
                    items = value if isinstance(value, list | tuple) else [value]
                    return [_convert(self.kind, item, self.parameter_info) for item in items]
                return _convert(self.kind, value, self.parameter_info)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), ctx=ctx, param=param) from None


def preset(params: list[Any]) -> None:
    """Give each plain option of a command its converter before Click parses the line."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        found = _kind(descriptor.annotation, descriptor.parameter_info)
        if found is not None:
            param._runtime_param = PlainParam(descriptor.parameter_info, descriptor.annotation,
                                              kind=found[0], many=found[1])
