"""A translation states no company fact that the original does not state or the company did not confirm."""

from __future__ import annotations

from ..model.disclosure import public_keys
from ..model.versions import NOTICE_PAGE
from ..sources.problems import Problem
from ..sources.provenance import facts_used
from ..sources.site import CompanySite


def check_disclosure(site: CompanySite) -> list[Problem]:
    """A translation may only state facts that the original states or that the company confirmed."""
    if site.errors or NOTICE_PAGE not in site.pages:
        return []
    keys = public_keys(site)
    problems = []
    for lang, page in site.pages[NOTICE_PAGE].items():
        if lang == site.company.default_language:
            continue
        for dotted, shown, line in facts_used(site.renderer(lang), page.padded_body(), page.shown_as):
            # A group (company.privacy_contact) is fine when one of its facts is; each fact is checked itself.
            if dotted not in keys and not any(k.startswith(dotted + ".") for k in keys):
                problems.append(Problem(shown, line,
                    f"'company.{dotted}' is not stated in the original notice and not confirmed by the company: "
                    f"remove it, or record the company's confirmation in {site.company.shown_as} "
                    f"(confirmed: {{{dotted}: {{by: name of the person, on: YYYY-MM-DD}}}})"))
    return sorted(set(problems))
