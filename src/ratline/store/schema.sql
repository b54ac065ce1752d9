-- ratline corpus schema.
--
-- Written in the subset of SQL that SQLite runs today and PostgreSQL can run
-- unchanged later: only TEXT, INTEGER and REAL columns, ids are TEXT (content
-- hashes, dictionary ids, "<doc_id>:<local id>"), JSON lists are TEXT, booleans
-- are INTEGER 0/1, dates are ISO TEXT. No AUTOINCREMENT, no ROWID tricks, no
-- WITHOUT ROWID, no SQLite-only pragmas here (those live in sqlite.py).
-- Reserved words of PostgreSQL are avoided as column names: character offsets
-- are char_start/char_end (not start/end) and a tally's actors are by_actors.
--
-- Every fact row carries doc_id, so provenance is the table itself: the quote
-- and its offsets into documents.body say where the fact was read.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

-- One row per distinct article body; doc_id is the content hash, so ingesting
-- the same text twice is a no-op.
CREATE TABLE IF NOT EXISTS documents (
    doc_id             TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    source             TEXT NOT NULL,
    title              TEXT,
    body               TEXT NOT NULL,
    published          TEXT,
    published_basis    TEXT,
    published_precision TEXT,               -- "day" or "month" (a URL's /2008/05/); NULL if unknown
    has_comments       INTEGER NOT NULL DEFAULT 0,
    comments           TEXT NOT NULL DEFAULT '[]',
    boilerplate        TEXT NOT NULL DEFAULT '[]',
    body_last_sentence TEXT,
    fmt                TEXT,
    url                TEXT,
    author             TEXT,                -- the byline's name, if the page gives one
    ingested_at        TEXT NOT NULL
);
-- A report's order (ingested_at, name) without reading the document's row: in
-- SQLite that row holds the body, and ingested_at sits past it (overflow pages),
-- so each report event merging loaded read the whole body.
CREATE INDEX IF NOT EXISTS documents_order ON documents (doc_id, ingested_at, name);

-- Canonical corpus-level entities (one per real thing across documents).
CREATE TABLE IF NOT EXISTS entities (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT,
    created_by TEXT NOT NULL,         -- doc_id of the document that introduced it
    -- the name's matching keys (names.norm as a group's, and as a person's:
    -- titles dropped), so a user's name finds the entity by index
    name_norm        TEXT,
    name_norm_person TEXT
);
CREATE INDEX IF NOT EXISTS entities_name_norm ON entities (name_norm);
CREATE INDEX IF NOT EXISTS entities_name_norm_person ON entities (name_norm_person);

-- Every surface form an entity was seen under, once per entity, with the
-- publication dates of the first and last documents that used it.
CREATE TABLE IF NOT EXISTS aliases (
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    alias      TEXT NOT NULL,
    norm       TEXT NOT NULL,
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    first_seen TEXT,
    last_seen  TEXT,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases (norm);

-- Why a document's local entity was attached to a canonical entity: the rule
-- (dictionary, alias, fuzzy, surname_unique, new...) and its score. The local
-- name/aliases are kept so a document can be exported exactly as it was read.
CREATE TABLE IF NOT EXISTS entity_links (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id),
    local_id  TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    rule      TEXT NOT NULL,
    score     REAL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    aliases   TEXT NOT NULL DEFAULT '[]',
    country   TEXT,
    basis     TEXT,
    evidence  TEXT,                  -- the names that matched, e.g. "'Basrah' ~ 'Basra'"
    PRIMARY KEY (doc_id, local_id)
);
-- (entity_id, rule): a person's links made by one rule (relink's ``part`` moves only
-- the surname rule's) are one index range, not every link of a person named in
-- hundreds of documents; it serves every lookup by entity_id as well, so it stands
-- in for the (entity_id) index of older versions (dropped: one index per link, as before).
CREATE INDEX IF NOT EXISTS entity_links_entity_rule ON entity_links (entity_id, rule);
DROP INDEX IF EXISTS entity_links_entity;

