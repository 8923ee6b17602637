"""Rate limits hold in the configured storage (memory here, Redis in CI's second run)."""

import os

import pytest

from outstaff.core.extensions import limiter


@pytest.fixture
def app_overrides() -> dict:
    return {"RATELIMIT_ENABLED": True}


def test_sign_in_attempts_beyond_the_limit_get_429(app, client):
    expected = os.environ.get("TEST_RATELIMIT_STORAGE_URI", "memory://")
    assert app.config["RATELIMIT_STORAGE_URI"] == expected
    scheme = expected.split(":")[0]  # memory -> MemoryStorage, redis -> RedisStorage
    assert type(limiter.storage).__name__.lower().startswith(scheme)
    assert limiter.storage.check(), "the rate-limit storage does not answer"

    form = {"email": "nobody@example.com", "password": "not the password"}
    statuses = [client.post("/account/signin", data=form).status_code for _ in range(10)]
    assert statuses == [200] * 10  # wrong password: the form again, with a message
    response = client.post("/account/signin", data=form)
    assert response.status_code == 429
    assert b"Too many attempts" in response.data
