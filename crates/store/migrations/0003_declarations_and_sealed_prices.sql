-- Jauge store, schema 3: declarations of interests and sealed prices.
--
-- `sealed_prices` and `declarations_required` mirror the optional settings of the same name
-- (NULL: absent from the file). `prices_opened_at` is when the buyer opened sealed prices.
-- A declaration goes with its offer or evaluator, as scores do.

ALTER TABLE tenders ADD COLUMN sealed_prices INTEGER CHECK (sealed_prices IN (0, 1));
ALTER TABLE tenders ADD COLUMN declarations_required INTEGER
    CHECK (declarations_required IN (0, 1));
ALTER TABLE tenders ADD COLUMN prices_opened_at TEXT;

CREATE TABLE declarations (
    tender_id    INTEGER NOT NULL,
    evaluator_id TEXT NOT NULL,
    offer_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    conflict     INTEGER NOT NULL CHECK (conflict IN (0, 1)),
    -- RFC 3339, as written in the file.
    at           TEXT NOT NULL,
    note         TEXT,
    PRIMARY KEY (tender_id, evaluator_id, offer_id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, evaluator_id) REFERENCES evaluators (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX declarations_offer ON declarations (tender_id, offer_id);
