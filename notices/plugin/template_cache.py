"""The theme's templates are compiled once per process, not once per language.

mkdocs-static-i18n builds every language with a new Jinja environment, so each pass would parse and
compile Material's templates again (a third of a build's time). Jinja's public bytecode cache keeps
the compiled code; it checks each template's source checksum, so an edited template is compiled
again (also under `notices serve`).
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the life of the process."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give the bucket the code compiled earlier, if any (Jinja rejects it if the source changed)."""
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()

