"""A strict YAML reader that keeps line numbers.

PyYAML's safe loader silently keeps the last of two duplicate keys and expands
aliases (an alias bomb can take exponential memory). Data files here are
written by people, so both are refused, and every value remembers its line so
errors can point at it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ecokg.errors import InputError
from ecokg.loaders.base import read_limited

#: Curated files are small; a larger one is a mistake (or an attack), not data.
MAX_YAML_BYTES = 20 * 1024 * 1024


@dataclass
class Y:
    """A YAML value with its 1-based line and column."""

    value: Any  # str | int | float | bool | date | None | list[Y] | dict[str, Y]
    line: int
    column: int

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value without positions."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


#: How deeply lists and mappings may nest. Curated files and mappings need about six
#: levels; PyYAML composes nodes recursively, so 10,000 nested lists would end in a
#: RecursionError (issue 22) instead of an error with a line.
MAX_DEPTH = 100


class _NoAliasLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in ecokg data files",
                problem_mark=event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                problem_mark=self.peek_event().start_mark,
            )
        self._depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


_constructor = SafeConstructor()


def _convert(node: Node, source: str) -> Y:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, ScalarNode):
        _refuse_surrogates(node.value, source, line, column)
        if node.tag.endswith(":timestamp"):
            # Dates stay text: the loaders parse them and report a bad one with its line.
            return Y(node.value, line, column)
        try:
            value = _constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            return Y(node.value, line, column)
        if isinstance(value, float) and not math.isfinite(value):
            # .nan and .inf are floats to YAML, but no number ecokg stores: an amount of
            # NaN would make every sum over amounts come out empty (issue 22).
            raise InputError(
                f"{node.value!r} is not a number ecokg can store (NaN and infinities are refused)",
                source=source, line=line, column=column,
            )
        return Y(value, line, column)
    if isinstance(node, SequenceNode):
        return Y([_convert(child, source) for child in node.value], line, column)
    if isinstance(node, MappingNode):
        result: dict[str, Y] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise InputError("a mapping key must be a plain name", source=source, line=key_line)
            _refuse_surrogates(key_node.value, source, key_line, key_node.start_mark.column + 1)
            key = str(_constructor.construct_object(key_node))
            if key in result:
                raise InputError(
                    f"duplicate key {key!r} (first at line {result[key].line})",
                    source=source,
                    line=key_line,
                )
            result[key] = _convert(value_node, source)
        return Y(result, line, column)
    raise InputError(f"unsupported YAML node {type(node).__name__}", source=source, line=line)


def _refuse_surrogates(text: str, source: str, line: int, column: int) -> None:
    """Refuse a lone surrogate (``"\\udcff"`` written as an escape): no text can hold it,
    and it would fail, with a traceback, wherever the value is stored or printed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = text[exc.start]
        raise InputError(
            f"the text holds \\u{ord(char):04x}, half of a UTF-16 surrogate pair and no character; "
            "remove the escape", source=source, line=line, column=column,
        ) from None


def read_yaml(path: Path, *, text: str | None = None) -> Y:
    """Parse ``path`` (or ``text``) into a :class:`Y` tree, or raise :class:`InputError`."""
    source = str(path)
    if text is None:
        raw = read_limited(
            path, MAX_YAML_BYTES, "a curated YAML file", "load large tables as CSV with a mapping"
        )
        if b"\x00" in raw[:8192]:
            raise InputError("this is a binary file, not YAML text", source=source)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                "not valid UTF-8 text (save the file as UTF-8)", source=source, line=line
            ) from exc
    try:
        loader = _NoAliasLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed quote,
        # say), a better place to look than the end of the file where it was noticed.
        mark = exc.context_mark or exc.problem_mark
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark:
            problem = f"{exc.context} (line {exc.context_mark.line + 1}): {problem}"
        if "'\\t'" in problem or "\t" in problem or " tab" in problem.lower():
            problem += " (indent with spaces, not tabs)"
        raise InputError(
            f"YAML syntax error: {problem}",
            source=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", source=source) from exc
    except RecursionError:
        raise InputError(
            f"lists and mappings nested too deeply (at most {MAX_DEPTH} levels)", source=source
        ) from None
    if node is None:
        raise InputError("the file is empty", source=source, line=1)
    try:
        return _convert(node, source)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError(
            f"bad value: {exc.problem}", source=source, line=mark.line + 1 if mark else None
        ) from exc
