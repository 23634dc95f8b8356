"""Every check of a company: clause ids, the HTML allowlist, links, disclosure, released versions, GDPR index."""
