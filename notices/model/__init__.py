"""The notice as data: released versions and the one in force, dates, word-level diffs, translations, git's record."""
