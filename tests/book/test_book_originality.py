"""The course is written in our own words: no long run of the seed text appears in our pages.

Both sides are normalised (lowercase, punctuation dropped, markup stripped) and compared as word
sequences; any run of RUN_LENGTH or more consecutive seed words found in a file fails the test and
is reported. Short quotations (the edtech slogan, seven words) pass.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from support.paths import ROOT

RUN_LENGTH = 12
SEED_NAME = "000_8eaca2caada33837.txt"
# The shared seed folder sits beside the repository on the development machine (../shared/seeds).
SEED = next((p / "shared" / "seeds" / SEED_NAME for p in ROOT.parents
             if (p / "shared" / "seeds" / SEED_NAME).exists()), ROOT.parent / "shared" / "seeds" / SEED_NAME)
_SEED_COPY = Path(__file__).with_name("book_support_seed.txt")
# The facts of the newer modules, gathered from P2PU's and The Carpentries' course repositories
# (../shared/notes/course-facts.md): their wording must not reach our pages either.
FACTS_NAME = "course-facts.md"
FACTS = next((p / "shared" / "notes" / FACTS_NAME for p in ROOT.parents
              if (p / "shared" / "notes" / FACTS_NAME).exists()), ROOT.parent / "shared" / "notes" / FACTS_NAME)
_FACTS_COPY = Path(__file__).with_name("book_support_course_facts.txt")


def words(text: str) -> list[str]:
    """Lowercase words with punctuation, markup and URLs removed; curly quotes fold to plain."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"'", "", text)  # "don't" and "dont" are the same word
    return re.findall(r"[a-z0-9]+", text)


def shared_runs(seed_words: list[str], text_words: list[str], length: int = RUN_LENGTH) -> list[str]:
    """Every maximal run of at least ``length`` consecutive words that both texts contain."""
    seed_grams = {tuple(seed_words[i:i + length]) for i in range(len(seed_words) - length + 1)}
    runs, i = [], 0
    while i <= len(text_words) - length:
        if tuple(text_words[i:i + length]) in seed_grams:
            j = i + length
            while j < len(text_words) and tuple(text_words[j - length + 1:j + 1]) in seed_grams:
                j += 1
            runs.append(" ".join(text_words[i:j]))
            i = j
        else:
            i += 1
    return runs


def _seed_text() -> str:
    for candidate in (SEED, _SEED_COPY):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    pytest.fail(f"seed text not found at {SEED} or {_SEED_COPY}")


def _facts_text() -> str:
    for candidate in (FACTS, _FACTS_COPY):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    pytest.fail(f"course facts not found at {FACTS} or {_FACTS_COPY}")


def _course_texts():
    """Every markdown page under book/ and every markdown cell of notebooks/ and of the checkpoints."""
    for path in sorted((ROOT / "book").rglob("*.md")):
        yield path, path.read_text(encoding="utf-8")
    notebooks = sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted((ROOT / "checkpoints" / "source").rglob("*.ipynb"))
    for path in notebooks:
        if ".ipynb_checkpoints" in path.parts:
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "markdown"]
        yield path, "\n\n".join("".join(c.get("source", "")) for c in cells)


def _copied_runs(source_words: list[str]) -> tuple[int, list[str]]:
    """How many course files were read, and each run of ``source_words`` found in one of them."""
    checked, offences = 0, []
    for path, text in _course_texts():
        checked += 1
        for run in shared_runs(source_words, words(text)):
            offences.append(f"{path.relative_to(ROOT)}: {len(run.split())} words: \"{run}\"")
    return checked, offences


def test_the_check_itself_catches_a_pasted_sentence():
    seed = words(_seed_text())
    pasted = "Intro. " + " ".join(seed[200:215]) + " and then our own words follow here."
    assert shared_runs(seed, words(pasted)) == [" ".join(seed[200:215])]
    # Reworded text, and a short quotation of the slogan, pass.
    assert shared_runs(seed, words("In 2015 companies said anybody could learn anything, anywhere, for free.")) == []


def test_the_seed_copy_for_ci_matches_the_seed():
    """CI machines have no ../shared folder, so the tests keep their own copy of the seed."""
    if not SEED.exists():
        pytest.skip("the shared seed folder is not on this machine; the copy is used")
    assert _SEED_COPY.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


def test_no_long_run_of_the_seed_in_book_or_notebooks():
    checked, offences = _copied_runs(words(_seed_text()))
    assert checked >= 10, f"only {checked} course files found; is the layout broken?"
    assert not offences, "text copied from the seed (rewrite it in our own words):\n" + "\n".join(offences)


def test_the_course_facts_copy_for_ci_matches_the_notes():
    if not FACTS.exists():
        pytest.skip("the shared notes folder is not on this machine; the copy is used")
    assert _FACTS_COPY.read_text(encoding="utf-8") == FACTS.read_text(encoding="utf-8")


def test_the_check_catches_a_sentence_pasted_from_the_course_facts():
    facts = words(_facts_text())
    start = facts.index("schedule")  # "Schedule the circle at least 6 weeks before it starts. ..."
    pasted = "Our words. " + " ".join(facts[start:start + 14]) + " and more of our own."
    assert shared_runs(facts, words(pasted)) == [" ".join(facts[start:start + 14])]


def test_no_long_run_of_the_course_facts_in_book_or_notebooks():
    checked, offences = _copied_runs(words(_facts_text()))
    assert checked >= 10, f"only {checked} course files found; is the layout broken?"
    assert not offences, "text copied from the course facts (rewrite it in our own words):\n" + "\n".join(offences)
