"""The task queue (huey): mail delivery from the outbox and the scheduled jobs.

One Huey instance for the process, built from HUEY_URL (read from the environment, as the
worker and the web servers must agree on it): SqliteHuey in instance/huey.db by default,
RedisHuey for redis:// URLs. `flask queue worker` runs the consumer; `make run` starts it
next to the site. With HUEY_IMMEDIATE (tests, browser tests) a task runs in its caller.
"""

from pathlib import Path

from flask import Blueprint, Flask
from huey import Huey, RedisHuey, SqliteHuey

import config

bp = Blueprint("queue", __name__, cli_group="queue")
NAME = "outstaff"


def build_huey(url: str | None) -> Huey:
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(NAME, url=url, results=False)
    path = Path(url.removeprefix("sqlite:///")) if url else config.INSTANCE / "huey.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(NAME, filename=str(path), results=False)


huey = build_huey(config.Config.HUEY_URL)


class _State:
    app: Flask | None = None


state = _State()


def init_app(app: Flask) -> None:
    """The app tasks run in (the worker's, or the web server's in immediate mode)."""
    state.app = app
    huey.immediate = bool(app.config["HUEY_IMMEDIATE"])


from outstaff.queue import cli, tasks  # noqa: E402,F401
