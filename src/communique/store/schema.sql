-- Communique store schema (DuckDB). Created on open; every statement is idempotent.

CREATE TABLE IF NOT EXISTS documents (
    doc_id         VARCHAR PRIMARY KEY,
    content_hash   VARCHAR NOT NULL UNIQUE,
    title          VARCHAR,
    source         VARCHAR,
    url            VARCHAR,
    published      VARCHAR,
    dateline_place VARCHAR,
    dateline_date  VARCHAR,
    origin         VARCHAR,
    text           VARCHAR NOT NULL,
    ingested_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id  VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_id   VARCHAR NOT NULL,
    doc_id       VARCHAR NOT NULL,
    sentence     INTEGER,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    head_start   INTEGER,
    country      VARCHAR,
    sector       VARCHAR,
    name         VARCHAR,
    title        VARCHAR,
    rank         VARCHAR,
    organisation VARCHAR,
    actor_id     VARCHAR,
    rule         VARCHAR
);

-- Resolved entities, stable across documents: upserted, never deleted with a document.
CREATE TABLE IF NOT EXISTS actors (
    actor_id     VARCHAR PRIMARY KEY,
    kind         VARCHAR,
    name         VARCHAR,
    country      VARCHAR,
    sector       VARCHAR,
    title        VARCHAR,
    rank         VARCHAR,
    organisation VARCHAR,
    aliases      VARCHAR[] NOT NULL DEFAULT []
);

CREATE TABLE IF NOT EXISTS events (
    event_id            VARCHAR PRIMARY KEY,
    event_type          VARCHAR NOT NULL,
    mode                VARCHAR,
    cameo               VARCHAR,
    quad_class          INTEGER,
    goldstein           DOUBLE,
    actor_country       VARCHAR,
    actor_sector        VARCHAR,
    actor_name          VARCHAR,
    actor_text          VARCHAR,
    actor_actor_id      VARCHAR,
    actor_mention_id    VARCHAR,
    recipient_country   VARCHAR,
    recipient_sector    VARCHAR,
    recipient_name      VARCHAR,
    recipient_text      VARCHAR,
    recipient_actor_id  VARCHAR,
    recipient_mention_id VARCHAR,
    "symmetric"         BOOLEAN NOT NULL,
    "date"              VARCHAR,
    date_end            VARCHAR,
    date_precision      VARCHAR,
    date_raw            VARCHAR,
    date_reason         VARCHAR,
    location_name       VARCHAR,
    location_admin1     VARCHAR,
    location_country    VARCHAR,
    location_lat        DOUBLE,
    location_lon        DOUBLE,
    location_geonameid  BIGINT,
    location_feature    VARCHAR,
    location_reason     VARCHAR,
    status              VARCHAR,
    mechanism_name      VARCHAR,
    mechanism_edition   INTEGER,
    mechanism_id        VARCHAR,
    trigger_text        VARCHAR,
    trigger_start       INTEGER,
    trigger_end         INTEGER,
    rule                VARCHAR,
    confidence          DOUBLE,
    doc_id              VARCHAR NOT NULL,
    sentence_index      INTEGER,
    actor_start         INTEGER,  -- the argument phrase of each side: character offsets into the text
    actor_end           INTEGER,
    recipient_start     INTEGER,
    recipient_end       INTEGER,
    dyad                VARCHAR   -- the two states, smaller code first ("CHN|VNM"); see store/layout.py
);

-- Stores created before the side spans were kept gain their columns (empty for old events).
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_end INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_end INTEGER;

CREATE TABLE IF NOT EXISTS evidence (
    event_id       VARCHAR NOT NULL,
    "position"     INTEGER NOT NULL,  -- order of the evidence within its event
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER,
    sentence       VARCHAR NOT NULL,
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL
);

-- An event's evidence is fetched by event id (a page of events at a time).
CREATE INDEX IF NOT EXISTS evidence_event ON evidence (event_id);

-- One row per mechanism edition seen in a document.
CREATE TABLE IF NOT EXISTS mechanisms (
    mechanism_id     VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    edition          INTEGER,
    frequency        VARCHAR,
    participants     VARCHAR[] NOT NULL DEFAULT [],
    doc_id           VARCHAR NOT NULL,
    "start"          INTEGER,
    "end"            INTEGER,
    text             VARCHAR,
    "date"           VARCHAR,
    location_name    VARCHAR,
    location_country VARCHAR
);
