"""What readers get: the pages built from released versions, releasing a version, versions.json, search, CSP, URLs."""
