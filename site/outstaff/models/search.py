from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outstaff.core.extensions import db
from outstaff.models.base import PersonalData
from outstaff.models.developer import QUESTIONNAIRE, SHOWN_TO_EMPLOYERS


class SearchDocument(db.Model):
    """A published questionnaire's words, as the search index keeps them (outstaff/search).

    SQLite indexes the row in the FTS5 table `search_fts` (triggers keep it), PostgreSQL in
    the generated tsvector columns `doc` and `facet_doc` (GIN); neither is mapped here. No
    row while the questionnaire is unpublished.
    """

    __tablename__ = "search_document"
    __personal_data__ = PersonalData(
        owners=("profile_id",),  # the questionnaire's developer
        fields={
            "strong": _l("Search index of your name, profession and skills"),
            "weak": _l("Search index of your bio"),
        },
        purpose=SHOWN_TO_EMPLOYERS,
        category=QUESTIONNAIRE,
        export_exclude=(
            "seq",
            "strong",
            "weak",
            "profession",
            "country",
            "english_rank",
            "facets",
        ),
    )

    # The last update's second, then the profile id (search.index.seq_of): newest first is
    # seq descending, so relevance ties go by recency in the index's own order.
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("developer_profile.id", ondelete="CASCADE"), unique=True
    )
    strong: Mapped[str] = mapped_column(Text, default="")
    weak: Mapped[str] = mapped_column(Text, default="")
    # The questionnaire's facets, copied: a search's total and facet counts read them here,
    # in the index's order, not by a lookup of each match in developer_profile (at 1M
    # profiles, 2,000 random lookups take 20 ms; 2,000 rows of this table in order, 2 ms).
    profession: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    english_rank: Mapped[int | None] = mapped_column(SmallInteger)
    # The filters' words (outstaff.search.facets): a filter is a lookup of the index.
    facets: Mapped[str] = mapped_column(Text, default="")


class SearchTerm(db.Model):
    """Every word of the index and in how many documents (triggers on search_document keep
    it, on both databases), for prefix and typo lookups (PostgreSQL: a pg_trgm index). A
    word goes with the last document holding it."""

    __tablename__ = "search_term"

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    docs: Mapped[int] = mapped_column(Integer, default=0)


class SearchFacet(db.Model):
    """How many documents hold each facet word (outstaff.search.facets), and, under the
    empty word, how many documents there are: the planner's statistics for a filter, which
    words the index intersects and which are checked on the few rows left. Triggers on
    search_document keep it, on both databases."""

    __tablename__ = "search_facet"

    token: Mapped[str] = mapped_column(Text, primary_key=True)
    docs: Mapped[int] = mapped_column(Integer, default=0)


class SearchNeighbour(db.Model):
    """Every two words one after the other in some document (outstaff.search.text
    .neighbours) and in how many: a phrase with two words never neighbours finds nobody,
    known before the index reads the words' lists. Triggers on search_document keep it, on
    both databases; a pair goes with the last document holding it."""

    __tablename__ = "search_neighbour"

    pair: Mapped[str] = mapped_column(Text, primary_key=True)
    docs: Mapped[int] = mapped_column(Integer, default=0)
