"""The scaling table (`python -m bench --scaling 1000,10000,100000,1000000`): SQL ms and CPU
ms per request of each search scenario, the heavy filter and the experience sorts, at each
size, beside the figures issue 15 gives for before.

Each size is seeded afresh into a scratch database (SQLite; PostgreSQL too with --postgres).
SQL: every read of one request, run again and timed (bench/sql.py, best of 7). CPU: the
request in process, best of 5 batches (bench/cpu.py), with the listing totals remembered
for no time, so every request counts its matches as a first visit does.
"""

from pathlib import Path

from bench import cpu, sql
from bench.seed import EMPLOYER, seed

ROWS = [
    "search: no match",
    "search: common skill",
    "search: transliterated",
    "search: typo",
    "search: phrase",
    "heavy filter",
    "sort by experience",
    "search, sort by experience",
]
# Issue 15's measurements before the index: the substring search's CPU per request (any
# word) and the heavy filter's SQL, at 1k / 10k / 100k / 1M.
BEFORE_SIZES = (1_000, 10_000, 100_000, 1_000_000)
BEFORE = {
    **{label: ("CPU", (6, 26, 273, 3147)) for label in ROWS if label.startswith("search:")},
    "heavy filter": ("SQL", (0.03, 1.7, 27, 47)),
}


def measure(url: str, developers: int, echo=print) -> dict[str, tuple[float, float]]:
    """{scenario: (SQL ms, CPU ms)} at this size (seeds `url` first)."""
    password = seed(url, developers, echo=lambda m: echo("  " + m))
    sql_ms = sql.measure(url, EMPLOYER, password)
    paths = {label: sql.SCENARIOS[label] for label in ROWS}
    cpu_ms = cpu.measure(url, EMPLOYER, password, paths, LISTING_TOTALS_SECONDS=0)
    return {label: (sql_ms[label][0], cpu_ms[label]) for label in ROWS}


def report(name: str, results: dict[int, dict]) -> None:
    sizes = sorted(results)
    print(f"\n{name}: SQL ms / CPU ms per request (after), and issue 15's before")
    heading = "".join(f"{_size(n):>15}" for n in sizes)
    print(f"{'scenario':<28}{heading}   before (issue 15)")
    for label in ROWS:
        cells = "".join(f"{results[n][label][0]:7.2f}/{results[n][label][1]:6.1f} " for n in sizes)
        kind, figures = BEFORE.get(label, ("", ()))
        before = (
            f"{kind} " + " / ".join(f"{f:g}" for f in figures) + " ms at 1k/10k/100k/1M"
            if figures
            else "-"
        )
        flag = "  (SQL over 10 ms)" if any(results[n][label][0] >= 10 for n in sizes) else ""
        print(f"{label:<28}{cells}  {before}{flag}")


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def run(sizes: list[int], runs: list[tuple[str, str]]) -> None:
    for name, url in runs:
        results = {}
        for developers in sizes:
            print(f"\n== {name}: {developers} developers…")
            target = url(developers) if callable(url) else url
            results[developers] = measure(target, developers)
            if target.startswith("sqlite:///"):  # a million profiles take gigabytes
                for suffix in ("", "-wal", "-shm"):
                    Path(target.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        report(name, results)
