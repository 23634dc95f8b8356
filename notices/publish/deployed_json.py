"""deployed.json: the deploy's record of the day each version was first published (format: README)."""

from __future__ import annotations

import datetime as dt
import json

from ..sources.deploy_record import FORMAT, Entry
from ..sources.site import CompanySite


def deployed_document(site: CompanySite, entries: list[Entry]) -> str:
    """The record's text, one version per entry in release order, as the next deploy reads it back."""
    company = site.company
    document = {
        "format": FORMAT,
        "company": company.id,
        "time_zone": str(company.time_zone),
        "versions": {entry.id: {"first_published": entry.day.isoformat(),
                                "first_published_at": entry.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "known_from": entry.known_from}
                     for entry in entries},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
