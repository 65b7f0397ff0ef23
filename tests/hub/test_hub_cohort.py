"""A cohort on a real JupyterHub: one trainer and three learners as real Unix users.

The hub runs on 127.0.0.1 with configurable-http-proxy, the LocalProcessSpawner (each server runs
as its user, in that user's 0700 home) and the repository's own deploy/jupyterhub_config.py
(trainers' and learners' roles). Learners get the course with an nbgitpuller link made by
cohort.links, run an activity notebook in a kernel, save work, and fetch and submit the
Orientation checkpoint with nbgrader's own commands through a shared exchange; the trainer sets
the cohort up, releases every checkpoint of the course (in course order), collects and autogrades
Orientation (sandboxed) with the course's `python -m cohort`.
Needs root (useradd): as root it runs here; otherwise support/as_root.py decides (through sudo,
or a failure on CI, or a skip on a developer's machine). Everything is removed at teardown.
"""
from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import hub as hs
from support.as_root import FAIL, RUN, hub_test_plan
from cohort.checkpoints import ASSIGNMENTS
from cohort.links import parse_puller_link, puller_link

pytestmark = [pytest.mark.hub, pytest.mark.nbgrader]

COURSE_ID = "learning-circles"
ASSIGNMENT = "orientation"  # the Orientation module's checkpoint (checkpoints/source/)
NOTEBOOK = f"checkpoint-{ASSIGNMENT}"
REFLECTIONS = ["social-learning", "peer-network"]
REPO_NAME = "learning-circles"
ACTIVITY_NOTEBOOK = "notebooks/plan-your-circle.ipynb"
LEARNERS = ("learner1", "learner2", "learner3")
# Where learners' fetched checkpoints go (deploy/jupyter/learner/nbgrader_config.py): not the home
# itself, where the course's clone ~/learning-circles is named like the Learning circles checkpoint.
CHECKPOINTS_FOLDER = "my-checkpoints"


def reflection_of(name: str) -> str:
    return (f"{name}: in our library, time and confidence are the barriers. "
            "عربي \u202eRTL\u202c 🎉 e\u0301 <script>alert('x')</script> & \"quotes\"")


def topic_of(name: str) -> str:
    return f"Plan of {name} ✍️ <b>bold?</b> \u05e2\u05d1\u05e8\u05d9\u05ea " + "long " * 4000


