"""Full-text search over published questionnaires, the same on SQLite and PostgreSQL.

- text.py: how words are normalized (case, script, transliteration, skill aliases);
- index.py: the index, written in the questionnaire's own transaction;
- match.py: a search box's words turned into the index's query, with prefixes and typos;
- facets.py: the listing's filters as words of the index (a column of their own), and
  SQLite's plan of which to intersect and which to check on the rows found.

One table, `search_document`, holds a row per published questionnaire: its `seq` grows with
every write (so newest first is `seq` descending), `strong` holds the name, profession and
skills and `weak` the bio, both as normalized words. SQLite indexes it with an FTS5 table
(`search_fts`, kept by triggers); PostgreSQL keeps a generated `doc` tsvector (strong words
weighted A, bio B) under a GIN index. On both, triggers keep the vocabulary `search_term`
(word, how many documents hold it; a word goes with its last document), for prefix and
typo lookups (PostgreSQL: under a pg_trgm index), and `search_facet` (facet word, how
many documents hold it), the plan's statistics.
"""
