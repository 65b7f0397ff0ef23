"""The trainers' pages name only commands that exist: every ``python -m cohort…`` line in their
code blocks and inline code is parsed by the command's own argparse parser, so a renamed step or
option makes this fail instead of a trainer's terminal."""
from __future__ import annotations

import argparse
import importlib
import re
import shlex
from pathlib import Path

import pytest

from support.paths import ROOT

#: Pages a trainer reads (the README's cohort sections are the same commands for developers).
PAGES = ["book/about/for-trainers.md", "book/about/cohort-workflow.md", "book/about/safe-grading.md", "README.md"]
#: The trainer's commands and the modules whose ``main(argv)`` parses them.
#: (``python -m cohort.sandbox`` is internal: kernel launcher and grading worker, never in the docs.)
MODULES = {"cohort": "cohort.__main__", "cohort.links": "cohort.links", "cohort.sandbox": "cohort.sandbox.__main__"}
_FENCE = re.compile(r"^ *```(?:bash|shell|sh|console)\s*\n(.*?)^ *```", re.M | re.S)
_INLINE = re.compile(r"(?<!`)`(python -m cohort[^`]*)`(?!`)")


def doc_commands(text: str) -> list[str]:
    """``python -m cohort…`` commands in fenced shell blocks (continuation lines joined, comments
    dropped) and in inline code that has arguments (``python -m cohort`` alone names the tool)."""
    found = []
    for block in _FENCE.findall(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("python -m cohort"):
                found.append(line)
    for span in _INLINE.findall(text):
        span = " ".join(span.split())
        if len(span.split()) > 3 and "|" not in span and "…" not in span:
            found.append(span)
    return found


class _Parsed(Exception):
    """Raised right after the real parser accepted the arguments, before anything runs."""


def parse_with_the_real_parser(command: str, monkeypatch) -> argparse.Namespace:
    words = shlex.split(command, comments=True)
    assert words[:2] == ["python", "-m"], command
    module = importlib.import_module(MODULES[words[2]])
    original = argparse.ArgumentParser.parse_args

    def parse_then_stop(self, args=None, namespace=None):
        raise _Parsed(original(self, args, namespace))

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_then_stop)
    try:
        module.main(words[3:])
    except _Parsed as parsed:
        return parsed.args[0]
    except SystemExit as stop:  # argparse refused: an unknown step or option, a missing argument
        pytest.fail(f"the docs' command does not parse (exit {stop.code}): {command}")
    pytest.fail(f"{MODULES[words[2]]}.main did not parse its arguments: {command}")


COMMANDS = [(page, command) for page in PAGES
            for command in doc_commands((ROOT / page).read_text(encoding="utf-8"))]


def test_the_trainers_pages_name_every_step():
    documented = {shlex.split(c)[3] for page, c in COMMANDS if page.endswith("cohort-workflow.md")
                  and shlex.split(c)[2] == "cohort"}
    steps = {"init", "roster", "generate", "release", "collect", "autograde", "feedback", "dashboard"}
    assert steps <= documented, f"steps with no command on cohort-workflow.md: {steps - documented}"
    assert any(c.startswith("python -m cohort.links ") for page, c in COMMANDS if "for-trainers" in page)


@pytest.mark.parametrize("page, command", COMMANDS, ids=[f"{Path(p).name}:{c[:70]}" for p, c in COMMANDS])
def test_every_documented_command_parses(page, command, monkeypatch, capsys):
    args = parse_with_the_real_parser(command, monkeypatch)
    assert capsys.readouterr().err == ""
    words = shlex.split(command, comments=True)
    if words[2] == "cohort":
        assert args.step == words[3]


def test_a_drifted_command_would_be_caught(monkeypatch, capsys):
    """The check itself: a step or option the command does not have is refused."""
    for wrong in ("python -m cohort grade ~/c orientation", "python -m cohort release ~/c orientation --all",
                  "python -m cohort.links --hub https://h --repo r notebooks/a.ipynb"):
        with pytest.raises(pytest.fail.Exception, match="does not parse"):
            parse_with_the_real_parser(wrong, monkeypatch)
    capsys.readouterr()


def test_the_extractor_reads_continuations_comments_and_inline_code():
    text = ("Run `python -m cohort collect ~/c a --update` then:\n\n   ```bash\n"
            "   python -m cohort init ~/c --course-id x \\\n       --exchange /e   # comment\n"
            "   ls\n   ```\n`python -m cohort` and `python -m cohort init | generate`\n")
    assert doc_commands(text) == ["python -m cohort init ~/c --course-id x         --exchange /e   # comment",
                                  "python -m cohort collect ~/c a --update"]
