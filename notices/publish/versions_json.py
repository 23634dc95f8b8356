"""versions.json: the machine-readable list of versions that a consent record can point to."""

from __future__ import annotations

from ..model.disclosure import display_name
from ..model.gdpr import frozen_path, publishes_index
from ..model.versions import Version, superseded_on
from ..sources.site import CompanySite
from .urls import page_url


def versions_document(site: CompanySite, versions: list[Version], site_url: str) -> dict:
    """Ids, dates, kind of change, SHA-256 and URLs of every version, in every language."""
    company = site.company
    base = site_url if site_url.endswith("/") else site_url + "/"
    default = company.default_language
    indexes = publishes_index(site)
    return {
        "company": {"id": company.id, "name": display_name(site, default), "domain": company.domain},
        "languages": company.languages,
        "original_language": default,
        "versions": [
            {
                "id": v.id,
                "effective": v.effective.isoformat(),
                "published": v.published.isoformat(),
                "superseded": ended.isoformat() if (ended := superseded_on(versions, v)) else None,
                "change": v.change,
                "material": v.material,
                "sha256": dict(v.sha256),
                "summary": dict(v.summary),
                "urls": {lang: base + page_url(f"versions/{v.id}/index.md", lang, default)
                         for lang in company.languages},
                "texts": {lang: f"{base}versions/{v.id}/{lang}.md" for lang in company.languages},
                # The version's GDPR index as data (format: README, "gdpr.json"), where one was frozen with it.
                "gdpr": (f"{base}versions/{v.id}/gdpr.json"
                         if indexes and frozen_path(company.path.parent, v.id).exists() else None),
                "gdpr_sha256": v.gdpr_sha256,
                "changes_urls": ({lang: base + page_url(f"versions/{v.id}/changes.md", lang, default)
                                  for lang in company.languages} if index else None),
            }
            for index, v in enumerate(versions)
        ],
    }
