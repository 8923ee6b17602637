"""Images that cost the photo pipeline the most, and how much memory processing one costs.

Both run in their own Python process: the peak resident size (`ru_maxrss`) only grows, so the
measuring process must do nothing else, and images of tens of megapixels are better drawn
outside the test process too.
"""

import json
import subprocess
import sys
from pathlib import Path

DRAW = r"""
import json, sys
from PIL import Image
for path, fmt, mode, width, height in json.loads(sys.argv[1]):
    options = {}
    if mode == "P":
        image = Image.new("P", (width, height), 0)
        image.info["transparency"] = 0
    elif mode.startswith("progressive "):
        image = Image.new(mode.split()[1], (width, height))
        options = {"progressive": True, "subsampling": 0}
    else:
        image = Image.new(mode, (width, height))
    image.save(path, fmt, **options)
"""

MEASURE = r"""
import json, resource, sys
from outstaff.questionnaire import photos
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    photos.process(data)
    outcome = "accepted"
except photos.PhotoRejected as refusal:
    outcome = str(refusal.args[0])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
print(json.dumps([outcome, (peak - before) * unit / 2**20]))
"""


def draw(folder: Path, specs: dict[str, tuple]) -> dict[str, Path]:
    """{name: (format, mode, width, height)} -> {name: path of a solid image like that}."""
    paths = {name: folder / f"{name}.{spec[0].lower()}" for name, spec in specs.items()}
    jobs = [(str(paths[name]), *spec) for name, spec in specs.items()]
    subprocess.run([sys.executable, "-c", DRAW, json.dumps(jobs)], check=True)
    return paths


def processing_cost(path: Path) -> tuple[str, float]:
    """("accepted" or the refusal's message, MB the peak memory grew while processing)."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], check=True, capture_output=True, text=True
    )
    outcome, megabytes = json.loads(result.stdout.strip().splitlines()[-1])
    return outcome, megabytes
