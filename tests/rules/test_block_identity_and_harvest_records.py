"""Block-list identity and harvest counts as stored: what the 20261201_admin migration does to
existing rows, what an email change leaves, and how long the daily counts are kept."""

import importlib.util
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, select

from outstaff import visibility
from outstaff.core.company_identity import company_key, reveal_invisible
from outstaff.core.extensions import db
from outstaff.models import (
    BlockedCompany,
    DeveloperProfile,
    EmployerDailyUsage,
    EmployerDomain,
    utcnow,
)

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations"
    / "versions"
    / "20261201_admin_block_identity_totp_step_harvest.py"
)


def load_migration():
    spec = importlib.util.spec_from_file_location("admin_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def domains(user) -> set[str]:
    return set(
        db.session.scalars(select(EmployerDomain.domain).where(EmployerDomain.user_id == user.id))
    )


def test_the_migration_recomputes_stored_keys_and_starts_the_domain_history(
    make_employer, make_profile
):
    employer = make_employer(company="АСМЕ", email="hr@mail.acme.example")
    profile = make_profile()
    # As the rows were before the migration: the old keys, and no domain history.
    employer.employer_profile.company_name_norm = "асме"
    db.session.add(
        BlockedCompany(
            profile_id=profile.id,
            user_id=profile.user_id,
            kind="company",
            value="ACME Inc.",
            value_norm="acme",
        )
    )
    db.session.execute(delete(EmployerDomain))
    db.session.commit()
    assert visibility.can_view(employer, profile)  # the evasion worked on the old keys
    migration = load_migration()
    connection = db.session.connection()
    migration.backfill_employer_domains(connection)
    migration.recompute_company_keys(connection, company_key)
    db.session.commit()
    db.session.expire_all()
    assert not visibility.can_view(employer, profile)
    assert profile.id not in set(
        db.session.scalars(select(DeveloperProfile.id).where(visibility.visible_clause(employer)))
    )
    assert domains(employer) == {"mail.acme.example", "acme.example"}
    migration.recompute_company_keys(db.session.connection(), migration.old_company_key)
    db.session.commit()
    assert db.session.scalar(select(BlockedCompany.value_norm)) == "acme"  # the downgrade


def test_an_employer_keeps_every_domain_it_used_and_a_developer_keeps_none(make_user):
    employer = make_user("employer", email="hr@hr.initech.example")
    developer = make_user("developer", email="dev@initech.example")
    assert domains(employer) == {"hr.initech.example", "initech.example"}
    assert domains(developer) == set()


def test_an_admin_making_someone_an_employer_starts_its_history(client, auth, make_user):
    developer = make_user("developer", email="soon@globex.example")
    auth.login(make_user("admin"))
    client.post(f"/admin/users/{developer.id}/role", data={"role": "employer"})
    assert domains(developer) == {"globex.example"}


def test_a_bare_top_level_domain_is_never_kept_or_matched(make_user):
    employer = make_user("employer", email="root@localhost")
    assert domains(employer) == set()
    assert visibility.parent_domains("acme.com") == ["acme.com"]


def test_invisible_characters_are_written_out_for_the_admin():
    assert reveal_invisible("Init\u200bech\u00ad") == "Init⟨U+200B⟩ech⟨U+00AD⟩"
    assert reveal_invisible("Initech") == "Initech"


def test_daily_counts_are_kept_only_for_their_day(runner, employer):
    today = utcnow().date()
    db.session.add_all(
        [
            EmployerDailyUsage(employer_id=employer.id, day=today - timedelta(days=1), profiles=9),
            EmployerDailyUsage(employer_id=employer.id, day=today, profiles=2),
        ]
    )
    db.session.commit()
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 daily view counts of earlier days" in result.output
    assert db.session.scalars(select(EmployerDailyUsage.day)).all() == [today]
