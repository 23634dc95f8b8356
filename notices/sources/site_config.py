"""A company's MkDocs configuration: only what the shared base expects, checked before MkDocs reads it.

MkDocs imports a configuration's `hooks:` while loading it, so this check runs on the file alone
(without MkDocs), before the build loads the configuration.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .company import Company
from .problems import Problem, SourceError, did_you_mean, display_path
from .text import plain_text
from .yamlsource import LinedData, load_yaml

CONFIG_FILE = "mkdocs.yml"
BASE = "../../mkdocs.yml"
ALLOWED = "INHERIT, site_name, site_url, docs_dir, site_dir and plugins: i18n: languages"
LANGUAGE_KEYS = ("locale", "name", "default")
# Characters an https address of a site may hold; anything else (< > " ' spaces \ ...) is refused outright.
# The theme prints language names and the site's name into HTML without escaping them.
QUOTES = re.compile(r"[\"'&]")
URL_CHARACTERS = re.compile(r"^[A-Za-z0-9.:/@?#=&%_~+-]+\Z")


CONFIG_KEYS = ("INHERIT", "site_name", "site_url", "docs_dir", "site_dir", "plugins")


def check_site_config(company: Company, root: Path | None) -> list[Problem]:
    """The configuration sets only the company's domain, folders and languages, as company.yml gives them."""
    path = company.path.parent / CONFIG_FILE
    shown = display_path(path, root)
    try:
        # No application tags: `!ENV` or `!relative` here would let MkDocs read values from outside the sources.
        source = load_yaml(path, shown)
    except SourceError as error:
        return error.problems
    config = source.data
    if not isinstance(config, dict):
        return [Problem(shown, 1, f"expected a mapping ({ALLOWED})")]
    keys = _key_lines(path.read_text(encoding="utf-8"))

    def report(dotted: str, message: str) -> None:
        problems.append(Problem(shown, keys.get(dotted, 1), message))

    problems: list[Problem] = []
    for key in config:
        if key not in CONFIG_KEYS:
            report(key, _not_allowed(key, did_you_mean(str(key), CONFIG_KEYS)))
    expected = {"INHERIT": BASE, "docs_dir": f"../../docs/{company.id}", "site_dir": f"../../site/{company.id}"}
    for key, value in expected.items():
        if key not in config:
            problems.append(Problem(shown, 1, f"'{key}: {value}' is missing: add it"))
        elif config[key] != value:
            report(key, f"'{key}' must be exactly '{value}', not {config[key]!r}")
    if "site_name" in config and not isinstance(config["site_name"], str):
        report("site_name", "'site_name' must be text: the company's name")
    problem = _site_url_problem(config.get("site_url"), company.data["domains"], company.shown_as)
    if problem:
        report("site_url", problem)
    problems += _languages(company, config.get("plugins"), source, keys, shown)
    return problems


def _not_allowed(dotted: str, guess: str = "") -> str:
    return (f"'{dotted}' cannot be set in a company's configuration{guess}: it gives only {ALLOWED}; everything else "
            f"(theme, plugins, hooks, scripts, extensions) is shared, in mkdocs.yml at the project root")


def _languages(company: Company, plugins: Any, source: LinedData, keys: dict[str, int], shown: str) -> list[Problem]:
    """plugins: i18n: languages: the company's languages, nothing else."""
    problems: list[Problem] = []

    def report(dotted: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(shown, line or keys.get(dotted, 1), message))

    if not isinstance(plugins, dict):
        report("plugins", f"no plugins: i18n: languages: list the company's languages as in {company.shown_as} "
                          f"(written as a mapping, 'plugins:' then 'i18n:' then 'languages:')")
        return problems
    for name in plugins:
        if name != "i18n":
            report(f"plugins.{name}", _not_allowed(f"plugins.{name}"))
    i18n = plugins.get("i18n")
    for name in i18n if isinstance(i18n, dict) else []:
        if name != "languages":
            report(f"plugins.i18n.{name}", _not_allowed(f"plugins.i18n.{name}"))
    languages = i18n.get("languages") if isinstance(i18n, dict) else None
    if not isinstance(languages, list):
        report("plugins", f"no plugins: i18n: languages: list the company's languages as in {company.shown_as}")
        return problems
    for i, item in enumerate(languages):
        dotted = f"plugins.i18n.languages.{i}"
        if not isinstance(item, dict):
            report(dotted, "each language is 'locale:', 'name:' and, for the original, 'default: true'",
                   source.line(dotted))
            continue
        for name in item:
            if name not in LANGUAGE_KEYS:
                report(f"{dotted}.{name}", _not_allowed(f"{dotted}.{name}"))
        if not isinstance(item.get("locale"), str) or not isinstance(item.get("name", ""), str) \
                or not isinstance(item.get("default", False), bool):
            report(dotted, "'locale' and 'name' are text and 'default' is true or false", source.line(dotted))
        elif not plain_text(item.get("name", "")) or QUOTES.search(item.get("name", "")):
            report(f"{dotted}.name", "a language's 'name' is one line of plain text, without quotes, & or any of "
                                     "< > ` * _ [ ] { } \\ |, e.g. English")
    configured = [(str(item.get("locale")), bool(item.get("default"))) for item in languages if isinstance(item, dict)]
    expected = [(lang, lang == company.default_language) for lang in company.languages]
    if sorted(configured) != sorted(expected):
        report("", f"the i18n languages {configured} do not match {company.shown_as} (languages "
                   f"{company.languages}, default_language {company.default_language}): make them the same",
               source.line("plugins.i18n.languages"))
    return problems


def _site_url_problem(value: Any, domains: list[str], data_file: str) -> str | None:
    """What is wrong with site_url, if anything: it must be https://<one of the company's domains>/."""
    example = f"https://{domains[0]}/" if domains else "https://example.com/"
    if not isinstance(value, str) or not value:
        return f"site_url must be the site's address, e.g. {example}"
    if not URL_CHARACTERS.match(value):
        return (f"site_url {value!r} has characters a site's address cannot have (such as < > \" ' or spaces): "
                f"write it as {example}")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f"site_url {value!r} is not a web address: write it as {example}"
    if parts.scheme != "https":
        return f"site_url {value!r} must start with https://, e.g. {example}"
    if parts.username or parts.password or port or parts.query or parts.fragment or parts.path not in ("", "/"):
        return (f"site_url {value!r} must be https:// and the domain only (no user, port, path, query or "
                f"fragment), e.g. {example}")
    if (parts.hostname or "").removeprefix("www.") not in domains:
        return f"site_url '{value}' is not on one of the domains in {data_file}"
    return None


def _key_lines(text: str) -> dict[str, int]:
    """Line of every key (dotted, list items by index), where an editor must act to remove it."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node | None, dotted: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = f"{dotted}.{key_node.value}" if dotted else str(key_node.value)
                lines[child] = key_node.start_mark.line + 1
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[f"{dotted}.{i}"] = item.start_mark.line + 1
                walk(item, f"{dotted}.{i}")

    walk(yaml.compose(text, Loader=yaml.SafeLoader), "")
    return lines
