"""Demo data carries the hiring terms, and they look real."""

import pytest
from sqlalchemy import select

from outstaff import rates
from outstaff.core.extensions import db
from outstaff.demo.terms import TITLES
from outstaff.models import DeveloperProfile, ExchangeRate, WorkHistoryEntry

pytestmark = pytest.mark.usefixtures("app_ctx")  # the tests read the database


def test_demo_profiles_have_plausible_terms(app, runner, tmp_path):
    app.instance_path = str(tmp_path)
    result = runner.invoke(args=["seed-demo", "--developers", "80", "--employers", "2"])
    assert result.exit_code == 0, result.output
    profiles = db.session.scalars(select(DeveloperProfile)).all()
    assert db.session.scalar(select(ExchangeRate.per_usd).where(ExchangeRate.currency == "EUR"))
    with_rate = [p for p in profiles if p.rate_min is not None]
    assert len(with_rate) == len(profiles)
    for profile in with_rate:
        # What the listing filters on matches the typed figure at the demo's rates table.
        assert profile.rate_min_base == rates.to_base(
            profile.rate_min, profile.rate_currency, profile.rate_period
        )
        assert 800 <= profile.rate_min_base <= 20_000, (profile.country, profile.rate_min_base)
        if profile.rate_max is not None:
            assert profile.rate_max > profile.rate_min
    seniors = [p.rate_min_base for p in profiles if p.years_experience >= 9 and p.country == "US"]
    juniors = [p.rate_min_base for p in profiles if p.years_experience <= 1 and p.country == "US"]
    if seniors and juniors:
        assert min(seniors) > max(juniors)
    for profile in profiles:
        months = sum(
            ((e.end_month or profile.updated_at.date()).year - e.start_month.year) * 12
            + (e.end_month or profile.updated_at.date()).month
            - e.start_month.month
            for e in profile.history
        )
        assert months <= (profile.years_experience + 1) * 12
        assert all(
            TITLES.get(profile.profession, "developer").split()[-1] in e.role
            for e in profile.history
        )
        assert profile.time_zone and profile.work_hours
    current = select(WorkHistoryEntry.id).where(WorkHistoryEntry.end_month.is_(None))
    assert db.session.scalar(current)
    assert any(p.remote for p in profiles) and any(p.onsite_city for p in profiles)
