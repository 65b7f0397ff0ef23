"""The nbgitpuller link generator (cohort.links): encoding, round trip, refusals and the CLI."""
from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cohort.links import parse_puller_link, puller_link, repo_folder

HUB = "https://hub.example.org"
REPO = "https://github.com/learning-circles-course/learning-circles"


def test_link_has_the_documented_shape():
    link = puller_link(HUB, REPO, "main", "notebooks/sentence-editor.ipynb")
    assert link == (
        "https://hub.example.org/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Flearning-circles-course%2Flearning-circles"
        "&branch=main"
        "&urlpath=lab%2Ftree%2Flearning-circles%2Fnotebooks%2Fsentence-editor.ipynb")


@pytest.mark.parametrize("repo, folder", [
    ("https://github.com/org/course", "course"),
    ("https://github.com/org/course.git", "course"),
    ("https://gitlab.example.org/group/sub/course/", "course"),
    ("git@github.com:org/course.git", "course"),
    ("file:///srv/git/my course.git", "my course"),
])
def test_urlpath_starts_with_the_folder_git_clones_into(repo, folder):
    parsed = parse_puller_link(puller_link(HUB, repo, "main", "notebooks/plus-delta.ipynb"))
    assert repo_folder(repo) == folder
    assert parsed.urlpath == f"lab/tree/{folder}/notebooks/plus-delta.ipynb"


def test_special_characters_are_encoded_and_come_back():
    repo = "https://example.org/git/a b&c=d?e#f/kurs-ü.git"
    path = "notebooks/Plan & do #1 (ü) +50%.ipynb"
    link = puller_link(HUB + "/prefix/", repo, "feature/x&y", path)
    query = urlsplit(link).query
    # Only the separators between parameters are raw; every value is percent-encoded.
    assert query.count("&") == 2 and query.count("=") == 3 and "#" not in link and " " not in link
    parsed = parse_puller_link(link)
    assert parsed.hub == "https://hub.example.org/prefix"
    assert parsed.repo == repo and parsed.branch == "feature/x&y"
    assert parsed.urlpath == f"lab/tree/kurs-ü/{path}"


def test_branch_is_always_in_the_link_and_targetpath_moves_the_folder():
    link = puller_link(HUB, REPO, "main", "", targetpath="circle-2026")
    values = parse_qs(urlsplit(link).query)
    assert values["branch"] == ["main"]
    assert values["targetpath"] == ["circle-2026"]
    assert values["urlpath"] == ["lab/tree/circle-2026"]
    assert parse_qs(urlsplit(puller_link(HUB, REPO, "main", "notebooks", interface="notebook")).query)[
        "urlpath"] == ["notebooks/learning-circles/notebooks"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(hub="hub.example.org"), "https://"),
    (dict(hub="ftp://hub.example.org"), "https://"),
    (dict(hub="https://hub.example.org/?x=1"), "query"),
    (dict(branch=""), "branch"),
    (dict(branch="  "), "branch"),
    (dict(repo=""), "empty"),
    (dict(path="/etc/passwd"), "absolute"),
    (dict(path="../../other"), "leaves"),
    (dict(path="notebooks/../../x"), "leaves"),
    (dict(interface="vscode"), "interface"),
])
def test_bad_input_is_refused_with_a_reason(kwargs, message):
    arguments = dict(hub=HUB, repo=REPO, branch="main", path="notebooks/plus-delta.ipynb") | kwargs
    with pytest.raises(ValueError, match=message):
        puller_link(**arguments)


def test_parse_refuses_other_links():
    with pytest.raises(ValueError):
        parse_puller_link("https://hub.example.org/hub/login?next=x")
    with pytest.raises(ValueError):
        parse_puller_link("https://hub.example.org/hub/user-redirect/git-pull?repo=x&urlpath=y")


path_part = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda text: text.strip() not in {"", ".", ".."} and "/" not in text and "\\" not in text
    and text == text.strip())


@settings(max_examples=200, deadline=None)
@given(branch=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(
           lambda text: text.strip() == text and text),
       parts=st.lists(path_part, min_size=1, max_size=3))
def test_round_trip_for_any_branch_and_path(branch, parts):
    path = "/".join(parts)
    parsed = parse_puller_link(puller_link(HUB, REPO, branch, path))
    assert (parsed.hub, parsed.repo, parsed.branch) == (HUB, REPO, branch)
    assert parsed.urlpath == f"lab/tree/learning-circles/{path}"


def test_cli_prints_one_link_per_notebook_and_markdown():
    command = [sys.executable, "-m", "cohort.links", "--hub", HUB, "--repo", REPO, "--branch", "main"]
    result = subprocess.run(command + ["notebooks/plus-delta.ipynb", "notebooks/which-network.ipynb"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [puller_link(HUB, REPO, "main", "notebooks/plus-delta.ipynb"),
                     puller_link(HUB, REPO, "main", "notebooks/which-network.ipynb")]
    markdown = subprocess.run(command + ["--markdown"], capture_output=True, text=True, timeout=60)
    assert markdown.stdout == f"- [the whole course]({puller_link(HUB, REPO, 'main')})\n"
    refused = subprocess.run(command + ["../secrets"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "leaves the repository" in refused.stderr
    missing_branch = subprocess.run(command[:-2], capture_output=True, text=True, timeout=60)
    assert missing_branch.returncode == 2 and "--branch" in missing_branch.stderr
