"""The archive of released texts (notices/model/archive.py): a frozen text published without its identity block."""

from __future__ import annotations

from notices.model.archive import frozen_text


def test_a_frozen_text_is_published_without_its_identity_block(tmp_path):
    folder = tmp_path / "versions" / "v1"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text("---\ncompany: x\nversion: v1\n---\n# Notice\n", encoding="utf-8")
    (folder / "ro.md").write_text("# Notă fără antet\n", encoding="utf-8")
    assert frozen_text(tmp_path, "v1", "en") == "# Notice\n"
    assert frozen_text(tmp_path, "v1", "ro") == "# Notă fără antet\n"
