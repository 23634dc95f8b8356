"""Reading the sources: YAML, front matter, company facts, notice pages, clause markers, filling, problems."""
