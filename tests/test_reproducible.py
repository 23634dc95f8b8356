"""Two builds from the same sources give byte-identical site folders."""

from __future__ import annotations

from conftest import BUILD_DAY, BUILD_DAY_EPOCH, ROOT, run_build, run_build_command


def test_two_builds_are_byte_identical(tmp_path):
    # Two processes, so that nothing the first keeps in memory (or its hash seed) can make them agree.
    first = run_build_command(ROOT, tmp_path / "one" / "site", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    second = run_build(ROOT, tmp_path / "two" / "site", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    files_one = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    files_two = {p.relative_to(second.site): p.read_bytes() for p in second.site.rglob("*") if p.is_file()}
    assert len(files_one) > 50
    assert files_one.keys() == files_two.keys()
    different = [str(path) for path in files_one if files_one[path] != files_two[path]]
    assert different == []
