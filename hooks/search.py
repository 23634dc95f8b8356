"""MkDocs adapter: splits the combined search index into one index per language."""
