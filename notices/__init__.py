"""Privacy notices as code: company facts, notice pages, clauses and checks, free of MkDocs."""
