"""A fake SMTP server class for Flask-Mailman's SMTP backend (smtplib.SMTP replaced)."""

import smtplib
from email import message_from_bytes
from email.policy import default

import pytest

SMTP_CONFIG = {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "smtp.example.com", "MAIL_PORT": 2525,
               "MAIL_USERNAME": "relay-user", "MAIL_PASSWORD": "relay-secret"}


class FakeSMTP:
    """Records what would be sent as (calls, parsed message); `fail` makes connecting raise."""

    sent: list = []
    fail: BaseException | None = None

    def __init__(self, host, port, local_hostname=None, timeout=None, **_):
        if FakeSMTP.fail is not None:
            raise FakeSMTP.fail
        self.calls = [("connect", host, port)]

    def starttls(self, context=None):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user))

    def sendmail(self, sender, recipients, data, mail_options=(), rcpt_options=()):
        FakeSMTP.sent.append((self.calls, message_from_bytes(data, policy=default)))
        return {}

    def quit(self):
        pass

    def close(self):
        pass


@pytest.fixture
def smtp(monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail = [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP
