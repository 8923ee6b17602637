"""All demo data in one place: realistic fake accounts for demos and benchmarks
(`flask seed-demo`)."""

from flask import Blueprint

bp = Blueprint("demo", __name__, cli_group=None)

from outstaff.demo import cli  # noqa: E402,F401
