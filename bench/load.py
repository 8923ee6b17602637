"""Drive a URL with wrk (if installed) or a Python load generator; both report requests/s,
latency percentiles and non-2xx answers."""

import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

WRK_SCRIPT = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("pct %d %d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("total %d\\n", summary.requests))
  io.write(string.format("status_errors %d\\n", summary.errors.status))
  io.write(string.format("socket_errors %d\\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Result:
    rps: float
    p50: float  # milliseconds
    p95: float
    p99: float
    errors: int  # non-2xx answers and socket errors
    requests: int
    serial: "Result | None" = None  # the same route at one connection: service time
    eight: "Result | None" = None  # at 8 connections: the p99 the targets name


# One browser: the sign-in, the checks and the load all send it. Flask-Login's session
# protection ties a session to its User-Agent: a load tool sending its own would be a moved
# session on every request (unfresh, so the session cookie signed and set again each time),
# which a real visitor's browser never is.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) outstaff-bench/1.0"


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, connections: int, seconds: float, cookie: str | None) -> Result:
    if have_wrk():
        return _wrk(url, connections, seconds, cookie)
    return _python(url, connections, seconds, cookie)


def _wrk(url: str, connections: int, seconds: float, cookie: str | None) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        cmd = [
            "wrk",
            "-t",
            str(min(2, connections)),
            "-c",
            str(connections),
            "-d",
            f"{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            "-H",
            f"User-Agent: {USER_AGENT}",
            url,
        ]
        if cookie:
            cmd[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    pct = {int(p): int(us) / 1000 for p, us in re.findall(r"^pct (\d+) (\d+)$", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    number = lambda name: int(re.search(rf"^{name} (\d+)$", out, re.M)[1])  # noqa: E731
    return Result(
        rps,
        pct[50],
        pct[95],
        pct[99],
        number("status_errors") + number("socket_errors"),
        number("total"),
    )


def _python(url: str, connections: int, seconds: float, cookie: str | None) -> Result:
    """Threads with keep-alive http.client connections (reopened when the server closes).
    The client shares the machine's cores with the server, so figures are lower than wrk's."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.perf_counter() + seconds

    def worker(i: int) -> None:
        conn = None
        while time.perf_counter() < deadline:
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[i] += 1
                conn.close()
                conn = None
                continue
            latencies[i].append(time.perf_counter() - started)
            if response.status >= 400:
                errors[i] += 1
            if response.will_close:
                conn.close()
                conn = None
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    samples = sorted(x for per in latencies for x in per)
    if not samples:
        return Result(0.0, 0.0, 0.0, 0.0, sum(errors), 0)

    def pct(p: float) -> float:
        return samples[min(len(samples) - 1, int(len(samples) * p / 100))] * 1000

    return Result(len(samples) / elapsed, pct(50), pct(95), pct(99), sum(errors), len(samples))