-- A user's decisions about entities; they outrank the resolver's.  "same":
-- entity_id and other are one real thing (other's documents go to entity_id).
-- "split": the name (norm is its matching key) does not denote entity_id;
-- documents that use it as the entity's label go to the entity ``other``.
-- The resolver applies them to every document it links, so re-resolving the
-- corpus or ingesting more never undoes them (store/judgements.py).  names
-- (JSON) keeps each side's names when the judgement was made; an undone
-- judgement stays on record with active = 0.
CREATE TABLE IF NOT EXISTS entity_judgements (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    other     TEXT NOT NULL,
    name      TEXT,
    norm      TEXT,
    names     TEXT NOT NULL DEFAULT '{}',
    note      TEXT,
    made_at   TEXT NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1
);

-- Names found in the body, with offsets; entity_key is the canonical entity
-- id when the mention belongs to a linked entity.
CREATE TABLE IF NOT EXISTS mentions (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    entity_key TEXT,
    sentence   INTEGER,
    basis      TEXT
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_key);

-- subject/object are canonical entity ids.
CREATE TABLE IF NOT EXISTS relations (
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id),
    subject        TEXT NOT NULL,
    predicate      TEXT NOT NULL,
    object         TEXT NOT NULL,
    quote          TEXT NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    basis          TEXT,
    date           TEXT,
    date_precision TEXT,
    valid_since    TEXT,
    valid_until    TEXT
);
CREATE INDEX IF NOT EXISTS relations_doc ON relations (doc_id);
CREATE INDEX IF NOT EXISTS relations_subject ON relations (subject);
CREATE INDEX IF NOT EXISTS relations_object ON relations (object);

-- The real event (when, where): one row per group of reports judged to tell
-- of the same happening (store/eventmerge.py).  Its id is the id of one of its
-- reports ("<doc_id>:<local id>"); type, date and place are chosen from the
-- reports and ``basis`` says which report gave each.
CREATE TABLE IF NOT EXISTS events (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    date            TEXT,
    date_precision  TEXT,
    location        TEXT,
    admin1          TEXT,
    country         TEXT,
    lat             REAL,
    lon             REAL,
    where_precision INTEGER,
    basis           TEXT
);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_location ON events (location);
CREATE INDEX IF NOT EXISTS events_country ON events (country, admin1);

