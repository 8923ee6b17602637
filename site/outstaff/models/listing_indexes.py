"""The heavy filter's indexes: profession, country, English rank and years together, so a
filter of several of them seeks one range instead of reading every row of its profession
(or country) and testing the rest one by one (outstaff.listing.queries).

Partial (published rows only) and not starting with `is_published`: until ANALYZE has
counted it, SQLite ranks an index led by `is_published` level with the sorted listing
indexes for an unfiltered page, which it would then read whole and sort.
"""

from sqlalchemy import Index, text

from outstaff.models.developer import DeveloperProfile as P


def _published() -> dict:
    return {"sqlite_where": text("is_published = 1"), "postgresql_where": text("is_published")}


FILTER_INDEXES = (
    Index(
        "ix_developer_profile_filter_profession",
        P.profession,
        P.country,
        P.english_rank,
        P.years_experience,
        **_published(),
    ),
    Index(
        "ix_developer_profile_filter_country",
        P.country,
        P.english_rank,
        P.years_experience,
        **_published(),
    ),
)
