"""YAML loading that remembers the line of every value, for messages that name it."""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem, SourceError


class LinedData:
    """Plain Python data from a YAML file plus the line of each dotted key."""

    def __init__(self, path: Path, data, lines: dict[str, int]):
        self.path = path
        self.data = data
        self.lines = lines

    def line(self, dotted: str) -> int:
        """Line of `dotted` or of its nearest parent present in the file (1 if none)."""
        while dotted:
            if dotted in self.lines:
                return self.lines[dotted]
            dotted = dotted.rpartition(".")[0]
        return 1


def load_yaml(path: Path, shown_as: str, application_tags: bool = False) -> LinedData:
    """Load `path`; a syntax error becomes a SourceError naming file and line.

    With `application_tags`, values tagged for another program (MkDocs' `!ENV`, `!relative`) are
    read as their plain text instead of being refused.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError([Problem(shown_as, 1, "file not found")]) from None
    except IsADirectoryError:
        raise SourceError([Problem(shown_as, 1, "is a folder, not a file: replace it with the YAML file")]) from None
    except UnicodeDecodeError as error:
        raise SourceError([Problem(shown_as, 1, f"not UTF-8 text ({error.reason}): save it as UTF-8")]) from None
    except OSError as error:
        raise SourceError([Problem(shown_as, 1, f"cannot be read ({error.strerror or error})")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        lines: dict[str, int] = {}
        data = _convert(node, "", lines, shown_as, application_tags) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError([Problem(shown_as, line, f"YAML syntax: {error.problem}")]) from None
    except yaml.YAMLError as error:  # e.g. a control character the YAML reader refuses
        raise SourceError([Problem(shown_as, _line_of(text, getattr(error, "position", None)),
                                   f"YAML syntax: {error}".split("\n")[0])]) from None
    return LinedData(path, data, lines)


def _line_of(text: str, position: int | None) -> int:
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else 1


def _convert(node, dotted: str, lines: dict[str, int], shown_as: str, application_tags: bool = False):
    if dotted:
        lines[dotted] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                raise SourceError([Problem(shown_as, key_node.start_mark.line + 1, f"'{key}' is given twice")])
            result[key] = _convert(value_node, f"{dotted}.{key}" if dotted else key, lines, shown_as,
                                   application_tags)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, f"{dotted}.{i}" if dotted else str(i), lines, shown_as, application_tags)
                for i, item in enumerate(node.value)]
    if application_tags and node.tag.startswith("!") and not node.tag.startswith("!!"):
        return node.value
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        raise SourceError([Problem(shown_as, node.start_mark.line + 1,
                                   f"YAML value not allowed here: {error.problem}")]) from None
    except ValueError as error:  # a date such as 2026-13-45, which YAML reads as a date but no calendar has
        message = f"'{node.value}' is not a valid value ({error}): write dates as YYYY-MM-DD"
        raise SourceError([Problem(shown_as, node.start_mark.line + 1, message)]) from None
