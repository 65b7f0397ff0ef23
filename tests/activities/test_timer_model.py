"""The countdown's arithmetic (activities/timer/model.py), which the browser's timer.js follows."""
from __future__ import annotations

import pytest

from activities.timer.model import (FINISHED, MAX_MS, MINUTE_MS, PAUSED, READY, RUNNING, Countdown,
                                    check_minutes, mm_ss, spoken)

T0 = 1_800_000_000_000.0  # an arbitrary "Date.now()"
S = 1000


def test_a_new_countdown_waits_with_its_whole_length():
    countdown = Countdown.of_minutes(5)
    assert (countdown.status, countdown.remaining(T0), mm_ss(countdown.remaining(T0))) == (READY, 5 * MINUTE_MS, "05:00")


def test_running_counts_from_the_end_time_so_any_gap_between_ticks_is_right():
    running = Countdown.of_minutes(5).start(T0)
    assert running.status == RUNNING and running.ends_at == T0 + 5 * MINUTE_MS
    assert running.remaining(T0 + 0.4 * S) == 5 * MINUTE_MS - 400
    assert mm_ss(running.remaining(T0 + 0.4 * S)) == "05:00"  # rounds up: a full second has not gone
    assert mm_ss(running.remaining(T0 + 1 * S)) == "04:59"
    # a tab in the background for three minutes: no ticks, and still the right time
    assert mm_ss(running.remaining(T0 + 180 * S)) == "02:00"
    assert running.remaining(T0 + 10 * MINUTE_MS) == 0 and running.is_up(T0 + 10 * MINUTE_MS)


def test_pause_keeps_the_time_and_resume_goes_on_from_it():
    paused = Countdown.of_minutes(5).start(T0).pause(T0 + 72 * S)
    assert paused.status == PAUSED and paused.left_ms == 228 * S
    assert paused.remaining(T0 + 3600 * S) == 228 * S  # time passes, the paused timer does not move
    resumed = paused.resume(T0 + 1000 * S)
    assert resumed.status == RUNNING and resumed.ends_at == T0 + 1228 * S
    assert mm_ss(resumed.remaining(T0 + 1010 * S)) == "03:38"


def test_add_a_minute_while_ready_running_paused_and_after_the_end():
    assert Countdown.of_minutes(5).add_minute(T0).remaining(T0) == 6 * MINUTE_MS
    running = Countdown.of_minutes(5).start(T0).add_minute(T0 + 30 * S)
    assert running.remaining(T0 + 30 * S) == 330 * S
    paused = Countdown.of_minutes(5).start(T0).pause(T0 + 10 * S).add_minute(T0 + 20 * S)
    assert (paused.status, paused.left_ms) == (PAUSED, 350 * S)
    # at the end, "one more minute" runs at once for that minute
    again = Countdown.of_minutes(1).start(T0).add_minute(T0 + 90 * S)
    assert again.status == RUNNING and again.remaining(T0 + 90 * S) == MINUTE_MS
    # never past two hours
    assert Countdown.of_minutes(120).add_minute(T0).remaining(T0) == MAX_MS
    assert Countdown.of_minutes(119.5).start(T0).add_minute(T0).remaining(T0) == MAX_MS


def test_the_end_settles_to_finished_and_reset_starts_over():
    up = Countdown.of_minutes(1).start(T0).settled(T0 + MINUTE_MS)
    assert (up.status, up.remaining(T0), mm_ss(0)) == (FINISHED, 0, "00:00")
    assert Countdown.of_minutes(1).start(T0).pause(T0 + 2 * MINUTE_MS).status == FINISHED
    assert up.start(T0) == up  # a finished timer does not start again by itself
    assert up.reset() == Countdown.of_minutes(1)


@pytest.mark.parametrize("ms, shown, words", [
    (0, "00:00", "0 seconds"), (1, "00:01", "1 second"), (59_001, "01:00", "1 minute"),
    (61_000, "01:01", "1 minute 1 second"), (270_000, "04:30", "4 minutes 30 seconds"),
    (75 * MINUTE_MS, "75:00", "75 minutes"), (-5, "00:00", "0 seconds")])
def test_mm_ss_and_the_spoken_time(ms, shown, words):
    assert (mm_ss(ms), spoken(ms)) == (shown, words)


@pytest.mark.parametrize("minutes", [0, -1, 121, "5", None, True, float("nan")])
def test_a_length_we_cannot_use_gets_a_clear_message(minutes):
    with pytest.raises(ValueError, match="minutes"):
        check_minutes(minutes)


def test_the_widget_exposes_the_model_and_resets_from_python():
    from activities.timer import Timer

    timer = Timer(minutes=15, label="Role-play")
    assert (timer.label, timer.duration_ms, timer.status, timer.finished, timer.sound) == (
        "Role-play", 15 * MINUTE_MS, READY, False, False)
    timer.set_state({"status": RUNNING, "ends_at": T0 + 60 * S})  # as the browser sends it
    assert timer.countdown.remaining(T0) == 60 * S
    timer.set_state({"status": FINISHED, "left_ms": 0, "finished": True})
    timer.reset(10)
    assert (timer.status, timer.left_ms, timer.finished) == (READY, 10 * MINUTE_MS, False)
    with pytest.raises(ValueError, match="minutes"):
        Timer(minutes=0)