@pytest.fixture(scope="module")
def cohort():
    """The hub with its users and servers; torn down completely whatever happens."""
    plan = hub_test_plan()  # not root: through sudo, or fail on CI, or skip (support/as_root.py)
    if plan.action == FAIL:
        pytest.fail(plan.reason)
    if plan.action != RUN:
        pytest.skip(plan.reason)
    if not shutil.which("configurable-http-proxy"):
        pytest.fail("configurable-http-proxy is missing: ./run.sh test installs it with npm")
    prefix = "lc" + secrets.token_hex(3)
    base = hs.make_base_dir()
    users: list[hs.UnixUser] = []
    granted: list = []  # folders given the "x" bit so other users can run this Python
    hub = git_server = None
    try:
        for role in ("trainer", *LEARNERS):
            users.append(hs.create_unix_user(f"{prefix}-{role}", base / "home" / f"{prefix}-{role}"))
        python = hs.shareable_python(users[0], granted)
        venv = hs.make_shared_venv(base, python)
        exchange = base / "exchange"
        exchange.mkdir()
        exchange.chmod(0o1777)
        roles = base / "jupyter"
        shutil.copytree(hs.ROOT / "deploy" / "jupyter", roles)
        site = base / "site"
        site.mkdir()
        (site / "nbgrader_config.py").write_text(f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n")
        subprocess.run(["chmod", "-R", "a+rX", str(roles), str(site)], check=True)
        repo_url, git_server = hs.serve_course_repository(base, REPO_NAME)
        run_dir = base / "hub"
        run_dir.mkdir(mode=0o700)
        port, token, password = hs.free_port(), hs.new_token(), hs.new_token()
        names = [user.name for user in users]
        config = hs.write_hub_config(run_dir, port=port, service_token=token, password=password, users=names, trainers=[names[0]],
                                     venv=venv, site_config=site)
        hub = hs.start_hub(run_dir, config, port, token, roles)
        for user in users:
            response = hub.api("POST", f"/users/{user.name}/tokens", json={"note": "cohort test"})
            assert response.status_code == 201, response.text
            user.token = response.json()["token"]
            hub.users[user.name] = user
        hs.start_servers(hub, names)
        yield {"hub": hub, "base": base, "exchange": exchange, "repo_url": repo_url,
               "trainer": users[0], "learners": dict(zip(LEARNERS, users[1:])), "prefix": prefix, "password": password}
    finally:
        if hub is not None:
            for user in users:
                try:
                    hub.api("DELETE", f"/users/{user.name}/server")
                except Exception:
                    pass
            hs.stop_hub(hub)
        if git_server is not None:
            git_server.shutdown()
        for user in users:
            hs.remove_unix_user(user)
        hs.restore_modes(granted)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def servers(cohort):
    hub = cohort["hub"]
    return {name: hs.UserServer(hub, user) for name, user in
            [("trainer", cohort["trainer"]), *cohort["learners"].items()]}


@pytest.fixture(scope="module")
def kernels(servers):
    return {name: server.start_kernel() for name, server in servers.items()}


def test_hub_knows_the_trainer_and_gives_each_server_its_role(cohort, servers, kernels):
    group = cohort["hub"].api("GET", "/groups/trainers").json()
    assert group["users"] == [cohort["trainer"].name]
    for name, server in servers.items():
        seen = server.run(kernels[name], "import os, getpass\nresult({'user': getpass.getuser(), "
                                         "'home': os.path.expanduser('~'), 'cwd': os.getcwd(), "
                                         "'role': os.environ.get('LEARNING_CIRCLES_ROLE'), 'uid': os.getuid()})")
        assert seen["user"] == server.user.name and seen["uid"] == server.user.uid
        assert seen["home"] == seen["cwd"] == str(server.user.home)
        assert seen["role"] == ("trainer" if name == "trainer" else "learner")


def pull_course(cohort, server: hs.UserServer) -> str:
    """Log in and follow an nbgitpuller link as the learner, like in a browser: the hub sends
    them to their own server, whose git-pull page clones the course (the stream read below is
    what that page's script reads)."""
    link = puller_link(cohort["hub"].url, cohort["repo_url"], "main", ACTIVITY_NOTEBOOK)
    browser = cohort["hub"].login(server.user.name, cohort["password"])
    landing = browser.get(link, timeout=120)
    assert landing.status_code == 200, landing.text[:2000]
    assert urlsplit(landing.url).path == f"/user/{server.user.name}/git-pull", landing.url
    parsed = parse_puller_link(link)
    query = {"repo": parsed.repo, "branch": parsed.branch, "targetpath": REPO_NAME}
    events = []
    with browser.get(f"{server.base}/git-pull/api", params=query, stream=True, timeout=240) as stream:
        for line in stream.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                events.append(json.loads(line[len("data:"):]))
                if events[-1].get("phase") in ("finished", "error"):
                    break
    assert events and events[-1]["phase"] == "finished", events[-3:]
    return parsed.urlpath


def test_learners_get_the_course_by_link_run_an_activity_and_keep_their_work(cohort, servers, kernels):
    for name in LEARNERS:
        server, kernel = servers[name], kernels[name]
        urlpath = pull_course(cohort, server)
        assert urlpath == f"lab/tree/{REPO_NAME}/{ACTIVITY_NOTEBOOK}"
        # The link's urlpath opens a file that now exists in the learner's home.
        contents_path = urlpath[len("lab/tree/"):]
        notebook = server.get(f"/api/contents/{contents_path}")
        assert notebook.status_code == 200, notebook.text[:500]
        cells = [cell["source"] for cell in notebook.json()["content"]["cells"] if cell["cell_type"] == "code"]
        assert cells
        for source in cells:
            outcome = server.execute(kernel, source)
            assert outcome.error is None, outcome.error
            assert "application/vnd.jupyter.widget-view+json" in outcome.output_types
        # Typing into the activity's widgets saves at once (what a learner's keystrokes do).
        saved = server.run(kernel, f"""
from activities.plan_circle import PlanView
from activities.storage import data_dir
view = PlanView()
view.inputs["topic"].value = {topic_of(name)!r}
view.inputs["weeks"].value = {LEARNERS.index(name) + 5}
path = view.store.state.path
result({{"path": str(path), "data_dir": str(data_dir())}})
""")
        home = server.user.home
        assert saved["data_dir"].startswith(str(home) + "/"), saved
        saved_file = Path(saved["path"])
        info = saved_file.stat()
        assert info.st_uid == server.user.uid and stat.S_IMODE(info.st_mode) & 0o077 == 0, oct(info.st_mode)
        cohort.setdefault("saved_files", {})[name] = saved_file

    # A new kernel (like reopening the notebook tomorrow) finds everything exactly as typed.
    for name in LEARNERS:
        server = servers[name]
        server.restart_kernel(kernels[name])
        back = server.run(kernels[name], """
from activities.plan_circle import store
plan, message = store().load()
result({"topic": plan.topic, "weeks": plan.weeks, "message": message})
""")
        assert back == {"topic": topic_of(name), "weeks": LEARNERS.index(name) + 5, "message": None}


def solutions(assignment: str) -> dict[str, str]:
    """The right answer of each quick check, read from the trainer's source notebook."""
    source = hs.ROOT / "checkpoints" / "source" / assignment / f"checkpoint-{assignment}.ipynb"
    found = {}
    for cell in json.loads(source.read_text(encoding="utf-8"))["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        match = re.search(r'### BEGIN SOLUTION\s*answer = "([^"]*)"', "".join(cell["source"]))
        if cell["cell_type"] == "code" and match:
            found[grade_id] = match.group(1)
    assert len(found) >= 2, found
    return found


def wrong(answer: str) -> str:
    return str(int(answer) + 1) if answer.isdigit() else ("a" if answer != "a" else "b")


def answers_of(name: str, right: dict[str, str]) -> dict[str, str]:
    """learner1 answers every quick check right, learner2 gets the first wrong, learner3 leaves
    everything blank; learners 1 and 2 write reflections (hostile text included)."""
    if name == "learner3":
        return {}
    checks = {grade_id: value for grade_id, value in right.items()}
    if name == "learner2":
        first = next(iter(checks))
        checks[first] = wrong(checks[first])
    return {**checks, **{question: reflection_of(name) + f" ({question})" for question in REFLECTIONS}}


def expected_auto_score(name: str, right: dict[str, str]) -> float:
    return {"learner1": len(right), "learner2": len(right) - 1, "learner3": 0}[name]


# Code run in a user's kernel: ``python -m <module> ...`` as that user; a failure raises with its output.
RUN_MODULE = r"""
import os, subprocess, sys

def run_module(module, *args, timeout):
    done = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"python -m {module} {args} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr
"""

TRAINER = RUN_MODULE + r"""
def cohort(*args):
    return run_module("cohort", *args, timeout=900)

course = os.path.expanduser("~/learning-circles-cohort")
"""

TRAINER_SETUP = TRAINER + r"""
roster = os.path.expanduser("~/roster.csv")
with open(roster, "w", encoding="utf-8") as handle:
    handle.write("id,first_name\n" + "".join(f"{learner},{learner.split('-')[-1]}\n" for learner in LEARNERS))
cohort("init", course, "--course-id", COURSE_ID, "--exchange", EXCHANGE, "--roster", roster)
cohort("generate", course)  # every checkpoint, as the trainers' guide does
log = "".join(cohort("release", course, checkpoint) for checkpoint in CHECKPOINTS)
result({"course": course, "log": log[-2000:]})
"""

TRAINER_GRADE = TRAINER + r"""
import nbformat
from nbgrader.api import Gradebook

cohort("collect", course, ASSIGNMENT)
log = cohort("autograde", course, ASSIGNMENT)  # each learner's code in the sandbox
scores, reflections = {}, {}
with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gradebook:
    for learner in LEARNERS:
        submission = gradebook.find_submission_notebook(NOTEBOOK, ASSIGNMENT, learner)
        scores[learner] = {grade.name: [grade.score, grade.needs_manual_grade] for grade in submission.grades}
        autograded = os.path.join(course, "autograded", learner, ASSIGNMENT, NOTEBOOK + ".ipynb")
        cells = nbformat.read(autograded, as_version=4).cells
        reflections[learner] = {c.metadata["nbgrader"]["grade_id"]: c.source for c in cells
                                if c.metadata.get("nbgrader", {}).get("grade_id") in REFLECTIONS}
result({"scores": scores, "reflections": reflections, "log": log[-3000:]})
"""

LEARNER_FETCH_AND_SUBMIT = RUN_MODULE + r"""
import json
import nbformat

def nbgrader(*args):
    return run_module("nbgrader", *args, timeout=300)

nbgrader("fetch_assignment", ASSIGNMENT)  # what the Assignments panel's Fetch button runs
path = os.path.join(os.path.expanduser("~"), CHECKPOINTS_FOLDER, ASSIGNMENT, NOTEBOOK + ".ipynb")
notebook = nbformat.read(path, as_version=4)
for cell in notebook.cells:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    if grade_id in ANSWERS and cell.cell_type == "markdown":
        cell.source = ANSWERS[grade_id]
    elif grade_id in ANSWERS:
        assert 'answer = ""' in cell.source, cell.source
        cell.source = cell.source.replace('answer = ""', "answer = " + json.dumps(ANSWERS[grade_id]))
nbformat.write(notebook, path)
log = nbgrader("submit", ASSIGNMENT)
result({"path": path, "log": log[-2000:]})
"""


def _with(constants: dict, code: str) -> str:
    return "".join(f"{key} = {value!r}\n" for key, value in constants.items()) + code


def test_checkpoint_goes_out_comes_back_and_is_graded(cohort, servers, kernels):
    trainer, learners = cohort["trainer"], cohort["learners"]
    ids = {name: user.name for name, user in learners.items()}
    right = solutions(ASSIGNMENT)
    constants = {"ASSIGNMENT": ASSIGNMENT, "NOTEBOOK": NOTEBOOK, "COURSE_ID": COURSE_ID, "CHECKPOINTS": list(ASSIGNMENTS),
                 "CHECKPOINTS_FOLDER": CHECKPOINTS_FOLDER,
                 "EXCHANGE": str(cohort["exchange"]), "LEARNERS": list(ids.values()), "REFLECTIONS": REFLECTIONS}
    released = servers["trainer"].run(kernels["trainer"], _with(constants, TRAINER_SETUP))
    for checkpoint in ASSIGNMENTS:
        outbound = cohort["exchange"] / COURSE_ID / "outbound" / checkpoint / f"checkpoint-{checkpoint}.ipynb"
        assert outbound.exists(), released["log"]
    assert released["course"] == str(trainer.home / "learning-circles-cohort")
    # As the guide says: restart once after `cohort init` so the formgrader reads the cohort's
    # own settings (its HTML sanitising of learners' text among them).
    hs.restart_server(cohort["hub"], trainer.name)
    kernels["trainer"] = servers["trainer"].start_kernel()

    for name in LEARNERS:
        # The course's clone from nbgitpuller is in the home, named like a checkpoint ...
        assert REPO_NAME in ASSIGNMENTS and (learners[name].home / REPO_NAME / ACTIVITY_NOTEBOOK).is_file()
        listing = servers[name].get("/assignments", params={"course_id": COURSE_ID})
        assert listing.status_code == 200, listing.text[:1000]
        # ... yet before Fetch the learner's Assignments panel offers every checkpoint as released
        # (nbgrader takes a folder named like a checkpoint where it keeps fetched ones for a copy).
        offered = {entry["assignment_id"]: entry["status"] for entry in listing.json()["value"]}
        assert offered == dict.fromkeys(ASSIGNMENTS, "released"), listing.text[:1000]
        submitted = servers[name].run(kernels[name], _with(
            {**constants, "ANSWERS": answers_of(name, right)}, LEARNER_FETCH_AND_SUBMIT))
        assert submitted["path"].startswith(str(learners[name].home)), submitted

    # The panel's Fetch button on the checkpoint named like the course's clone: a copy of its own.
    name, learner = "learner1", learners["learner1"]
    fetched = servers[name].post("/assignments/fetch", json={"course_id": COURSE_ID, "assignment_id": REPO_NAME})
    assert fetched.status_code == 200 and fetched.json()["success"], fetched.text[:2000]
    # The panel's list: what is released or fetched, then the learner's own submissions.
    now = {entry["assignment_id"]: entry for entry in fetched.json()["value"] if entry["status"] != "submitted"}
    assert sorted(now) == sorted(ASSIGNMENTS), fetched.text[:2000]
    assert now[REPO_NAME]["status"] == "fetched" and now[ASSIGNMENT]["status"] == "fetched", now
    assert now[REPO_NAME]["path"] == f"{CHECKPOINTS_FOLDER}/{REPO_NAME}", now[REPO_NAME]
    assert [notebook["path"] for notebook in now[REPO_NAME]["notebooks"]] == [
        f"{CHECKPOINTS_FOLDER}/{REPO_NAME}/checkpoint-{REPO_NAME}.ipynb"], now[REPO_NAME]
    checkpoint = learner.home / CHECKPOINTS_FOLDER / REPO_NAME / f"checkpoint-{REPO_NAME}.ipynb"
    assert checkpoint.stat().st_uid == learner.uid
    assert not (learner.home / REPO_NAME / f"checkpoint-{REPO_NAME}.ipynb").exists()  # the clone is untouched
    assert all(entry["status"] == "released" for key, entry in now.items() if key not in (REPO_NAME, ASSIGNMENT)), now

    inbound = cohort["exchange"] / COURSE_ID / "inbound"
    submissions = sorted(path.name for path in inbound.iterdir())
    assert len(submissions) == 3
    for name in LEARNERS:
        mine = [entry for entry in submissions if entry.startswith(f"{ids[name]}+{ASSIGNMENT}+")]
        # nbgrader hides submissions from other learners by an unguessable random part in the name.
        assert len(mine) == 1 and re.search(r"\+[0-9A-Za-z_-]{8,}$", mine[0]), submissions
    cohort["submissions"] = submissions

    graded = servers["trainer"].run(kernels["trainer"], _with(constants, TRAINER_GRADE))
    for name in LEARNERS:
        scores = graded["scores"][ids[name]]
        auto = sum(score for grade_id, (score, _manual) in scores.items() if grade_id not in REFLECTIONS)
        assert auto == expected_auto_score(name, right), (name, scores, graded["log"])
        for question in REFLECTIONS:
            if name == "learner3":  # left untouched: nbgrader gives 0 without asking the trainer
                assert scores[question] == [0.0, False], (name, scores)
            else:  # written: waits for the trainer in the formgrader, text unchanged
                assert scores[question][1] is True, (name, scores)
                assert graded["reflections"][ids[name]][question] == answers_of(name, right)[question]


def test_one_learner_cannot_read_another_learners_work_or_submission(cohort, servers, kernels):
    learners = cohort["learners"]
    assert "saved_files" in cohort and "submissions" in cohort, "runs after the activity and checkpoint tests"
    intruder, victim = "learner1", "learner2"
    victim_home = learners[victim].home
    targets = {
        "list the other learner's home": ("listdir", str(victim_home)),
        "read the other learner's saved work": ("read", str(cohort["saved_files"][victim])),
        "read the other learner's checkpoint": ("read", str(victim_home / CHECKPOINTS_FOLDER / ASSIGNMENT / f"{NOTEBOOK}.ipynb")),
        "write into the other learner's home": ("write", str(victim_home / "planted.txt")),
        "list the submissions in the exchange": ("listdir", str(cohort["exchange"] / COURSE_ID / "inbound")),
        "list the trainer's course directory (grades)": ("listdir", str(cohort["trainer"].home)),
    }
    # Root sees that the targets exist, so a PermissionError below is about permission, not absence.
    for _action, path in targets.values():
        assert Path(path).exists() or path.endswith("planted.txt"), path
    outcome = servers[intruder].run(kernels[intruder], f"""
import os, glob
targets = {json.dumps(targets)}
seen = {{}}
for what, (action, path) in targets.items():
    try:
        if action == "listdir":
            os.listdir(path)
        elif action == "read":
            open(path, "rb").read()
        else:
            open(path, "w").write("x")
        seen[what] = "allowed"
    except PermissionError:
        seen[what] = "PermissionError"
seen["found submissions by pattern"] = len(glob.glob({str(cohort['exchange'] / COURSE_ID / 'inbound')!r} + "/*"))
own = {str(cohort['saved_files'][intruder])!r}
seen["own saved work"] = len(open(own, "rb").read()) > 0
result(seen)
""")
    assert outcome.pop("found submissions by pattern") == 0
    assert outcome.pop("own saved work") is True
    assert outcome == {what: "PermissionError" for what in targets}, outcome
    assert not (victim_home / "planted.txt").exists()


def test_formgrader_is_reachable_for_the_trainer_only(cohort, servers):
    trainer = servers["trainer"]
    page = trainer.get("/formgrader")
    assert page.status_code == 200 and "formgrade" in page.text.lower()
    assignments = trainer.get("/formgrader/api/assignments")
    assert assignments.status_code == 200, assignments.text[:500]
    by_name = {entry["name"]: entry for entry in assignments.json()}
    assert by_name[ASSIGNMENT]["num_submissions"] == 3
    assert sorted(by_name) == sorted(ASSIGNMENTS)  # every checkpoint is in the trainer's gradebook
    assert all(by_name[name]["num_submissions"] == 0 for name in ASSIGNMENTS if name != ASSIGNMENT)

    # A reflection with a <script> in it is shown to the trainer as text, never run.
    notebooks = trainer.get(f"/formgrader/api/submitted_notebooks/{ASSIGNMENT}/{NOTEBOOK}")
    assert notebooks.status_code == 200, notebooks.text[:500]
    learner1 = cohort["learners"]["learner1"].name
    [submission] = [entry for entry in notebooks.json() if entry["student"] == learner1]
    shown = trainer.get(f"/formgrader/submissions/{submission['id']}/")
    assert shown.status_code == 200, cohort["hub"].log_tail(8000)
    assert "time and confidence are the barriers" in shown.text
    assert "<script>alert('x')</script>" not in shown.text and "<script>alert(" not in shown.text

    for name in LEARNERS:
        learner = servers[name]
        # With their own token, at the trainer's address: refused by the trainer's server.
        refused = trainer.get("/formgrader", token=learner.user.token, allow_redirects=False)
        assert refused.status_code in (302, 403), refused.status_code
        if refused.status_code == 302:
            assert "/hub/" in refused.headers["Location"]
        api = trainer.get("/formgrader/api/assignments", token=learner.user.token, allow_redirects=False)
        assert api.status_code in (302, 403) and ASSIGNMENT not in api.text
        # Their own server does not load the formgrader at all, and their JupyterLab hides it.
        assert learner.get("/formgrader").status_code == 404
        lab = learner.get("/lab")
        assert lab.status_code == 200
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      lab.text, re.S).group(1))
        assert "@jupyter/nbgrader:formgrader" in config.get("disabledExtensions", []), config.get("disabledExtensions")
    lab = trainer.get("/lab")
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  lab.text, re.S).group(1))
    assert "@jupyter/nbgrader:formgrader" not in config.get("disabledExtensions", [])
