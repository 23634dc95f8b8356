"""Two builds from the same sources give byte-identical site folders."""

from __future__ import annotations

from conftest import BUILD_DAY, BUILD_DAY_EPOCH, ROOT, run_build_command


def test_two_builds_are_byte_identical(site, tmp_path):
    # The shared build ran in a test worker; this one runs in a process of its own (another hash seed,
    # nothing kept in memory), with the same day and timestamps.
    second = run_build_command(ROOT, tmp_path / "two" / "site", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert second.returncode == 0, second.output
    files_one = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    files_two = {p.relative_to(second.site): p.read_bytes() for p in second.site.rglob("*") if p.is_file()}
    assert len(files_one) > 50
    assert files_one.keys() == files_two.keys()
    different = [str(path) for path in files_one if files_one[path] != files_two[path]]
    assert different == []
