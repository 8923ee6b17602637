"""Give a user data in every table, for the no-trace deletion test (test_no_trace.py).

A feature that adds a table appends a small populate function to populate_profiles.py
or populate_records.py, e.g.

    @populates
    def feedback(p: Person) -> None:
        db.session.add(Feedback(user_id=p.user.id, email=p.ident("email"),
                                message=f"Hello from {p.ident('first name')}"))

Each function gets the Person about to be deleted: `role`, `user`, the counterparts they deal
with (`developer`, `employer`, `admin`: other accounts, which must keep their own data) and
`p.ident(kind)`, which gives the person's unique identifier of that kind (an email, a name,
any new kind you name); the test searches the whole database for every identifier used,
before the deletion (it must find each) and after (it must find none). Write rows about the
user in both directions (what they wrote, and what others wrote about them). The test fails
while a table stays empty for every role, so a new table cannot be forgotten here.
"""

from collections.abc import Callable

import pytest

from tests.rules import person, populate_profiles, populate_records  # noqa: F401 (they register)
from tests.rules.person import Person


@pytest.fixture
def make_person(make_user) -> Callable[[str], Person]:
    """make_person(role) -> a user of `role` with rows in every table a populate function
    fills; committed."""
    return lambda role: person.make_person(role, make_user)