-- One row per report of an event: each source keeps its own figures.
CREATE TABLE IF NOT EXISTS event_reports (
    event_id           TEXT NOT NULL REFERENCES events(id),
    doc_id             TEXT NOT NULL REFERENCES documents(doc_id),
    local_id           TEXT NOT NULL,
    quote              TEXT NOT NULL,
    char_start         INTEGER NOT NULL,
    char_end           INTEGER NOT NULL,
    date_text          TEXT,
    actors             TEXT NOT NULL DEFAULT '[]',
    targets            TEXT NOT NULL DEFAULT '[]',
    killed_low         INTEGER,
    killed_best        INTEGER,
    killed_high        INTEGER,
    wounded            INTEGER,
    captured           INTEGER,
    casualty_side_note TEXT,
    claim_source       TEXT,
    basis              TEXT,
    -- the event as this report read it (the events row is the merged view)
    read_type            TEXT,
    read_date            TEXT,
    read_date_precision  TEXT,
    read_location        TEXT,
    read_admin1          TEXT,
    read_country         TEXT,
    read_lat             REAL,
    read_lon             REAL,
    read_where_precision INTEGER,
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports (event_id);
CREATE INDEX IF NOT EXISTS event_reports_location_date ON event_reports (read_location, read_date);
-- Event merging's date blocks read every report of a day window (any country) or of
-- a year (year-precision reports): with the columns its filters test in the index
-- (type, country, and the place test ``candidates._near``: town, point, precision),
-- the rows it rules out are never read from the table (3x faster at 8,000 documents;
-- with the point, 2x at 13,000).  These two also serve every lookup by read_date or
-- by (read_date_precision, read_date), which had indexes of their own (dropped below:
-- each index is more pages written per document).
CREATE INDEX IF NOT EXISTS event_reports_block_day ON event_reports
    (read_date, read_date_precision, read_type, read_country, read_location, read_lat, read_lon,
     read_where_precision, doc_id, local_id);
CREATE INDEX IF NOT EXISTS event_reports_block_precision ON event_reports
    (read_date_precision, read_date, read_type, read_country, read_location, read_lat, killed_best,
     doc_id, local_id);
-- indexes of older versions the two above stand in for
DROP INDEX IF EXISTS event_reports_date;
DROP INDEX IF EXISTS event_reports_precision_date;
DROP INDEX IF EXISTS event_reports_block_date;

-- Who took part in each report (role "actor" or "target"), one row per
-- canonical entity: the actors/targets JSON lists of event_reports as a table,
-- so "reports naming X" is an index lookup (event merging's blocking, events
-- by actor, an entity's dossier) instead of a text search through every
-- report.  Rebuilt from event_reports whenever entity ids are rewritten.
-- ``undated`` (1: the report's read_date is NULL) lets event merging ask for a
-- party's undated reports as one index range, not every report of a busy party.
-- ``loc`` and ``cell`` are the report's place (its read_location, and its point
-- on a grid of 0.25 degrees, or -1 where event merging's place test keeps the
-- report whatever its point: ``rows.place_cell``), so the party block reads only
-- a party's reports in the cells around the new report's town, not every far town
-- of the country (``candidates._party_parts``).  -1 is the default: a row written
-- without it is always a candidate, never lost.
CREATE TABLE IF NOT EXISTS report_parties (
    doc_id    TEXT NOT NULL,
    local_id  TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    undated   INTEGER NOT NULL DEFAULT 0,
    loc       TEXT,
    cell      INTEGER NOT NULL DEFAULT -1,
    PRIMARY KEY (doc_id, local_id, entity_id, role)
);
CREATE INDEX IF NOT EXISTS report_parties_entity_cell ON report_parties
    (entity_id, undated, cell, loc);
DROP INDEX IF EXISTS report_parties_entity_undated;

-- Where a report's named place lies when the gazetteer does not know the name
-- itself (a facility, a hamlet): the nearest place that could be found, with a
-- coarser where_precision and the rule that chose it (place/fallback.py).
-- report_id is "<doc_id>:<local id>".
CREATE TABLE IF NOT EXISTS report_places (
    report_id       TEXT PRIMARY KEY,
    place_name      TEXT,
    admin1          TEXT,
    country         TEXT,
    lat             REAL,
    lon             REAL,
    where_precision INTEGER,
    basis           TEXT
);

-- Judgements that two reports tell (same) or do not tell (not_same) of one
-- event, by the machine or by a user; report_a < report_b.  Events are the
-- groups these judgements make: a user's judgement outranks the machine's,
-- and new documents never undo it.
CREATE TABLE IF NOT EXISTS event_judgements (
    report_a  TEXT NOT NULL,
    report_b  TEXT NOT NULL,
    judgement TEXT NOT NULL,
    rule      TEXT NOT NULL,
    score     REAL,
    judged_by TEXT NOT NULL,
    made_at   TEXT NOT NULL,
    PRIMARY KEY (report_a, report_b, judged_by)
);
CREATE INDEX IF NOT EXISTS event_judgements_b ON event_judgements (report_b);

CREATE TABLE IF NOT EXISTS tallies (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    subject    TEXT,
    since      TEXT,
    killed     INTEGER,
    captured   INTEGER,
    by_actors  TEXT NOT NULL DEFAULT '[]',
    quote      TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    basis      TEXT
);
CREATE INDEX IF NOT EXISTS tallies_doc ON tallies (doc_id);

CREATE TABLE IF NOT EXISTS conflicts (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id),
    event_id TEXT,
    claims   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS conflicts_doc ON conflicts (doc_id);
CREATE INDEX IF NOT EXISTS conflicts_event ON conflicts (event_id);

-- A movement a sentence states: people, weapons, money or training going from
-- one place to another (extract/routes.py).  origin/destination are canonical
-- place ids (origin NULL when the report names none) with the gazetteer's
-- point, so a map draws the arc without a gazetteer; mover is who moves it.
CREATE TABLE IF NOT EXISTS routes (
    doc_id           TEXT NOT NULL REFERENCES documents(doc_id),
    origin           TEXT,
    origin_name      TEXT,
    origin_lat       REAL,
    origin_lon       REAL,
    destination      TEXT NOT NULL,
    destination_name TEXT NOT NULL,
    destination_lat  REAL,
    destination_lon  REAL,
    cargo            TEXT,
    cargo_kind       TEXT,
    mover            TEXT,
    quote            TEXT NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    basis            TEXT
);
CREATE INDEX IF NOT EXISTS routes_doc ON routes (doc_id);

-- Documents a user removed (store/removal.py): a later ingest of the same text
-- is refused unless forced, so a page removed on purpose does not
-- creep back with the next folder ingest.
CREATE TABLE IF NOT EXISTS removals (
    doc_id     TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    source     TEXT,
    removed_at TEXT NOT NULL
);
