"""Scenario 3: two beat processes (one started by mistake) send a scheduled reminder once per
due time, so the visitor gets one reminder."""

import datetime
import time

from deploy.tests.conftest import data, note, wait_until

REMINDERS = "teilhabe.programme.tasks.send_session_reminders"
INTERVAL = 2


def mails_to(stack, address):
    return [m for m in stack.mail() if address in m["To"]]


def test_reminder_is_sent_once_with_two_beats(stack, request):
    offer = data(stack, "create_offer", capacity=10, taken=1, session_in_hours=3)
    person = next(r for r in data(stack, "registrations", slug=offer["slug"]))
    second_beat = stack.start_beat()
    try:
        entry = data(stack, "set_entry_interval", task=REMINDERS, seconds=INTERVAL)
        since = datetime.datetime.fromisoformat(entry["now"])
        wait_until(
            lambda: mails_to(stack, person["email"]),
            timeout=30,
            message="no reminder arrived",
        )
        time.sleep(12)
        runs = [
            run
            for run in data(stack, "scheduled_runs", name=entry["name"])
            if datetime.datetime.fromisoformat(run["due_at"]) >= since
        ]
    finally:
        data(stack, "set_entry_interval", task=REMINDERS, seconds=15 * 60)
        second_beat.stop()

    assert len(mails_to(stack, person["email"])) == 1
    # Both schedulers took part: each either sent the entry or found it sent by the other.
    for beat in ("beat-1", second_beat.name):
        log = stack.log(beat)
        assert (
            f"sending due task {entry['name']}" in log
            or f"{entry['name']} was already sent by another scheduler" in log
        ), f"{beat} never tried the entry"
    # One run per due time, spaced by the interval: not two per due time.
    due_times = [datetime.datetime.fromisoformat(run["due_at"]) for run in runs]
    assert len(due_times) == len(set(due_times))
    assert 4 <= len(runs) <= 12 / INTERVAL + 3, runs
    gaps = [(b - a).total_seconds() for a, b in zip(due_times, due_times[1:], strict=False)]
    assert min(gaps) >= INTERVAL * 0.9, gaps
    note(request, f"1 reminder; {len(runs)} runs, gaps {min(gaps):.1f}–{max(gaps):.1f} s")
