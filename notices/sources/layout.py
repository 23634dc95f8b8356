"""Where a project keeps each company's data, pages, snippets and built site."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

# What a build reads: copying these makes a working scratch project (tests, benchmarks).
SOURCE_PARTS = ["companies", "docs", "overrides", "notices", "scripts", "mkdocs.yml"]


@dataclass(frozen=True)
class Layout:
    """Paths of a project rooted at `root` (the folder holding companies/ and docs/)."""

    root: Path

    @classmethod
    def of_company_dir(cls, company_dir: Path) -> Layout:
        """The layout a companies/<id>/ folder belongs to."""
        return cls(Path(company_dir).resolve().parent.parent)

    def company_ids(self) -> list[str]:
        """Every company with a data file, in name order."""
        return sorted(p.parent.name for p in (self.root / "companies").glob("*/company.yml"))

    def company_dir(self, company_id: str) -> Path:
        """Folder with the company's company.yml and mkdocs.yml."""
        return self.root / "companies" / company_id

    def config_file(self, company_id: str) -> Path:
        """The company's MkDocs configuration."""
        return self.company_dir(company_id) / "mkdocs.yml"

    def docs_dir(self, company_id: str) -> Path:
        """The company's pages, one folder per language."""
        return self.root / "docs" / company_id

    @property
    def snippets_dir(self) -> Path:
        """Shared clause snippets, one folder per language."""
        return self.root / "docs" / "snippets"

    def site_dir(self, company_id: str) -> Path:
        """Where the company's site is built."""
        return self.root / "site" / company_id

    def copy_to(self, target: Path) -> Layout:
        """Copy the project's sources to `target` (created) and return the copy's layout."""
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        for part in SOURCE_PARTS:
            source = self.root / part
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                shutil.copy2(source, target / part)
        return Layout(target)
