"""What readers get: the generated pages, the site's other files, releasing a version, search, CSP, URLs."""
