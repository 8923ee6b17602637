"""Instructions per request beside the figures issue 18 started from, for its closing note.

BEFORE: callgrind at commit 0f2a289 (before the layout's fragments), SQLite, 100,000
developers, the same scenarios and the same stretched timed caches as bench/instructions.py
(the session-start figures of the issue 18 work).
"""

BEFORE_COMMIT = "0f2a289"
BEFORE = {
    "bare Flask app": 0.79,
    "signed in, text only": 3.81,
    "home, first visit": 10.76,
    "listing, newcomer": 37.35,
    "listing, page 1": 35.75,
    "listing, page 50": 36.72,
    "profile page": 28.18,
    "thumbnail": 5.96,
}

LIMITS = {
    "listing, page 1": 10.0,
    "listing, page 50": 10.0,
    "profile page": 10.0,
    "thumbnail": 2.5,
}


def print_instructions(counts: dict[str, float]) -> None:
    """The counts, their ratio to the bare app, the start's figure and the target."""
    bare = counts["bare Flask app"]
    print(f"Instructions per request (callgrind; before = commit {BEFORE_COMMIT}):")
    print(f"  {'route':<22} {'before':>8} {'now':>8} {'x bare':>7} {'change':>7} {'target':>8}")
    for label, millions in counts.items():
        before = BEFORE.get(label)
        change = f"{millions / before - 1:+.0%}" if before else ""
        limit = f"<= {LIMITS[label]:g} M" if label in LIMITS else ""
        before_text = f"{before:.2f} M" if before else "—"
        print(
            f"  {label:<22} {before_text:>8} {millions:6.2f} M {millions / bare:6.1f}x"
            f" {change:>7} {limit:>8}"
        )
