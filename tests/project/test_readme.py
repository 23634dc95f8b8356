"""The README's set-up commands are the ones CI runs."""

from conftest import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci_command in readme
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert setup.count("```sh") == 2  # exactly two set-up commands: use, and test
    assert ". .venv/bin/activate && notices build" in setup
