"""What git remembers of a company's versions.yml: the record that released versions are compared with."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..sources.problems import Problem, SourceError, display_path
from ..sources.yamlsource import parse_yaml

# Enough for years of releases; bounded so that a check stays fast on a long history.
MAX_COMMITS = 300
MAX_MAINLINE = 20_000
PYPROJECT = "pyproject.toml"
MAINLINE = "main"
NO_HISTORY = "no git history here: released versions could not be compared with what was released"
SHALLOW = ("this clone is shallow: released versions could not be compared with what was released "
           "(fetch the whole history: git fetch --unshallow)")


class NoHistory(Exception):
    """There is no git history to compare with; the message says why."""


@dataclass(frozen=True)
class Start:
    """Where the record begins: `[tool.notices] record_starts` in pyproject.toml."""

    commit: str
    shown_as: str
    line: int


@dataclass(frozen=True)
class Snapshot:
    """versions.yml as one commit had it."""

    commit: str
    when: dt.datetime
    entries: list[dict]
    name: str = ""

    def label(self, tz: dt.tzinfo) -> str:
        """How messages name it: a ref as given, or short hash and commit day."""
        return self.name or f"{self.short} ({self.when.astimezone(tz).date()})"

    @property
    def short(self) -> str:
        """The abbreviated commit hash, or the ref as given."""
        return self.name or self.commit[:7]

    def ids(self) -> list[str]:
        """Version ids in the order this copy lists them, each once."""
        seen: list[str] = []
        for entry in self.entries:
            version_id = str(entry.get("id"))
            if version_id not in seen:
                seen.append(version_id)
        return seen


@dataclass(frozen=True)
class Record:
    """Every copy of a versions.yml on the main line since the record starts, oldest first."""

    snapshots: list[Snapshot]
    complete: bool


def record_start(root: Path | None) -> Start | None:
    """The commit the record starts at, if pyproject.toml sets one; SourceError if the setting is unusable."""
    path = Path(root or ".") / PYPROJECT
    if root is None or not path.is_file():
        return None
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError([Problem(shown, 1, f"cannot be read as UTF-8 text ({error})")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise SourceError([Problem(shown, int(found.group(1)) if found else 1, f"TOML syntax: {error}")]) from None
    value = ((data.get("tool") or {}).get("notices") or {}).get("record_starts")
    if value is None:
        return None
    line = next((n for n, content in enumerate(text.splitlines(), 1)
                 if re.match(r"\s*record_starts\s*=", content)), 1)
    if not (isinstance(value, str) and re.fullmatch(r"[0-9a-f]{40}", value)):
        raise SourceError([Problem(shown, line, "record_starts must be the full 40-character hash of the commit "
                                                "the record starts at (the first deployment)")])
    return Start(value, shown, line)


def _mainline(folder: Path) -> str:
    return MAINLINE if _ok(folder, "rev-parse", "--verify", "--quiet", f"{MAINLINE}^{{commit}}") else "HEAD"


def _mainline_commits(folder: Path, mainline: str, relative: str, start: Start | None) -> list[list[str]]:
    """`[hash, committer time]` of the main line's commits that touched `relative` since `start`, newest first."""
    # First parent only: what reached the main line, not the intermediate commits of merged branches.
    args = ["log", "--first-parent", f"--max-count={MAX_COMMITS}", "--format=%H %ct", mainline]
    if start is not None:
        args += ["--not", f"{start.commit}^@"]
    listed = _run(folder, *args, "--", relative)
    if listed is None or listed.returncode:
        raise NoHistory(NO_HISTORY)
    return [line.split() for line in listed.stdout.decode().splitlines() if line.strip()]


def load_record(registry: Path, start: Start | None) -> Record:
    """The main line's copies of `registry` since `start`; NoHistory where git has none."""
    folder, relative = _locate(registry)
    mainline = _mainline(folder)
    if start is not None:
        if not _ok(folder, "rev-parse", "--verify", "--quiet", f"{start.commit}^{{commit}}"):
            raise SourceError([Problem(start.shown_as, start.line,
                f"record_starts names commit {start.commit[:12]}, which this repository does not have: "
                f"name a commit of {mainline}'s history (the first deployment)")])
        if not _ok(folder, "merge-base", "--is-ancestor", start.commit, mainline):
            raise SourceError([Problem(start.shown_as, start.line,
                f"record_starts names commit {start.commit[:12]}, which is not in the history of {mainline}: "
                f"name a commit of {mainline}'s history (the first deployment)")])
    commits = _mainline_commits(folder, mainline, relative, start)
    complete = len(commits) < MAX_COMMITS
    if start is not None and complete and all(commit != start.commit for commit, _ in commits):
        # The record starts at that commit even when it did not touch versions.yml itself.
        when = _run(folder, "log", "-1", "--format=%ct", start.commit)
        commits.append([start.commit, when.stdout.decode().strip() if when and not when.returncode else "0"])
    commits.reverse()
    commits = _not_before_earlier(folder, mainline, commits)
    contents = _read_blobs(folder, [f"{commit}:{relative}" for commit, _ in commits])
    snapshots = [Snapshot(commit, dt.datetime.fromtimestamp(int(stamp), dt.UTC), _entries(content))
                 for (commit, stamp), content in zip(commits, contents, strict=True) if content is not None]
    return Record(snapshots, complete)


