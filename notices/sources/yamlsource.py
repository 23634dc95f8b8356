"""YAML loading that remembers the line of every value, for messages that name it."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from .plain_errors import yaml_problem
from .problems import Problem, SourceError
from .shape import MAX_NESTING
from .text import unclean


class LinedData:
    """Plain Python data from a YAML file plus the line of each dotted key."""

    def __init__(self, path: Path, data: Any, lines: dict[str, int]):
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


MAX_BYTES = 1_000_000
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_source(path: Path, shown_as: str) -> str:
    """A source file's text; missing, a folder, too large or not UTF-8 is a SourceError naming it."""
    path = Path(path)
    try:
        if path.is_symlink():
            raise SourceError([Problem(shown_as, 1, "is a symbolic link: replace it with the file itself "
                                                    "(the build reads nothing outside the project's sources)")])
        if path.stat().st_size > MAX_BYTES:
            raise SourceError([Problem(shown_as, 1, f"is larger than {MAX_BYTES // 1_000_000} MB: no source of "
                                                    f"a notice is this large; check that it is the right file")])
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError:
        raise SourceError([Problem(shown_as, 1, "file not found")]) from None
    except IsADirectoryError:
        raise SourceError([Problem(shown_as, 1, "is a folder, not a file: replace it with the file")]) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise SourceError([Problem(shown_as, line, f"not UTF-8 text ({error.reason}): save it as UTF-8")]) from None
    except OSError as error:
        raise SourceError([Problem(shown_as, 1, f"cannot be read ({error.strerror or error})")]) from None


def load_yaml(path: Path, shown_as: str, application_tags: bool = False, text_only: bool = False) -> LinedData:
    """Load `path`; a syntax error becomes a SourceError naming file and line.

    With `application_tags`, values tagged for another program (MkDocs' `!ENV`, `!relative`) are
    read as their plain text instead of being refused. With `text_only`, every value is the text
    exactly as written (no YAML 1.1 booleans, numbers or dates: `No` stays "No", `01234567` stays
    "01234567").
    """
    parsed = _parsed(read_source(path, shown_as), shown_as, application_tags, text_only)
    # A copy, so that what one caller does with its data never reaches another.
    return LinedData(Path(path), copy.deepcopy(parsed.data), dict(parsed.lines))


# A build reads a few files from several stages (the command's preflight, the check, the publication):
# each text is parsed once, whoever asks first. Keyed by the text itself, so an edit is parsed afresh.
@functools.lru_cache(maxsize=64)
def _parsed(text: str, shown_as: str, application_tags: bool, text_only: bool) -> LinedData:
    return parse_yaml(text, shown_as, application_tags=application_tags, text_only=text_only)


def parse_yaml(text: str, shown_as: str, first_line: int = 1, path: Path | None = None,
               application_tags: bool = False, text_only: bool = False) -> LinedData:
    """Parse YAML `text` that starts at line `first_line` of `shown_as`; every problem names its line."""
    offset = first_line - 1
    deep = _too_deep(text)
    if deep is not None:
        raise SourceError([Problem(shown_as, deep + offset, f"values are nested more than {MAX_NESTING} levels deep "
                                                            f"here: no file of a notice needs that; flatten them")])
    try:
        try:
            # libyaml is several times faster; PyYAML alone refuses control characters, so such a text
            # goes to PyYAML, which says where they are.
            if yaml.reader.Reader.NON_PRINTABLE.search(text):
                raise yaml.YAMLError("not printable")
            node = _compose(text, shown_as, offset, FAST_LOADER)
        except yaml.YAMLError:
            # libyaml and PyYAML refuse the same text; PyYAML's message is the one put in plain words.
            node = _compose(text, shown_as, offset, yaml.SafeLoader)
        lines: dict[str, int] = {}
        options = _Options(shown_as, offset, application_tags, text_only)
        data = _convert(node, "", lines, options) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        line, message = yaml_problem(error, text)
        raise SourceError([Problem(shown_as, line + offset, message)]) from None
    except yaml.YAMLError as error:  # e.g. a control character the YAML reader refuses
        raise SourceError([Problem(shown_as, _line_of(text, getattr(error, "position", None)) + offset,
                                   f"YAML syntax: {error}".split("\n")[0])]) from None
    return LinedData(path or Path(shown_as), data, lines)


