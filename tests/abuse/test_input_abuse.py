"""What an attacker tries with the input the site accepts: the Host header, form fields, query
strings and mail headers (issue 12: findings 6, 14 and 19). Pagers: test_input_fuzz.py;
uploads: test_input_uploads.py; the forms on every page: test_input_csrf.py."""

import importlib

import pytest

import config
from outstaff import create_app
from outstaff.core.extensions import db
from tests.helpers import mails_to

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

FORGED = "evil.example"


def ask_for_reset(client, email: str, **headers):
    return client.post("/account/password/forgot", data={"email": email}, headers=headers)


# Finding 6: host header poisoning.
@pytest.mark.parametrize(
    "app_overrides",
    [
        # The host check off, as on the servers the review attacked: the link must still hold.
        {"TRUSTED_HOSTS": []},
        {"TRUSTED_HOSTS": [], "TRUSTED_PROXIES": 1},
    ],
)
def test_reset_link_ignores_a_forged_host_header(client, make_user, outbox, app_overrides):
    user = make_user("developer", email="victim@example.com")
    response = ask_for_reset(
        client,
        user.email,
        Host=FORGED,
        **{"X-Forwarded-Host": FORGED, "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 302
    (mail,) = mails_to(outbox, user.email)
    assert FORGED not in mail.body
    assert "http://localhost/account/password/reset/" in mail.body


@pytest.mark.parametrize(
    "app_overrides", [{"SITE_URL": "https://outstaff.example/app", "ALLOWED_HOSTS": ["localhost"]}]
)
def test_links_in_mail_are_built_from_site_url(client, make_user, outbox):
    user = make_user("developer")
    ask_for_reset(client, user.email)
    (mail,) = mails_to(outbox, user.email)
    assert "https://outstaff.example/app/account/password/reset/" in mail.body


@pytest.mark.parametrize(
    "host", [FORGED, "localhost.evil.example", "evil.example:80", "127.0.0.1", "[::1]"]
)
def test_unknown_host_is_refused(client, make_user, outbox, host):
    user = make_user("developer")
    for path in ("/", "/account/signin", "/healthz", "/no/such/page"):
        assert client.get(path, headers={"Host": host}).status_code == 400, path
    response = ask_for_reset(client, user.email, Host=host)
    assert response.status_code == 400
    assert outbox == []


@pytest.mark.parametrize("app_overrides", [{"TRUSTED_PROXIES": 1}])
def test_a_forwarded_host_is_checked_like_the_host_header(client, app_overrides):
    assert client.get("/", headers={"X-Forwarded-Host": FORGED}).status_code == 400
    assert client.get("/", headers={"X-Forwarded-Host": "localhost"}).status_code == 200


def test_the_sites_own_host_is_served_on_any_port(client):
    assert client.get("/", headers={"Host": "localhost:8080"}).status_code == 200


@pytest.mark.parametrize(
    "site_url",
    [
        None,
        "",
        "http://outstaff.example",
        "outstaff.example",
        "https://",
        "https://outstaff.example/?x=1",
        "https://user:pw@outstaff.example",
    ],
)
def test_production_refuses_to_start_without_a_canonical_host(migrated, site_url):
    with pytest.raises(RuntimeError, match="SITE_URL"):
        create_app(
            config.ProductionConfig,
            SECRET_KEY="x" * 40,
            SQLALCHEMY_DATABASE_URI=migrated,
            SITE_URL=site_url,
        )


def test_production_trusts_only_its_canonical_host_and_the_allowed_ones(migrated):
    app = create_app(
        config.ProductionConfig,
        SECRET_KEY="x" * 40,
        SQLALCHEMY_DATABASE_URI=migrated,
        SITE_URL="https://outstaff.example",
        ALLOWED_HOSTS=["www.outstaff.example"],
    )
    client = app.test_client()
    for host, status in [
        ("outstaff.example", 200),
        ("www.outstaff.example", 200),
        ("localhost", 400),
        (FORGED, 400),
    ]:
        assert client.get("/healthz", base_url=f"https://{host}").status_code == status, host
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def config_without_environment(monkeypatch):
    """config.py read again with no SITE_URL or ALLOWED_HOSTS in the environment or .env."""
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: None)
    yield importlib.reload(config)
    monkeypatch.undo()
    importlib.reload(config)


def test_development_links_default_to_the_make_run_address(config_without_environment, migrated):
    app = create_app(
        config_without_environment.DevelopmentConfig,
        SECRET_KEY="x",
        SQLALCHEMY_DATABASE_URI=migrated,
    )
    assert app.config["SITE_URL"] == "http://127.0.0.1:5000"
    client = app.test_client()
    for host, status in [("127.0.0.1:5000", 200), ("localhost:5000", 200), (FORGED, 400)]:
        assert client.get("/healthz", base_url=f"http://{host}").status_code == status, host
    with app.app_context():
        db.engine.dispose()
