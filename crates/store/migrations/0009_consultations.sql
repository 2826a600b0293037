-- Jauge store: consultations with lots (migration 9, after the rounds of negotiated procedures).
--
-- A consultation holds one or more lots; each lot's evaluation is a tender as before (its rows,
-- its own hash-chained journal, its edits), so nothing about how an evaluation is stored,
-- edited or verified changes. What ties lots together (the consultation, its bidders entered
-- once, the award rules, each lot's number, value and kind of award, and which bidder made each
-- offer) is the consultation's `head`: the JSON the domain writes
-- (`jauge_domain::lots::consultation_head_to_json`), journaled in `consultation_journal`, whose
-- entries chain exactly as the tenders' (same columns, same entry hash), their `state_hash`
-- being the SHA-256 of the head text.
--
-- The lots of a consultation share its reference, but a tender is found by its reference: a
-- lot's tender is filed under a key of its own (`reference` column, « REF#lot-id ») and
-- `evaluation_reference` holds the reference its evaluation carries. NULL there (every tender
-- stored before) means the key is the reference.
--
-- Every tender stored before this migration becomes a consultation of one lot: a consultation
-- with no reference and no head of its own (they are its only tender's, and follow it when it
-- is renamed), the tender its lot. No tender row, no journal row is written.

ALTER TABLE tenders ADD COLUMN evaluation_reference TEXT;

CREATE TABLE consultations (
    id        INTEGER PRIMARY KEY,
    -- Both NULL for a consultation that is one evaluation file.
    reference TEXT UNIQUE,
    head      TEXT,
    CHECK ((reference IS NULL) = (head IS NULL))
) STRICT;

CREATE TABLE lots (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    tender_id       INTEGER NOT NULL UNIQUE REFERENCES tenders (id) ON DELETE CASCADE,
    PRIMARY KEY (consultation_id, position)
) STRICT;

CREATE TABLE consultation_journal (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state_hash      TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    PRIMARY KEY (consultation_id, seq)
) STRICT;

INSERT INTO consultations (id, reference, head) SELECT id, NULL, NULL FROM tenders;
INSERT INTO lots (consultation_id, position, tender_id) SELECT id, 0, id FROM tenders;
