"""The one visibility rule, in Python and in SQL, must agree."""

import pytest
from sqlalchemy import select

from outstaff import visibility
from outstaff.core.extensions import db
from outstaff.models import BlockedCompany, DeveloperProfile, EmployerProfile, utcnow
from outstaff.twofactor import service as twofactor


@pytest.fixture
def published(make_user):
    def factory(**columns):
        owner = make_user("developer")
        profile = DeveloperProfile(
            user_id=owner.id, first_name="Ann", **{"is_published": True, **columns}
        )
        db.session.add(profile)
        db.session.commit()
        return profile

    return factory


@pytest.fixture
def employer(make_user):
    user = make_user("employer", email="hr@acme.example.com")
    db.session.add(
        EmployerProfile(
            user_id=user.id,
            company_name="ACME, Inc.",
            company_name_norm=visibility.normalize_company("ACME, Inc."),
        )
    )
    db.session.commit()
    return user


def visible_ids(viewer):
    return set(
        db.session.scalars(select(DeveloperProfile.id).where(visibility.visible_clause(viewer)))
    )


def block(profile, kind, value):
    norm = (
        visibility.normalize_company(value)
        if kind == "company"
        else (visibility.normalize_domain(value))
    )
    db.session.add(
        BlockedCompany(
            profile_id=profile.id, user_id=profile.user_id, kind=kind, value=value, value_norm=norm
        )
    )
    db.session.commit()


def test_normalization():
    # Keys are confusables skeletons ("m" looks like "rn"): compare names, not spellings.
    key = visibility.normalize_company
    assert key("  ACME,  Inc. ") == key("acme") != key("acne") != ""
    assert key("ТОО «Криптон»") == key("криптон") != key("тоо") != ""
    assert visibility.normalize_domain("https://www.Acme.com/jobs") == "acme.com"
    assert visibility.normalize_domain("@acme.com") == "acme.com"


def test_approved_employer_sees_a_published_profile(published, employer):
    profile = published()
    assert visibility.can_view(employer, profile)
    assert profile.id in visible_ids(employer)


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"hidden_at": utcnow()},
    ],
)
def test_unpublished_or_hidden_profiles_are_invisible(published, employer, change):
    profile = published(**change)
    assert not visibility.can_view(employer, profile)
    assert profile.id not in visible_ids(employer)


def test_suspended_owner_is_invisible(published, employer):
    profile = published()
    profile.user.status = "suspended"
    db.session.commit()
    assert not visibility.can_view(employer, profile)
    assert profile.id not in visible_ids(employer)


@pytest.mark.parametrize(
    "kind,value",
    [
        ("company", "Acme LLC"),
        ("company", "acme"),
        ("domain", "acme.example.com"),
        ("domain", "example.com"),
    ],
)
def test_block_list_hides_the_profile(published, employer, kind, value):
    profile = published()
    block(profile, kind, value)
    assert not visibility.can_view(employer, profile)
    assert profile.id not in visible_ids(employer)


def test_block_list_of_another_company_does_not_hide(published, employer):
    profile = published()
    block(profile, "company", "Globex")
    block(profile, "domain", "example.org")
    assert visibility.can_view(employer, profile)
    assert profile.id in visible_ids(employer)


def test_pending_employer_and_other_developers_see_nothing(published, make_user):
    profile = published()
    pending = make_user("employer", approval="pending")
    other = make_user("developer")
    for viewer in (pending, other):
        assert not visibility.can_view(viewer, profile)
        assert profile.id not in visible_ids(viewer)


def test_owner_and_admin_always_see(app, published, make_user):
    profile = published(is_published=False)
    admin = make_user("admin")
    assert visibility.can_view(profile.user, profile)
    with app.test_request_context():
        assert not visibility.can_view(admin, profile)  # no session passed two-factor yet
        assert profile.id not in visible_ids(admin)
        admin.get_id()  # a session record for this browser
        twofactor.mark_passed(admin)
        assert visibility.can_view(admin, profile)
        assert profile.id in visible_ids(admin)
