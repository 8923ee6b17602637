"""What the search migrations build by hand, which the models do not describe: SQLite's
FTS5 tables (search_fts and its shadow tables) and covering index of the facet columns,
PostgreSQL's generated `doc` and `facet_doc` tsvectors and the GIN, pg_trgm and
byte-order indexes. Alembic's comparison (autogenerate, and the test that models and
migrations agree) leaves them alone."""

HAND_MADE_INDEXES = {
    "ix_search_document_doc",
    "ix_search_document_facet_doc",
    "ix_search_document_doc_facets",
    "ix_search_document_facet_columns",
    "ix_search_term_trgm",
    "ix_search_term_c",
}
GENERATED = {"doc", "facet_doc"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    if type_ == "column" and name in GENERATED and obj.table.name == "search_document":
        return False
    return not (type_ == "index" and name in HAND_MADE_INDEXES)
