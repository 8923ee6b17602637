"""Demo offers: made between existing users, in several states, only to visible profiles."""

import random

from faker import Faker
from sqlalchemy import func, select

from outstaff.core.extensions import db
from outstaff.demo import offers as demo
from outstaff.models import Offer, ShortlistEntry


def test_demo_seed_makes_offers_and_shortlists_between_visible_users(
    make_employer, make_developer, make_user
):
    employers = [make_employer() for _ in range(6)]
    make_user("employer", approval="pending")
    visible = [make_developer() for _ in range(6)]
    hidden = make_developer(is_published=False)
    messages = []
    for seed_value in (1, 2):  # twice: the one-open-offer rule still holds
        demo.seed(random.Random(seed_value), {"en_GB": Faker("en_GB")}, messages.append)
    offers = db.session.scalars(select(Offer)).all()
    assert len(offers) >= 6 and len({o.state for o in offers}) >= 3
    assert {o.employer_id for o in offers} <= {e.id for e in employers}
    assert {o.developer_id for o in offers} <= {p.user_id for p in visible}
    assert all(len(o.message) >= 20 for o in offers)
    open_pairs = [(o.employer_id, o.developer_id) for o in offers if o.state in ("sent", "viewed")]
    assert len(open_pairs) == len(set(open_pairs))
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(ShortlistEntry)
            .where(ShortlistEntry.developer_id == hidden.user_id)
        )
        == 0
    )
    assert messages[0].startswith("Added ")
