"""`notices serve` previews the editor's draft and shows problems as warnings; `mkdocs build --strict` fails on them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import edit, free_port
from test_cli import example_project as cli_example_project


def mkdocs(project, *args, **kwargs):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def serve_until_ready(project, company):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # -P: the command is this checkout's code, not the copy's.
    server = subprocess.Popen([sys.executable, "-P", "-m", "notices", "serve", company, "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return server, port, response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise AssertionError(server.stdout.read())


def stop(server) -> str:
    server.terminate()
    try:
        output, _ = server.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        output, _ = server.communicate()
    return output


def test_serve_shows_the_draft_and_problems_as_warnings(project):
    edit(project / "docs" / "impro-celojumi" / "lv" / "index.md", "Pieklūt datiem", "Piekļūt datiem")
    edit(project / "docs" / "impro-celojumi" / "en" / "index.md", "{: #amendments }",
         '{: #amendments }\n\n{% include "change.md" %}\n\n{% include "<img src=x>.md" %}')
    server, port, home = serve_until_ready(project, "impro-celojumi")
    try:
        assert "Piekļūt datiem" in home  # the editor's draft, not the released v1
        assert "Melnraksts" in home
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5) as response:
            english = response.read().decode("utf-8")
        assert "snippet &#39;change.md&#39; does not exist" in english or "snippet 'change.md' does not exist" in english
        # A message is text in the box: the markup an editor wrote stays characters.
        assert "&lt;img src=x&gt;.md" in english and "<img src=x>" not in english
        # Under another host name (a DNS rebinding), the preview answers nothing.
        foreign = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": f"attacker.example:{port}"})
        try:
            urllib.request.urlopen(foreign, timeout=5)
            raise AssertionError("a foreign Host was answered")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403
    finally:
        output = stop(server)
    lines = (project / "docs" / "impro-celojumi" / "en" / "index.md").read_text(encoding="utf-8").split("\n")
    line = lines.index('{% include "change.md" %}') + 1
    assert (f"WARNING -  notices: docs/impro-celojumi/en/index.md:{line}: snippet 'change.md' does not exist in "
            "docs/snippets/en/: check its name or add the file") in output


def test_strict_build_fails_on_the_same_problem(project):
    edit(project / "docs" / "impro-celojumi" / "en" / "index.md", "{: #amendments }",
         '{: #amendments }\n\n{% include "change.md" %}')
    build = mkdocs(project, "build", "--strict", "-f", "companies/impro-celojumi/mkdocs.yml")
    output, _ = build.communicate(timeout=120)
    assert build.returncode == 1
    page = (project / "docs" / "impro-celojumi" / "en" / "index.md").read_text(encoding="utf-8").split("\n")
    line = page.index('{% include "change.md" %}') + 1
    assert f"docs/impro-celojumi/en/index.md:{line}: snippet 'change.md' does not exist" in output
    assert "Traceback" not in output


SITE = "example-privacy"

example_project = cli_example_project  # the fixture: a copy of the project with the example company


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, wanted: str, seconds: float) -> str:
    deadline = time.time() + seconds
    page = None
    while time.time() < deadline:
        page = _get(url)
        if page is not None and wanted in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{wanted!r} did not appear at {url} within {seconds} s")


def test_preview_follows_company_data_labels_and_shows_problems_in_the_page_language(example_project):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-P", "-m", "notices", "serve", SITE, "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=example_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "ro/", "1 Example Street", 60)
        edit(example_project / "companies" / SITE / "company.yml", "registered_address: 1 Example Street",
             "registered_address: 2 Changed Road")
        _wait_for(base + "ro/", "2 Changed Road", 15)
        edit(example_project / "docs" / "snippets" / "ro" / "labels.yml", "draft: \"Ciornă:", "draft: \"Schiță:")
        _wait_for(base + "ro/", "Schiță:", 15)
        # A mistake: the preview keeps running and shows it on the page, titled in the page's language.
        edit(example_project / "docs" / SITE / "ro" / "index.md", "{{ company.registered_address }}",
             "{{ company.registred_address }}")
        page = _wait_for(base + "ro/", "Probleme de corectat în surse", 15)
        assert "docs/example-privacy/ro/index.md:12:" in page
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "docs/example-privacy/ro/index.md:12: 'company.registred_address' has no value" in output
    assert "Traceback" not in output
