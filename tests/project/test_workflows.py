"""The workflows (.github/workflows/): CI runs the tests and a strict build, actions pinned, deploys from main on each zone's day."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import (
    ROOT,
)


def test_ci_workflow_checks_tests_builds_strictly_and_uploads():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in workflow["jobs"]["check"]["steps"])
    for needed in ["notices check", "pytest", "mkdocs build --strict", "upload-artifact", "notices summary"]:
        assert needed in steps


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflows_pin_actions_read_full_history_and_keep_expressions_out_of_scripts(name):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert "permissions" in workflow
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["fetch-depth"] == 0 and step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), step["run"]


def test_the_deploy_runs_the_full_check_against_main_and_only_from_main():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["deploy"]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    script = " ".join(step.get("run", "") for step in job["steps"])
    assert "notices check --against origin/main" in script
    assert script.index("notices check") < script.index("notices build") < script.index("rsync -rlz")
    # Each host's deploy record is fetched outside site/ before the check, and both check and build count from it.
    fetch = script.index("--include=/deployed.json --exclude='*'")
    assert fetch < script.index("notices check --against origin/main --deployed live")
    assert script.index("notices build --deployed live") < script.index("rsync -rlz")


def test_the_deploy_workflow_rebuilds_shortly_after_midnight_in_each_company_zone():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]  # YAML reads the key 'on' as True
    runs = [(int(cron.split()[1]), int(cron.split()[0])) for cron in crons]
    for zone in (ZoneInfo("Europe/Bucharest"), ZoneInfo("Europe/Riga")):
        for day in (dt.date(2027, 1, 15), dt.date(2027, 7, 15)):  # winter and summer time
            local = [dt.datetime.combine(day, dt.time(hour, minute), dt.UTC).astimezone(zone).time()
                     for hour, minute in runs]
            assert any(dt.time(0, 0) < moment <= dt.time(0, 30) for moment in local), (zone, day, local)