def _not_before_earlier(folder: Path, mainline: str, commits: list[list[str]]) -> list[list[str]]:
    """Each commit's date raised to the latest date of the main line's commits before it.

    A committer date is whatever the committer's clock said: a commit back-dated onto main would claim
    that a version reached readers earlier than it could have. Main's commits come one after another, so
    a commit reached main no earlier than every commit before it on the main line.
    """
    listed = _run(folder, "log", "--first-parent", f"--max-count={MAX_MAINLINE}", "--format=%H %ct", mainline)
    if listed is None or listed.returncode:
        return commits
    latest, floor = 0, {}
    for line in reversed(listed.stdout.decode().splitlines()):
        commit, stamp = line.split()
        latest = max(latest, int(stamp))
        floor[commit] = latest
    return [[commit, str(max(int(stamp), floor.get(commit, 0)))] for commit, stamp in commits]


@dataclass(frozen=True)
class FirstCopy:
    """A file as it first reached the main line since the record starts."""

    commit: str
    when: dt.datetime
    content: bytes


def first_copy(path: Path, start: Start | None) -> FirstCopy | None:
    """The oldest copy of `path` on the main line since `start` (None if it never reached it); NoHistory without git."""
    folder, relative = _locate(path)
    for commit, stamp in reversed(_mainline_commits(folder, _mainline(folder), relative, start)):
        content = _read_blobs(folder, [f"{commit}:{relative}"])[0]
        if content is not None:
            return FirstCopy(commit, dt.datetime.fromtimestamp(int(stamp), dt.UTC), content)
    return None


def snapshot_at(registry: Path, ref: str) -> Snapshot | None:
    """`registry` as git ref `ref` has it, or None when it cannot be read."""
    try:
        folder, relative = _locate(registry)
    except NoHistory:
        return None
    shown = _run(folder, "log", "-1", "--format=%H %ct", ref, "--")
    if shown is None or shown.returncode or not shown.stdout.strip():
        return None
    commit, stamp = shown.stdout.decode().split()
    content = _read_blobs(folder, [f"{commit}:{relative}"])[0]
    if content is None:
        return None
    return Snapshot(commit, dt.datetime.fromtimestamp(int(stamp), dt.UTC), _entries(content), ref)


def _locate(registry: Path) -> tuple[Path, str]:
    """The repository's top folder (where git runs) and the registry's path in it."""
    folder = Path(registry).resolve().parent
    top = _run(folder, "rev-parse", "--show-toplevel")
    if top is None or top.returncode or not _ok(folder, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"):
        raise NoHistory(NO_HISTORY)
    shallow = _run(folder, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.strip() == b"true":
        raise NoHistory(SHALLOW)
    root = Path(top.stdout.decode().strip()).resolve()
    try:
        relative = Path(registry).resolve().relative_to(root).as_posix()
    except ValueError:
        raise NoHistory(NO_HISTORY) from None
    return root, relative


def _entries(content: bytes) -> list[dict]:
    """The version entries of one copy; a copy that cannot be read counts as listing none."""
    try:
        data = parse_yaml(content.decode("utf-8"), "versions.yml").data
    except (SourceError, UnicodeDecodeError):
        return []
    return [entry for entry in data if isinstance(entry, dict) and entry.get("id") is not None] \
        if isinstance(data, list) else []


def _read_blobs(folder: Path, names: list[str]) -> list[bytes | None]:
    """Many `commit:path` contents through one `git cat-file --batch`; None for each that does not exist."""
    if not names:
        return []
    done = _run(folder, "cat-file", "--batch", input="".join(f"{name}\n" for name in names).encode())
    if done is None or done.returncode:
        return [None] * len(names)
    out, position = done.stdout, 0
    contents: list[bytes | None] = []
    for _ in names:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) != 3 or header[1] != b"blob":
            contents.append(None)
            position = end + 1
            continue
        size = int(header[2])
        contents.append(out[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return contents


def _run(folder: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess | None:
    """Run git in `folder`; None when git is not installed."""
    try:
        return subprocess.run(["git", "-C", str(folder), *args], input=input, capture_output=True, check=False)
    except OSError:
        return None


def _ok(folder: Path, *args: str) -> bool:
    done = _run(folder, *args)
    return done is not None and done.returncode == 0
