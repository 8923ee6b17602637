"""`flask seed-demo` fills the feedback inbox so the console has something to show."""

import random

from faker import Faker
from sqlalchemy import select

from outstaff.core.extensions import db
from outstaff.demo import feedback as demo
from outstaff.models import Feedback


def test_demo_adds_a_dozen_messages_some_from_accounts_some_answered(make_user):
    make_user("admin")
    users = [make_user("developer") for _ in range(5)]
    lines = []
    demo.seed(random.Random(7), {"en_US": Faker("en_US")}, lines.append)
    rows = db.session.scalars(select(Feedback)).all()
    assert len(rows) == 12 and lines == ["Added 12 feedback messages."]
    assert {r.status for r in rows} == {"new", "handled"}
    assert any(r.user_id in {u.id for u in users} for r in rows)
    assert all(r.reply for r in rows if r.status == "handled")
