"""search neighbours: every two words one after the other in some document

search_neighbour counts the documents holding each pair of neighbouring words, and,
after a "+", those of the name, profession and skills (outstaff.search.text.neighbours),
kept by triggers on both databases as search_term is (a pair goes with the last document
holding it). A phrase with two words that are never neighbours then finds nobody before
the index reads the words' lists (at 1M profiles, "backend developer" checked the
positions of 72k documents holding both: 11 ms), and one never in a name, profession or
skills skips the relevance tier of those ("payments service": 16 ms).

Revision ID: 20261202_search_neighbours
Revises: 20261202_search_facet_pairs
Create Date: 2026-12-02 00:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "20261202_search_neighbours"
down_revision = "20261202_search_facet_pairs"
branch_labels = None
depends_on = None

# The words of a text, in order, numbered after the empty ones go.
_WORDS = """(SELECT value AS word, row_number() OVER (ORDER BY key) AS n FROM json_each('["' ||
  replace({text}, ' ', '","') || '"]') WHERE value != '')"""


def _pairs_of(text: str, before: str = "") -> str:
    words = _WORDS.format(text=text)
    return (
        f"SELECT '{before}' || a.word || ' ' || b.word AS pair FROM {words} AS a "
        f"JOIN {words} AS b ON b.n = a.n + 1"
    )


# Pairs anywhere (strong then weak), and "+" and those of strong alone.
_PAIRS = (
    "(SELECT DISTINCT pair FROM ("
    + _pairs_of("{0}.strong || ' ' || {0}.weak")
    + " UNION ALL "
    + _pairs_of("{0}.strong", "+")
    + "))"
)
_ADD = (
    "INSERT INTO search_neighbour (pair, docs) SELECT pair, 1 FROM " + _PAIRS.format("new")
    + " WHERE true ON CONFLICT (pair) DO UPDATE SET docs = docs + 1;"
)
_DROP = (
    "UPDATE search_neighbour SET docs = docs - 1 WHERE pair IN " + _PAIRS.format("old") + ";"
    " DELETE FROM search_neighbour WHERE docs <= 0 AND pair IN " + _PAIRS.format("old") + ";"
)
SQLITE_TRIGGERS = {
    "search_document_neighbours_ai": f"AFTER INSERT ON search_document BEGIN {_ADD} END",
    "search_document_neighbours_ad": f"AFTER DELETE ON search_document BEGIN {_DROP} END",
    "search_document_neighbours_au": (
        f"AFTER UPDATE OF strong, weak ON search_document BEGIN {_DROP} {_ADD} END"
    ),
}

POSTGRESQL = [
    r"""CREATE OR REPLACE FUNCTION search_neighbours(strong text, weak text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
    SELECT before || word || ' ' || next AS pair FROM (
      SELECT before, word, lead(word) OVER (PARTITION BY before ORDER BY n) AS next
      FROM (VALUES ('', strong || ' ' || weak), ('+', strong)) AS texts(before, body),
        unnest(string_to_array(body, ' ')) WITH ORDINALITY AS t(word, n)
      WHERE word <> ''
    ) AS neighbours WHERE next IS NOT NULL
  ) AS pairs
$$""",
    """CREATE OR REPLACE FUNCTION search_neighbour_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.strong = NEW.strong AND OLD.weak = NEW.weak THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE search_neighbour SET docs = docs - 1
      WHERE pair = ANY (search_neighbours(OLD.strong, OLD.weak));
    DELETE FROM search_neighbour WHERE docs <= 0
      AND pair = ANY (search_neighbours(OLD.strong, OLD.weak));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_neighbour (pair, docs)
      SELECT p, 1 FROM unnest(search_neighbours(NEW.strong, NEW.weak)) AS p ORDER BY p
      ON CONFLICT (pair) DO UPDATE SET docs = search_neighbour.docs + 1;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER search_document_neighbours AFTER INSERT OR UPDATE OR DELETE "
    "ON search_document FOR EACH ROW EXECUTE FUNCTION search_neighbour_count()",
]


def upgrade():
    op.create_table(
        "search_neighbour",
        sa.Column("pair", sa.Text(), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pair"),
    )
    from outstaff.search import index

    # Counted from the documents there are, before the triggers count each new one.
    index.count_neighbours(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS search_document_neighbours ON search_document")
        op.execute("DROP FUNCTION IF EXISTS search_neighbour_count()")
        op.execute("DROP FUNCTION IF EXISTS search_neighbours(text, text)")
    op.drop_table("search_neighbour")
