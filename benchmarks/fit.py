"""Benchmark 5: the sentence editor's Python fit (fitting.fit) for 10 to 100,000 characters.

The Python fit is the reference the PNG export uses; typing runs the same algorithm in the
browser (see the ``typing`` benchmark). Baseline: the 10-character sentence. The growth exponent
k in time ~ n^k comes from a least-squares line through log(time) against log(length) over the
sizes of 1,000 characters and more (below that, fixed costs dominate).
"""
from __future__ import annotations

import math
import time
import tracemalloc

from activities.sentence_editor import fitting

from .core import Row

NAME = "fit"
SIZES = (10, 100, 1_000, 10_000, 100_000)
QUICK_SIZES = (10, 100, 1_000, 10_000)
# Words from the course's own slogan and its rewrites, so widths come from real words.
WORDS = ("Anybody can learn anything, anywhere, for free - if the library is open late, the "
         "bus runs, childcare is shared and someone says your questions count. Peers learn "
         "together: no expert needed, everyone brings what they know.").split()


def sentence(length: int) -> str:
    """A sentence of exactly ``length`` characters made of real words.

    After the first pass through the words each gets a round number ("learn2"), so every word is
    new to the fit: the worst case for its per-word measuring, like a long pasted text.
    """
    parts, total, i = [], 0, 0
    while total < length:
        rounds, index = divmod(i, len(WORDS))
        word = WORDS[index] + (str(rounds + 1) if rounds else "")
        parts.append(word)
        total += len(word) + 1
        i += 1
    return " ".join(parts)[:length]


def time_per_call(text: str, budget_s: float) -> tuple[float, fitting.Layout]:
    """Median seconds per fitting.fit(text) over repeats within about ``budget_s``; the layout."""
    start = time.perf_counter()
    layout = fitting.fit(text)  # warms the font caches: typing never pays for loading the font
    # Slow calls (100k characters take seconds) are timed once more, fast ones many times.
    least = 3 if time.perf_counter() - start < budget_s / 3 else 1
    samples = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < least or (time.perf_counter() < deadline and len(samples) < 200):
        start = time.perf_counter()
        fitting.fit(text)
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2], layout


def peak_memory_mb(text: str) -> float:
    tracemalloc.start()
    try:
        fitting.fit(text)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def growth_exponent(lengths: list[int], seconds: list[float]) -> float:
    points = [(math.log(n), math.log(t)) for n, t in zip(lengths, seconds) if n >= 1_000]
    if len(points) < 2:
        points = [(math.log(n), math.log(t)) for n, t in zip(lengths, seconds)]
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    return (sum((x - mean_x) * (y - mean_y) for x, y in points)
            / sum((x - mean_x) ** 2 for x, _ in points))


def run(quick: bool = False) -> list[Row]:
    sizes = QUICK_SIZES if quick else SIZES
    budget = 0.3 if quick else 3.0
    timed = [time_per_call(sentence(n), budget) for n in sizes]
    seconds = [t for t, _ in timed]
    exponent = growth_exponent(list(sizes), seconds)
    rows = []
    for n, (t, layout) in zip(sizes, timed):
        per_char = t / n * 1e6
        note = f"size {layout.size} px, {len(layout.lines)} lines, {per_char:.2f} µs/char"
        if n == sizes[-1]:
            note += f"; growth ~ n^{exponent:.2f} (fit over n >= 1000)"
        rows.append(Row(f"fit: {n:,} chars", "fit of 10 chars", seconds[0], "fit", t, "s",
                        peak_memory_mb=peak_memory_mb(sentence(n)) if n >= 1_000 else None, note=note))
    return rows
