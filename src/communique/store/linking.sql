-- Cross-document linking tables (DuckDB). Created on open; every statement is idempotent.
-- Rows are written and removed with their document's events; see communique/store/links.py.

-- What linking knows of each article-level event (a LinkRecord as JSON).
CREATE TABLE IF NOT EXISTS link_records (
    event_id VARCHAR NOT NULL,
    doc_id   VARCHAR NOT NULL,
    record   VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS link_records_event ON link_records (event_id);
CREATE INDEX IF NOT EXISTS link_records_doc ON link_records (doc_id);

-- Candidate index: each event's keys (type, unordered pair of states, a date or edition).
CREATE TABLE IF NOT EXISTS link_keys (
    "key"    VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    doc_id   VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS link_keys_key ON link_keys ("key");
CREATE INDEX IF NOT EXISTS link_keys_doc ON link_keys (doc_id);

-- Pairs of events from different articles that are similar enough to be one event.
CREATE TABLE IF NOT EXISTS link_pairs (
    a     VARCHAR NOT NULL,
    b     VARCHAR NOT NULL,
    score DOUBLE NOT NULL
);
CREATE INDEX IF NOT EXISTS link_pairs_a ON link_pairs (a);
CREATE INDEX IF NOT EXISTS link_pairs_b ON link_pairs (b);

-- The linked event each article-level event belongs to.
CREATE TABLE IF NOT EXISTS event_links (
    event_id  VARCHAR NOT NULL,
    linked_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS event_links_event ON event_links (event_id);
CREATE INDEX IF NOT EXISTS event_links_linked ON event_links (linked_id);
