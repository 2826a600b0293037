-- Jauge store, schema 1: one evaluation file per tender, spread over tables so the desktop app can
-- change one score at a time, plus the hash-chained journal of every change.
--
-- Document ids (offer "o1", criterion "tech.sec"…) are kept as they are and keyed per tender, so
-- foreign keys speak the file's language. `position` columns keep every list in file order.
-- Columns mirror optional keys: NULL means "absent from the file", never "default".
-- Shipped migrations are never edited: add a new numbered file instead.

CREATE TABLE tenders (
    id                     INTEGER PRIMARY KEY,
    reference              TEXT NOT NULL UNIQUE,
    title                  TEXT NOT NULL,
    buyer                  TEXT NOT NULL,
    lot                    TEXT,
    procedure              TEXT,
    launch_date            TEXT,
    deadline               TEXT NOT NULL,
    currency               TEXT,
    consolidation          TEXT,
    divergence_threshold   REAL,
    abnormally_low         TEXT,
    abnormally_low_percent REAL
) STRICT;

CREATE TABLE criteria (
    tender_id      INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    parent_id      TEXT,
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    weight         REAL NOT NULL,
    -- NULL for a group.
    kind           TEXT CHECK (kind IN ('scored', 'price', 'requirement')),
    environmental  INTEGER CHECK (environmental IN (0, 1)),
    -- JSON array of strings.
    refs           TEXT,
    scale_min      REAL,
    scale_max      REAL,
    scale_step     REAL,
    -- 1 when the file has a `levels` array (possibly empty); its items are in `levels`.
    has_levels     INTEGER NOT NULL DEFAULT 0 CHECK (has_levels IN (0, 1)),
    threshold      REAL,
    formula        TEXT,
    formula_n      REAL,
    auto_scheme    TEXT,
    auto_min_level REAL,
    -- JSON array of status names; NULL when the file relies on the default.
    auto_status    TEXT,
    PRIMARY KEY (tender_id, id),
    FOREIGN KEY (tender_id, parent_id) REFERENCES criteria (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX criteria_parent ON criteria (tender_id, parent_id);

CREATE TABLE levels (
    tender_id    INTEGER NOT NULL,
    criterion_id TEXT NOT NULL,
    position     INTEGER NOT NULL,
    value        REAL NOT NULL,
    label        TEXT NOT NULL,
    PRIMARY KEY (tender_id, criterion_id, position),
    FOREIGN KEY (tender_id, criterion_id) REFERENCES criteria (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE evaluators (
    tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    role      TEXT,
    PRIMARY KEY (tender_id, id)
) STRICT;

CREATE TABLE offers (
    tender_id          INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    id                 TEXT NOT NULL,
    position           INTEGER NOT NULL,
    bidder             TEXT NOT NULL,
    name               TEXT,
    price              REAL,
    -- The reason the buyer gave; NULL when the offer is not declared irregular.
    irregular          TEXT,
    -- 1 when the file has a `certifications` array (possibly empty).
    has_certifications INTEGER NOT NULL DEFAULT 0 CHECK (has_certifications IN (0, 1)),
    PRIMARY KEY (tender_id, id)
) STRICT;

CREATE TABLE certifications (
    tender_id   INTEGER NOT NULL,
    offer_id    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    scheme      TEXT NOT NULL,
    level       REAL,
    status      TEXT NOT NULL,
    valid_from  TEXT,
    valid_until TEXT,
    reference   TEXT,
    PRIMARY KEY (tender_id, offer_id, position),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE
) STRICT;

-- Scores and consensus follow their offer and evaluator when those are removed. Their criterion
-- key is checked at commit only: replacing the criteria tree deletes and re-inserts every node in
-- one transaction, and the scores of nodes that survive must not go with them.
CREATE TABLE scores (
    tender_id     INTEGER NOT NULL,
    offer_id      TEXT NOT NULL,
    criterion_id  TEXT NOT NULL,
    evaluator_id  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    value         REAL,
    met           INTEGER CHECK (met IN (0, 1)),
    justification TEXT,
    -- RFC 3339, as written in the file.
    at            TEXT,
    CHECK ((value IS NULL) <> (met IS NULL)),
    PRIMARY KEY (tender_id, offer_id, criterion_id, evaluator_id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, evaluator_id) REFERENCES evaluators (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, criterion_id) REFERENCES criteria (tender_id, id)
        DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX scores_criterion ON scores (tender_id, criterion_id);
CREATE INDEX scores_evaluator ON scores (tender_id, evaluator_id);

CREATE TABLE consensus (
    tender_id     INTEGER NOT NULL,
    offer_id      TEXT NOT NULL,
    criterion_id  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    value         REAL,
    met           INTEGER CHECK (met IN (0, 1)),
    justification TEXT NOT NULL,
    CHECK ((value IS NULL) <> (met IS NULL)),
    PRIMARY KEY (tender_id, offer_id, criterion_id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, criterion_id) REFERENCES criteria (tender_id, id)
        DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX consensus_criterion ON consensus (tender_id, criterion_id);

-- Append-only. Each entry chains the previous one's hash; see journal.rs for the byte layout.
CREATE TABLE journal (
    tender_id  INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    payload    TEXT NOT NULL,
    state_hash TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (tender_id, seq)
) STRICT;