def _too_deep(text: str) -> int | None:
    """The first line nesting values beyond MAX_NESTING (by indentation or [ and {), or None."""
    # The parsers would follow such nesting until Python's recursion runs out.
    flow = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) - len(line.lstrip(" ")) > 2 * MAX_NESTING:
            return number
        for char in line:
            flow += 1 if char in "[{" else -1 if char in "]}" and flow else 0
            if flow > MAX_NESTING:
                return number
    return None


def _compose(text: str, shown_as: str, offset: int, loader: type) -> yaml.Node | None:
    """The document's node tree, once no anchor or alias is in it."""
    _refuse_aliases(text, shown_as, offset, loader)
    return yaml.compose(text, Loader=loader)


def _refuse_aliases(text: str, shown_as: str, offset: int, loader: type) -> None:
    """Anchors and aliases are refused: editors never need them, and nested aliases can expand without end."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else 1
            raise SourceError([Problem(shown_as, line + offset,
                                       "anchors and aliases (&name, *name) are not used in these files: "
                                       "write the value out in full")])


def _line_of(text: str, position: int | None) -> int:
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else 1


class _Options:
    """How scalars are read, and where messages point."""

    def __init__(self, shown_as: str, offset: int, application_tags: bool, text_only: bool):
        self.shown_as = shown_as
        self.offset = offset
        self.application_tags = application_tags
        self.text_only = text_only


CORE_TAG = "tag:yaml.org,2002:"
# The tags YAML gives plain scalars by itself; text_only reads all of them as the text written.
PLAIN_TAGS = frozenset(CORE_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))


def _convert(node: yaml.Node, dotted: str, lines: dict[str, int], options: _Options) -> Any:
    line = node.start_mark.line + 1 + options.offset
    if dotted:
        lines[dotted] = line
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            wrong = unclean(key)
            if wrong:
                raise SourceError([Problem(options.shown_as, key_node.start_mark.line + 1 + options.offset, wrong)])
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError([Problem(options.shown_as, key_node.start_mark.line + 1 + options.offset,
                                           "a key must be a plain name")])
            if key in result:
                first = lines.get(f"{dotted}.{key}" if dotted else key)
                raise SourceError([Problem(options.shown_as, key_node.start_mark.line + 1 + options.offset,
                                           f"'{key}' is given twice (first at line {first}): keep one")])
            result[key] = _convert(value_node, f"{dotted}.{key}" if dotted else key, lines, options)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, f"{dotted}.{i}" if dotted else str(i), lines, options)
                for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)  # a document holds only mappings, sequences and scalars
    wrong = unclean(str(node.value))
    if wrong:
        raise SourceError([Problem(options.shown_as, line, wrong)])
    if options.application_tags and node.tag.startswith("!") and not node.tag.startswith("!!"):
        return node.value
    if options.text_only:
        if node.tag not in PLAIN_TAGS:  # e.g. !!python/name:..., whose value would otherwise be read without it
            tag = node.tag.replace(CORE_TAG, "!!")
            raise SourceError([Problem(options.shown_as, line, f"YAML tag {tag} is not used here: "
                                                               f"write the value as text")])
        # An empty value (`key:`) is absent, as in YAML; everything else is the text as written. A plain
        # scalar's style is None from PyYAML and "" from libyaml.
        plain = not node.style
        return None if plain and node.value in ("", "~", "null", "Null", "NULL") else node.value
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        raise SourceError([Problem(options.shown_as, line, f"YAML value not allowed here: {error.problem}")]) from None
    except ValueError as error:  # a date such as 2026-13-45, which YAML reads as a date but no calendar has
        message = f"'{node.value}' is not a valid value ({error}): write dates as YYYY-MM-DD"
        raise SourceError([Problem(options.shown_as, line, message)]) from None
