"""The `notices` command (notices/cli.py) as an editor runs it: help with examples, the project found, clause mistakes placed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Ran, edit, with_example
from conftest import notices as in_process

SITE = "example-privacy"


def run(root: Path, command: str, *args: str) -> Ran:
    """Run `notices <command> --root <root> ...` in this process."""
    return in_process(command, "--root", str(root), *args)


def notices(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `notices ...` in a fresh process, from inside the project (or `cwd`): what only a process shows.

    `-P` keeps the copy's folder off the import path: the command is this checkout's code (and measured).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-P", "-m", "notices", *args], cwd=cwd or root, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def example_project(tmp_path) -> Path:
    """A copy of the project with the fictional example company, for line numbers."""
    return with_example(tmp_path / "project")


@pytest.mark.parametrize("command", ["build", "check", "release", "serve", "summary"])
def test_every_command_explains_itself_with_an_example(command):
    result = in_process(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "example" in result.stdout
    assert f"notices {command}" in result.stdout.split("example", 1)[1]
    if command == "check":
        assert "Exit status: 0 when there is no error (warnings alone do not fail), 1 when there is an error." \
            in result.stdout


def test_the_command_lists_its_subcommands():
    result = in_process("--help")
    assert result.returncode == 0
    for command in ["build", "check", "release", "serve", "summary"]:
        assert f"\n    {command} " in result.stdout


def test_the_project_is_found_from_a_subfolder(example_project):
    result = notices(example_project, "check", SITE, cwd=example_project / "docs" / SITE / "ro")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "example-privacy: all is well" in result.stdout


def test_outside_a_project_it_says_where_to_run(tmp_path):
    result = notices(tmp_path, "check", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not inside a notices project (a folder holding companies/ and mkdocs.yml): run the command " \
           "there or pass --root <project folder>" in result.stderr


def _errors(result: Ran) -> list[str]:
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert result.returncode == 1, out
    return out.split("Warnings:")[0].splitlines()


def _only_errors(result: Ran) -> list[str]:
    """The errors printed, each as path:line: message, and nothing else."""
    return [line for line in _errors(result) if ".md:" in line or ".yml:" in line]


def test_a_clause_id_misspelled_in_the_original_is_reported_in_the_original(example_project):
    edit(example_project / "docs" / SITE / "en" / "index.md", "{#purposes}", "{#purpsoes}")
    errors = _errors(run(example_project, "check", SITE))
    assert ("docs/example-privacy/en/index.md:13: clause id 'purpsoes' is not in the translation "
            "docs/example-privacy/ro/index.md, which has 'purposes' at line 14: did you mean 'purposes'? "
            "Correct the misspelled id in whichever file holds it") in errors
    assert not [line for line in errors if line.startswith("docs/example-privacy/ro/")]


def test_a_clause_missing_in_a_translation_is_reported_where_it_belongs(example_project):
    edit(example_project / "docs" / SITE / "ro" / "index.md", "## 4. Cât timp le păstrăm {#retention}",
         "## 4. Cât timp le păstrăm")
    errors = _only_errors(run(example_project, "check", SITE))
    assert errors == ["docs/example-privacy/ro/index.md:22: heading '4. Cât timp le păstrăm' has no clause id; the "
                      "original has clause 'retention' here (docs/example-privacy/en/index.md:21): end it with "
                      "{#retention}"]


def test_a_clause_left_out_of_a_translation_is_placed_after_the_clause_before_it(example_project):
    edit(example_project / "docs" / SITE / "ro" / "index.md",
         "## 4. Cât timp le păstrăm {#retention}\n\nPăstrăm datele timp de doi ani de la ultimul contact.\n\n", "")
    errors = _only_errors(run(example_project, "check", SITE))
    assert errors == ["docs/example-privacy/ro/index.md:20: clause 'retention' is missing in this language (the "
                      "original has it at docs/example-privacy/en/index.md:21): after this line, put its translation "
                      "with the line '{: #retention }' under its first paragraph (or '{#retention}' at the end of "
                      "its heading)"]


def test_a_clause_marker_that_does_not_parse_is_reported_once_at_its_own_line(example_project):
    edit(example_project / "docs" / SITE / "ro" / "index.md", "{#recipients}", "{: # recipients }")
    errors = _only_errors(run(example_project, "check", SITE))
    assert errors == ["docs/example-privacy/ro/index.md:18: this clause marker does not parse, so it marks nothing: "
                      "write the id against its '#', with no space: #recipients"]


def test_a_duplicated_clause_id_is_reported_alone(example_project):
    edit(example_project / "docs" / SITE / "en" / "index.md", "{#recipients}", "{#purposes}")
    errors = _only_errors(run(example_project, "check", SITE))
    assert errors == ["docs/example-privacy/en/index.md:17: duplicate clause id 'purposes' (first at line 13): "
                      "give each clause its own id"]


def test_every_unknown_fact_is_reported_with_the_closest_name(example_project):
    page = example_project / "docs" / SITE / "en" / "index.md"
    edit(page, "{{ company.registered_address }}", "{{ company.registred_address }}")
    edit(page, "{{ company.privacy_contact.email }}", "{{ company.privacy_contact.emial }}")
    errors = _errors(run(example_project, "check", SITE))
    assert ("docs/example-privacy/en/index.md:11: 'company.registred_address' has no value in "
            "companies/example-privacy/company.yml: did you mean 'company.registered_address'? correct the name, "
            "add the fact there or remove it from the text") in errors
    assert ("docs/example-privacy/en/index.md:11: 'company.privacy_contact.emial' has no value in "
            "companies/example-privacy/company.yml: did you mean 'company.privacy_contact.email'? correct the "
            "name, add the fact there or remove it from the text") in errors
