"""What `make bench` prints after the load test: each route's throughput and latency, CPU
and instructions per request, worker memory, the search's share of page 1, the targets."""

from bench import load, table

TARGETS = (
    "targets (issue 18): listing pages and profile >= 12 % of bare and <= 10 M instructions; "
    "thumbnail >= 30 % and <= 2.5 M; home for a visitor >= 30 %; listing p99 at 8 "
    "connections < 50 ms; worker RSS <= 150 MB. Issue 15: no-match search >= 90 % and "
    "common-skill search >= 80 % of the unfiltered page 1"
)


def print_load(name: str, results: dict, args, rss: dict, cpu_ms: dict, counts: dict | None):
    bare = results["bare Flask app"].rps
    tool = "wrk" if load.have_wrk() else "Python load generator"
    print(
        f"\n{name}: {args.developers} published developers, gunicorn {args.workers} sync "
        f"workers, {args.connections} connections x {args.seconds:g} s ({tool})"
    )
    print(
        f"{'route':<20} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'vs bare':>8} {'errors':>6}"
        f" | {'8 conn p99':>10} | {'1 conn p50':>10} {'p99':>6}"
    )
    for label, r in results.items():
        s, e = r.serial, r.eight
        print(
            f"{label:<20} {r.rps:8.0f} {r.p50:7.1f} {r.p99:7.1f} {r.rps / bare:7.0%} "
            f"{r.errors:6d} | {e.p99:10.1f} | {s.p50:10.1f} {s.p99:6.1f}"
        )
    print("CPU time per request in process (test client; other processes hardly change it):")
    for label, ms in cpu_ms.items():
        print(f"  {label:<20} {ms:6.2f} ms  {cpu_ms['bare Flask app'] / ms:5.0%} of bare")
    if counts:
        table.print_instructions(counts)
    else:
        print("Instructions per request: valgrind is not installed (apt-get install valgrind).")
    for kind, sizes in rss.items():
        print(f"worker RSS ({kind}): " + ", ".join(f"{mb:.0f} MB" for mb in sizes))
    if "unfiltered page 1" in results:
        base = results["unfiltered page 1"].rps
        for label in ("search: no match", "search: common skill"):
            print(f"{label} serves {results[label].rps / base:.0%} of the unfiltered page 1")
    print(
        "At 32 connections latency is mostly queueing (mean ~ connections / req/s); the "
        "1-connection columns are the service time of one request."
    )
    print(TARGETS)
