from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db

# The tables whose every write moves the version (database triggers, migration
# 20261202_data_version), with the columns of each whose updates do (None: all of them).
VERSIONED = {
    "developer_profile": None,
    "developer_skill": None,
    "developer_language": None,
    "developer_hour": None,
    "blocked_company": None,
    "employer_profile": None,
    "employer_domain": None,
    "user": ("id", "status", "role", "email", "approval", "email_confirmed_at"),
    "search_document": None,  # migration 20261203_search_data_version
}
# Tables written only by search_document's own triggers, and by the index's bulk loads,
# which move the version themselves (search.index): they change exactly when it does.
DERIVED = ("search_fts", "search_term", "search_facet", "search_neighbour")


class DataVersion(db.Model):
    """One row: a number that every committed write to the VERSIONED tables moves, in the
    writer's own transaction (core.data_version keeps query results per number)."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
