"""What the raw files of a SQLite database hold, for the tests that look for what a
deletion left behind.

The files are read by a child process. Closing a file this process opened on the database
would release every POSIX lock the process holds on it, SQLite's too: its connections would
then look gone to the next process, which, as the last to close, deletes the -wal and -shm
under them ("disk I/O error" in the tests after it)."""

import json
import subprocess
import sys

SUFFIXES = ("", "-wal", "-shm", "-journal")

SEARCH = """
import json, sys
from pathlib import Path
main, suffixes, needles = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
found = {}
for suffix in suffixes:
    path = Path(main + suffix)
    if path.exists():
        raw = path.read_bytes().lower()
        found[path.name] = [n for n in needles if n.lower().encode() in raw]
print(json.dumps(found))
"""


def needles_in_files(database: str, needles) -> dict[str, list[str]]:
    """{name of each file of the database: the needles in its bytes (case-insensitive)}."""
    args = [database, json.dumps(SUFFIXES), json.dumps(list(needles))]
    done = subprocess.run(
        [sys.executable, "-c", SEARCH, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)
