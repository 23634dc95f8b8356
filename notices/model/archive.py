"""The archive of released texts: where each is kept, its bytes when frozen, and the one reader that bounds it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..sources.problems import SourceError
from ..sources.yamlsource import MAX_BYTES, parse_yaml
from .versions import ARCHIVE, PlainDumper

if TYPE_CHECKING:
    from .versions import Version


def archive_path(company_dir: Path, version_id: str, lang: str) -> Path:
    """Where a version's frozen text in `lang` is kept."""
    return Path(company_dir) / ARCHIVE / version_id / f"{lang}.md"


def frozen_file(company_id: str, version: Version, lang: str, text: str, translation_of: str | None = None,
                note: str | None = None) -> bytes:
    """The bytes of a frozen text: its identity and dates, then the text with everything filled in.

    A translation's identity also says that it is one, and of which original.
    """
    identity = {"company": company_id, "version": version.id, "language": lang,
                "effective": version.effective, "published": version.published}
    if translation_of:
        identity.update(translation_of=translation_of, note=note or "")
    head = yaml.dump(identity, sort_keys=False, allow_unicode=True, Dumper=PlainDumper, width=1000)
    return f"---\n{head}---\n{text.strip()}\n".encode()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


class ArchiveUnreadable(OSError):
    """A released text that cannot be read within the bounds every source keeps; `reason` says why."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Archived:
    """A released text as kept in the archive: its bytes, its identity block, and its text."""

    path: Path
    data: bytes
    block: str
    text: str
    # How many lines of the file precede the text (its identity block).
    offset: int

    def head(self) -> dict[str, Any]:
        """The identity block (company, version, language, dates), empty when it cannot be read."""
        try:
            head = parse_yaml(self.block, self.path.as_posix(), first_line=2).data or {}
        except SourceError:
            return {}
        return head if isinstance(head, dict) else {}


def read_archive(company_dir: Path, version_id: str, lang: str) -> Archived:
    """The one reader of an archived text: no symbolic link, no file larger than any source, UTF-8 only."""
    path = archive_path(company_dir, version_id, lang)
    try:
        if path.is_symlink():
            raise ArchiveUnreadable(path, "is a symbolic link")
        if path.stat().st_size > MAX_BYTES:
            raise ArchiveUnreadable(path, f"is larger than {MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
        content = data.decode("utf-8")
    except FileNotFoundError:
        raise ArchiveUnreadable(path, "was removed") from None
    except UnicodeDecodeError as error:
        raise ArchiveUnreadable(path, f"is not UTF-8 text ({error.reason})") from None
    except ArchiveUnreadable:
        raise
    except OSError as error:
        raise ArchiveUnreadable(path, f"cannot be read ({error.strerror or error})") from None
    block, text = "", content
    if content.startswith("---\n") and "\n---\n" in content:
        block, text = content[4:].split("\n---\n", 1)
    return Archived(path, data, block, text, content.count("\n") - text.count("\n"))


def frozen_text(company_dir: Path, version_id: str, lang: str) -> str:
    """A frozen text without its identity block, ready to publish (ArchiveUnreadable if it cannot be)."""
    return read_archive(company_dir, version_id, lang).text
