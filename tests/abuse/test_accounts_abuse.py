"""What an attacker tries against sign-in, links in mail, sign-up and sessions (issue 12)."""

import statistics
import threading
import time

import pytest
import werkzeug.security
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.models import User
from tests.helpers import PASSWORD, link_in, mails_to, main_text, sign_in, signed_in_email

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database

WRONG = "not the password at all"
NEW = "marble kettle horizon"
LIMITED = {"RATELIMIT_ENABLED": True}


def post_signin(client, email, password=WRONG, ip="198.51.100.1"):
    return client.post(
        "/account/signin",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def change_email(client, outbox, new_email):
    """Ask for an email change; the link mailed to the new address."""
    response = client.post(
        "/account/email", data={"email": new_email, "current_password": PASSWORD}
    )
    assert response.status_code == 302
    return link_in(mails_to(outbox, new_email)[-1], "/account/email/confirm/")


def reset_link(client, outbox, email):
    client.post("/account/password/forgot", data={"email": email})
    return link_in(mails_to(outbox, email)[-1], "/account/password/reset/")


# Finding 8: sign-in timing tells accounts apart.


@pytest.fixture
def hash_work(monkeypatch):
    """Every password-hash computation (werkzeug's one inner function), by method."""
    done: list[str] = []
    inner = werkzeug.security._hash_internal

    def counting(method, salt, password):
        done.append(method)
        return inner(method, salt, password)

    monkeypatch.setattr(werkzeug.security, "_hash_internal", counting)
    return done


def test_signin_miss_costs_as_much_as_a_hit(client, make_user, hash_work):
    make_user("developer", email="known@example.com")
    work = {}
    for email in ("known@example.com", "nobody@example.com") * 3:
        hash_work.clear()
        assert post_signin(client, email).status_code == 200
        work.setdefault(email, []).append(list(hash_work))
    assert work["known@example.com"] == work["nobody@example.com"]
    assert work["nobody@example.com"] == [["pbkdf2:sha256:1000"]] * 3  # one hash, same cost


@pytest.mark.parametrize("app_overrides", [{"PASSWORD_HASH_METHOD": "pbkdf2:sha256:60000"}])
def test_signin_miss_takes_no_longer_than_a_hit(client, make_user):
    """Medians of interleaved tries with a real cost; before the fix a miss took twice as long."""
    make_user("developer", email="known@example.com")
    times: dict[str, list[float]] = {"known@example.com": [], "nobody@example.com": []}
    for _ in range(15):
        for email in times:
            start = time.perf_counter()
            post_signin(client, email)
            times[email].append(time.perf_counter() - start)
    hit, miss = (statistics.median(times[e]) for e in times)
    assert miss < 1.5 * hit and hit < 1.5 * miss


def test_an_account_hashed_with_an_older_method_is_rehashed_at_sign_in(
    app, client, make_user, hash_work
):
    user = make_user(
        "developer",
        password_hash=werkzeug.security.generate_password_hash(
            PASSWORD, method="pbkdf2:sha256:500"
        ),
    )
    assert sign_in(client, user.email).status_code == 302
    db.session.refresh(user)
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    client.post("/account/signout")
    hash_work.clear()
    post_signin(client, user.email)
    assert hash_work == ["pbkdf2:sha256:1000"]  # a wrong password now costs what a miss costs


# Finding 10: a reset link mailed to the old address outlives an email change.


def test_reset_link_to_old_address_dies_with_email_change(app, client, make_user, outbox):
    user = make_user("developer", email="old@example.com")
    stale = reset_link(app.test_client(), outbox, "old@example.com")  # the old mailbox keeps it
    sign_in(client, user.email)
    client.get(change_email(client, outbox, "new@example.com"))
    db.session.refresh(user)
    assert user.email == "new@example.com"

    response = client.post(stale, data={"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/account/password/forgot"
    assert "invalid, expired or already used" in main_text(client.get("/account/password/forgot"))
    client.post("/account/signout")
    assert sign_in(client, "new@example.com", NEW).status_code == 200  # not changed
    assert sign_in(client, "new@example.com").status_code == 302


def test_reset_link_dies_when_the_password_is_changed_on_the_account_page(
    client, make_user, outbox
):
    user = make_user("developer")
    stale = reset_link(client, outbox, user.email)
    sign_in(client, user.email)
    client.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    )
    client.post("/account/signout")
    assert client.get(stale).headers["Location"] == "/account/password/forgot"


# Finding 11: the email-change link can be replayed for a day.


def test_email_change_link_cannot_be_replayed(client, make_user, outbox):
    user = make_user("developer", email="mine@example.com")
    sign_in(client, user.email)
    first = change_email(client, outbox, "lost@example.com")  # a mailbox the owner later loses
    client.get(first)
    client.get(change_email(client, outbox, "mine@example.com"))  # and back again
    db.session.refresh(user)
    assert user.email == "mine@example.com"

    response = client.get(first, follow_redirects=True)  # whoever holds lost@ replays it
    assert "invalid, expired or already used" in main_text(response)
    db.session.refresh(user)
    assert user.email == "mine@example.com"


def test_an_intruders_email_change_link_dies_with_a_password_reset(app, client, make_user, outbox):
    user = make_user("developer", email="owner@example.com")
    intruder = app.test_client()
    sign_in(intruder, user.email)
    takeover = change_email(intruder, outbox, "intruder@example.com")
    client.post(reset_link(client, outbox, user.email), data={"password": NEW, "confirm": NEW})
    intruder.get(takeover)
    db.session.refresh(user)
    assert user.email == "owner@example.com"


def test_signup_confirmation_link_works_once(client, outbox):
    client.post(
        "/account/signup",
        data={
            "role": "developer",
            "email": "fresh@example.com",
            "password": NEW,
            "confirm": NEW,
            "age_ok": "y",
            "accept_policy": "y",
        },
    )
    link = link_in(outbox[-1], "/account/confirm/")
    assert "your email address is confirmed" in main_text(client.get(link, follow_redirects=True))
    assert "invalid" in main_text(client.get(link, follow_redirects=True))


# Finding 12: concurrent sign-ups with one address answer 500.


def _sign_up_at_once(app, count: int) -> list[int]:
    barrier = threading.Barrier(count)
    statuses: list[int] = []
    form = {
        "role": "developer",
        "email": "race@example.com",
        "password": NEW,
        "confirm": NEW,
        "age_ok": "y",
        "accept_policy": "y",
    }

    def one() -> None:
        client = app.test_client()  # its own thread: its own app context and db session
        barrier.wait()
        statuses.append(client.post("/account/signup", data=form).status_code)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.parametrize("app_overrides", [{"PROPAGATE_EXCEPTIONS": False}])
@pytest.mark.commits  # threads, each on its own connection
def test_concurrent_signups_with_one_address_never_500(app, outbox):
    statuses = _sign_up_at_once(app, 20)
    assert statuses == [302] * 20
    assert (
        db.session.scalar(
            select(func.count()).select_from(User).where(User.email == "race@example.com")
        )
        == 1
    )
    subjects = sorted(m.subject for m in mails_to(outbox, "race@example.com"))
    assert subjects == (
        ["Confirm your email address"] + ["Someone tried to sign up with your address"] * 19
    )


def test_a_signup_that_loses_the_race_answers_as_for_a_taken_address(
    app, client, make_user, outbox, monkeypatch
):
    """The address is taken between the check and the insert: the IntegrityError path."""
    from outstaff.accounts import service as accounts

    make_user("developer", email="race@example.com")
    real, calls = accounts.find_by_email, []

    def misses_once(email):  # the check runs before the other sign-up commits
        calls.append(email)
        return None if len(calls) == 1 else real(email)

    monkeypatch.setattr(accounts, "find_by_email", misses_once)
    response = client.post(
        "/account/signup",
        data={
            "role": "developer",
            "email": "race@example.com",
            "password": NEW,
            "confirm": NEW,
            "age_ok": "y",
            "accept_policy": "y",
        },
    )
    assert response.headers["Location"] == "/account/signup/check-inbox"
    assert [m.subject for m in mails_to(outbox, "race@example.com")] == [
        "Someone tried to sign up with your address"
    ]


# Finding 15: password guessing is limited per IP address only.


def _guess_from_four_addresses(client, email, network="203.0.113") -> list[int]:
    """10 wrong passwords from each of 4 addresses: within every per-address limit."""
    return [
        post_signin(client, email, ip=f"{network}.{n}").status_code
        for n in range(1, 5)
        for _ in range(10)
    ]


@pytest.mark.parametrize("app_overrides", [LIMITED])
def test_password_guessing_from_many_ips_is_limited_per_account(client, make_user):
    user = make_user("developer")
    statuses = _guess_from_four_addresses(client, user.email)
    assert statuses == [200] * 10 + [429] * 30
    right = post_signin(client, user.email.upper(), PASSWORD, ip="192.0.2.77")
    assert right.status_code == 429  # the limit is the account's, however it is typed
    assert signed_in_email(client) is None
    # An unknown address is limited the same way: the 429 tells no account apart.
    assert _guess_from_four_addresses(client, "nobody@example.com", "198.51.100") == statuses
    from outstaff.models import SecurityEvent

    kinds = db.session.scalars(
        select(SecurityEvent.kind).where(SecurityEvent.user_id == user.id)
    ).all()
    assert kinds.count("signin_limited") == 1 and kinds.count("signin_failed") == 10


@pytest.mark.parametrize("app_overrides", [LIMITED])
def test_owner_can_still_reset_while_the_account_is_limited(app, client, make_user, outbox):
    user = make_user("developer")
    _guess_from_four_addresses(app.test_client(), user.email)
    owner = app.test_client()
    assert post_signin(owner, user.email, PASSWORD).status_code == 429
    link = reset_link(owner, outbox, user.email)
    assert owner.post(link, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert post_signin(owner, user.email, NEW).status_code == 302
    page = main_text(owner.get("/account/"))
    assert "Sign-in paused after too many wrong passwords" in page
