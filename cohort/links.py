"""nbgitpuller links: one click gives a learner a fresh copy of the course on a JupyterHub.

A link points at the hub's ``git-pull`` handler (installed with nbgitpuller in the learners'
environment). The hub logs the learner in, starts their server, clones the repository into their
home folder (or merges new commits into an existing copy without overwriting their changes) and
then opens ``urlpath``. The clone lands in a folder named after the repository, so ``urlpath``
has to start with that folder.

Use from Python::

    from cohort.links import puller_link
    puller_link("https://hub.example.org", "https://github.com/org/course", "main",
                "notebooks/sentence-editor.ipynb")

or from a terminal::

    python -m cohort.links --hub https://hub.example.org \\
        --repo https://github.com/org/course --branch main notebooks/sentence-editor.ipynb
"""
from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from activities.registry import REPOSITORY_ROOT

#: What the link opens: JupyterLab (default), the classic notebook interface, or the file itself.
INTERFACES = {"lab": "lab/tree", "notebook": "notebooks", "tree": "tree"}


@dataclass(frozen=True)
class PullerLink:
    """The parts of an nbgitpuller link (what ``parse_puller_link`` gives back)."""

    hub: str
    repo: str
    branch: str
    urlpath: str
    targetpath: str | None = None


def repo_folder(repo: str) -> str:
    """The folder ``git clone`` makes for ``repo``: like git, the last part without ``.git``."""
    name = repo.strip().rstrip("/")
    if name.endswith("/.git"):
        name = name[: -len("/.git")]
    if name.endswith(".git"):
        name = name[: -len(".git")]
    name = re.split(r"[/:]", name)[-1]
    if not name or name in {".", ".."}:
        raise ValueError(f"cannot tell the repository's folder name from {repo!r}")
    return name


def _clean_path(path: str) -> str:
    """A relative path inside the repository, with forward slashes and no way out of it."""
    text = path.replace("\\", "/").strip()
    if text.startswith("/"):
        raise ValueError(f"give the path inside the repository, not an absolute path: {path!r}")
    normal = posixpath.normpath(text) if text else ""
    if normal == ".":
        normal = ""
    if normal == ".." or normal.startswith("../"):
        raise ValueError(f"the path leaves the repository: {path!r}")
    return normal


def _check_hub(hub: str) -> str:
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"the hub address must start with https:// (or http://): {hub!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"the hub address must not have a ?query or #fragment: {hub!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def puller_link(hub: str, repo: str, branch: str, path: str = "", *, interface: str = "lab",
                targetpath: str | None = None) -> str:
    """The nbgitpuller link that clones ``repo`` at ``branch`` and opens ``path`` inside it.

    ``path`` is relative to the repository (a notebook or a folder; empty opens the repository's
    folder). ``targetpath`` clones into another folder of the learner's home instead.
    """
    hub_url = _check_hub(hub)
    if not repo.strip():
        raise ValueError("the repository address is empty")
    if not branch.strip():
        raise ValueError("always name the branch: nbgitpuller's default may not be the course's branch")
    if interface not in INTERFACES:
        raise ValueError(f"interface must be one of {', '.join(INTERFACES)}: {interface!r}")
    folder = _clean_path(targetpath) if targetpath is not None else repo_folder(repo)
    if not folder:
        raise ValueError("targetpath must name a folder")
    inside = _clean_path(path)
    urlpath = "/".join(part for part in (INTERFACES[interface], folder, inside) if part)
    query = [("repo", repo.strip()), ("branch", branch.strip())]
    if targetpath is not None:
        query.append(("targetpath", folder))
    query.append(("urlpath", urlpath))
    encoded = "&".join(f"{key}={quote(value, safe='')}" for key, value in query)
    return f"{hub_url}/hub/user-redirect/git-pull?{encoded}"


def parse_puller_link(link: str) -> PullerLink:
    """Read an nbgitpuller link back into its parts (the inverse of ``puller_link``)."""
    parts = urlsplit(link)
    marker = "/hub/user-redirect/git-pull"
    if not parts.path.endswith(marker):
        raise ValueError(f"not an nbgitpuller link (no {marker}): {link!r}")
    hub = f"{parts.scheme}://{parts.netloc}{parts.path[: -len(marker)]}"
    values = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    for key in ("repo", "branch", "urlpath"):
        if len(values.get(key, [])) != 1:
            raise ValueError(f"an nbgitpuller link needs exactly one {key}=: {link!r}")
    target = values.get("targetpath", [None])[0]
    return PullerLink(hub, values["repo"][0], values["branch"][0], values["urlpath"][0], target)


def _exists_locally(path: str) -> bool:
    inside = _clean_path(path)
    return (Path.cwd() / inside).exists() or (REPOSITORY_ROOT / inside).exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cohort.links",
        description="Print nbgitpuller links that hand the course out on a JupyterHub.")
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", required=True, help="the course repository's git URL")
    parser.add_argument("--branch", required=True, help="the branch to hand out, e.g. main")
    parser.add_argument("--interface", choices=sorted(INTERFACES), default="lab",
                        help="open in JupyterLab (default), the classic notebook, or the file tree")
    parser.add_argument("--targetpath", help="clone into this folder of the learner's home")
    parser.add_argument("--markdown", action="store_true",
                        help="print a Markdown list (for a course page or an email)")
    parser.add_argument("paths", nargs="*", default=[""],
                        help="notebooks or folders inside the repository (none: the whole course)")
    args = parser.parse_args(argv)
    try:
        links = [(path, puller_link(args.hub, args.repo, args.branch, path, interface=args.interface,
                                    targetpath=args.targetpath)) for path in args.paths]
    except ValueError as error:
        parser.exit(2, f"{parser.prog}: error: {error}\n")
    for path in args.paths:
        if path and not _exists_locally(path):
            print(f"warning: there is no {path} in this folder or in the course at {REPOSITORY_ROOT}; check "
                  "its spelling, or learners will land on a 'file not found' page. (The link is printed "
                  "anyway, in case the file is only in the repository online.)", file=sys.stderr)
    for path, link in links:
        if args.markdown:
            label = posixpath.basename(_clean_path(path)) or "the whole course"
            label = label.replace("[", "\\[").replace("]", "\\]")
            print(f"- [{label}]({link})")
        else:
            print(link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
