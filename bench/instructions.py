"""Instructions per request, counted by valgrind's callgrind: a figure that does not move
with the machine's load (the same binary, inputs and hash seed give the same count).

`measure()` runs this module under callgrind. The child builds the app in process (Flask's
test client, no server), warms every route up, then runs each route's batch inside
`operator.call`; callgrind zeroes its counters on entering that C function and dumps them on
leaving it (`--zero-before`, `--dump-after`), so dump k holds exactly batch k.
"""

import json
import operator
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 8  # requests per route; callgrind runs about 50x slower than the CPU
WARM_UP = 3
# The caches that last a number of seconds are given that many times longer, so that under
# callgrind's slowdown they are hit as often as at full speed (else a 30 s cache of the
# listing's totals expires within a batch and one recount lands in the figure).
SLOWDOWN = 100
STRETCHED = {"LISTING_TOTALS_SECONDS": 30, "HOME_NUMBERS_SECONDS": 60, "POLICY_CACHE_SECONDS": 30}


def available() -> bool:
    return shutil.which("valgrind") is not None


def measure(database_url: str, scenarios: list[dict]) -> dict[str, float]:
    """Millions of instructions per request for each scenario ({label, path, email,
    password, cookies}); the bare Flask app first."""
    out_dir = Path(tempfile.mkdtemp(prefix="outstaff-callgrind-"))
    try:
        command = [
            "valgrind",
            "--tool=callgrind",
            "--zero-before=_operator_call",
            "--dump-after=_operator_call",
            f"--callgrind-out-file={out_dir}/cg.%p",
            sys.executable,
            "-m",
            "bench.instructions",
            database_url,
            json.dumps(scenarios),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"callgrind run failed:\n{done.stdout}\n{done.stderr[-3000:]}")
        dumps = sorted(out_dir.glob("cg.*.*"), key=lambda p: int(p.suffix[1:]))
        counts = [int(re.search(r"^summary: (\d+)", p.read_text(), re.M)[1]) for p in dumps]
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    labels = ["bare Flask app", *(s["label"] for s in scenarios)]
    if len(counts) != len(labels):
        raise SystemExit(f"expected {len(labels)} callgrind dumps, found {len(counts)}")
    return {label: count / BATCH / 1e6 for label, count in zip(labels, counts, strict=True)}


def _batch(client, path: str) -> None:
    for _ in range(BATCH):
        client.get(path)


def _client(app, scenario: dict):
    client = app.test_client()
    for name, value in scenario.get("cookies", {}).items():
        client.set_cookie(name, value)
    if scenario.get("email"):
        answer = client.post(
            "/account/signin",
            data={"email": scenario["email"], "password": scenario["password"]},
        )
        assert answer.status_code == 302, f"signing in {scenario['email']} failed"
    return client


def _run(database_url: str, scenarios: list[dict]) -> None:
    from bench.bare import app as bare_app
    from bench.cpu import in_process_app

    # Page views flushed by count only: a timer would land the write in whichever batch is
    # slow under callgrind, and the figures would stop repeating.
    stretched = {name: seconds * SLOWDOWN for name, seconds in STRETCHED.items()}
    app = in_process_app(database_url, ANALYTICS_BATCH_SECONDS=10**9, **stretched)
    clients = [(bare_app.test_client(), "/")]
    clients += [(_client(app, s), s["path"]) for s in scenarios]
    for client, path in clients:
        for _ in range(WARM_UP):
            status = client.get(path).status_code
            assert status == 200, f"{path} answered {status}; nothing measured"
    for client, path in clients:
        _settle(app)
        operator.call(_batch, client, path)


def _settle(app) -> None:
    """Fold SQLite's write-ahead log into the database before a batch: reads cost more
    while earlier batches' writes sit in the log, which would make one route's figure
    depend on the routes measured before it."""
    from sqlalchemy import text

    from outstaff.core.extensions import db

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            db.session.remove()


if __name__ == "__main__":
    _run(sys.argv[1], json.loads(sys.argv[2]))
