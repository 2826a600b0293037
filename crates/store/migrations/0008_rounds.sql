-- Jauge store: rounds of a negotiated procedure and exchanges with bidders (migration 8, after
-- the routes of price corrections).
--
-- A tender with rounds has one row in `negotiations` and one row per round in `rounds`, in
-- order. A round before the latest keeps, in `frozen`, what it was scored on — its offers'
-- prices and certifications, its scores and decisions — as the evaluation file writes them
-- (JSON): once the next round opens it is a record, never edited row by row. Offers set aside
-- at a round are rows of `round_eliminations`. Exchanges are rows of `exchanges`; the criteria
-- a question bears on and the scores citing it are JSON arrays of the file's spellings. Stores
-- without rounds gain empty tables and read exactly as before.

CREATE TABLE negotiations (
    tender_id              INTEGER PRIMARY KEY REFERENCES tenders (id) ON DELETE CASCADE,
    reduction_announced    INTEGER,
    initial_award_reserved INTEGER
) STRICT;

CREATE TABLE rounds (
    tender_id INTEGER NOT NULL REFERENCES negotiations (tender_id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('initial', 'intermediate', 'final')),
    invited   TEXT,
    deadline  TEXT,
    frozen    TEXT,
    PRIMARY KEY (tender_id, id)
) STRICT;

CREATE TABLE round_eliminations (
    tender_id INTEGER NOT NULL,
    round_id  TEXT NOT NULL,
    offer_id  TEXT NOT NULL,
    position  INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    FOREIGN KEY (tender_id, round_id) REFERENCES rounds (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id)
) STRICT;

CREATE TABLE exchanges (
    tender_id   INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    offer_id    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('clarification', 'regularisation', 'negotiation')),
    round_id    TEXT,
    question    TEXT NOT NULL,
    criteria    TEXT NOT NULL,
    sent        TEXT NOT NULL,
    deadline    TEXT,
    received    TEXT,
    answer      TEXT,
    file_sha256 TEXT,
    cited_by    TEXT NOT NULL,
    PRIMARY KEY (tender_id, id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id)
) STRICT;
