"""notices/ flows one way: a stage imports only itself and earlier stages (sources < model < checks < release < publish < plugin).

The plugin is the MkDocs adapter: it and the commands are the only modules that import MkDocs, Material or i18n.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "notices"
STAGES = ("sources", "model", "checks", "release", "publish", "plugin")
# The site builder's packages: only the adapter (plugin) and the commands that run it may import them.
BUILDER = ("mkdocs", "material", "mkdocs_static_i18n")
BUILDER_USERS = ("plugin", "commands")
# The entry: it may import any stage, and no stage may import it.
ENTRY_MODULES = {"__init__", "__main__", "cli"}
ENTRY_PACKAGES = {"commands"}


def _imported(node: ast.Import | ast.ImportFrom, stage: str) -> list[str]:
    """The dotted names an import statement of a module in notices/<stage>/ reaches."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = (node.module or "").split(".")
    else:
        package = ["notices", stage]
        base = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
    # The imported name may itself be a module: `from notices import checks` reaches notices.checks.
    return [".".join(base + [alias.name]) for alias in node.names]


def later_imports(path: Path, stage: str) -> list[str]:
    """Every import in `path` (a module of notices/<stage>/) of a later stage or of the entry, as path:line: what."""
    rank = STAGES.index(stage)
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    # Every import, at the top or inside a function: a backward import is not hidden by being late.
    imports = sorted((n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))), key=lambda n: n.lineno)
    for node in imports:
        for name in _imported(node, stage):
            parts = name.split(".")
            if parts[0] != "notices" or len(parts) < 2:
                continue
            target = parts[1]
            if target in STAGES and STAGES.index(target) <= rank:
                continue
            what = (f"the later stage '{target}'" if target in STAGES else f"'{target}', which is not a stage")
            found.append(f"{path}:{node.lineno}: {stage} imports {name}, from {what}: "
                         f"a stage imports only from itself and {', '.join(STAGES[:rank]) or 'nothing before it'}")
    return found


def builder_imports(path: Path) -> list[str]:
    """Every import of MkDocs, Material or i18n in `path`, as path:line: what."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        found += [f"{path}:{node.lineno}: imports {name}" for name in names if name.split(".")[0] in BUILDER]
    return found


def stray_modules(package: Path) -> list[str]:
    """Modules and folders directly in notices/ that belong in a stage."""
    stray = [f"{path}: move this module into one of notices/{{{','.join(STAGES)}}}/"
             for path in sorted(package.glob("*.py")) if path.stem not in ENTRY_MODULES]
    stray += [f"{path}: not a stage ({', '.join(STAGES)}) nor the entry (commands)"
              for path in sorted(package.iterdir())
              if path.is_dir() and path.name != "__pycache__" and path.name not in (*STAGES, *ENTRY_PACKAGES)]
    return stray


def test_each_stage_imports_only_itself_and_earlier_stages():
    problems = []
    for stage in STAGES:
        modules = sorted((PACKAGE / stage).rglob("*.py"))
        assert modules, f"notices/{stage}/ holds no module"
        for path in modules:
            problems += later_imports(path, stage)
    assert not problems, "\n".join(problems)


def test_only_the_plugin_and_the_commands_import_the_site_builder():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        if part not in BUILDER_USERS:
            problems += builder_imports(path)
    assert not problems, "\n".join(problems)
    # The adapter does import it: the check above is not vacuous.
    assert builder_imports(PACKAGE / "plugin" / "events.py")


def test_no_module_is_left_beside_the_stages():
    assert not stray_modules(PACKAGE), "\n".join(stray_modules(PACKAGE))


def test_each_stage_says_what_it_holds():
    for stage in STAGES:
        docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and "\n" not in docstring, f"notices/{stage}/__init__.py needs a one-line docstring"


def test_the_checker_names_file_and_line_of_a_backward_import(tmp_path):
    package = tmp_path / "notices"
    (package / "model").mkdir(parents=True)
    module = package / "model" / "bad.py"
    module.write_text(
        '"""A model module that reaches forward."""\n'
        "from ..sources.problems import Problem\n"      # 2: earlier stage, allowed
        "from .versions import NOTICE_PAGE\n"           # 3: own stage, allowed
        "from ..checks.site import load_site\n"         # 4: later stage, relative
        "import notices.publish.csp\n"                  # 5: later stage, absolute
        "from notices import checks\n"                  # 6: later stage, package form
        "from .. import publish\n"                      # 7: later stage, relative package form
        "from ..commands import load\n"                 # 8: the entry
        "\n"
        "def late():\n"
        "    from notices.checks.all import check_company\n"  # 11: hidden in a function: still found
        "    return check_company\n",
        encoding="utf-8")
    found = later_imports(module, "model")
    assert [line.split(": ", 1)[0] for line in found] == [f"{module}:{n}" for n in (4, 5, 6, 7, 8, 11)]
    assert "notices.checks.site" in found[0] and "later stage 'checks'" in found[0]
    assert "notices.publish.csp" in found[1]
    assert "'commands', which is not a stage" in found[4]
    # Read as a module of publish, the same file may import every stage, never the entry.
    assert [line.split(": ", 1)[0] for line in later_imports(module, "publish")] == [f"{module}:8"]


def test_the_checker_finds_a_module_left_beside_the_stages(tmp_path):
    package = tmp_path / "notices"
    for stage in STAGES:
        (package / stage).mkdir(parents=True)
    for name in ("__init__.py", "__main__.py", "cli.py"):
        (package / name).write_text("", encoding="utf-8")
    assert stray_modules(package) == []
    (package / "site.py").write_text("", encoding="utf-8")
    (package / "extras").mkdir()
    assert stray_modules(package) == [
        f"{package / 'site.py'}: move this module into one of notices/{{sources,model,checks,release,publish,plugin}}/",
        f"{package / 'extras'}: not a stage (sources, model, checks, release, publish, plugin) nor the entry (commands)"]
