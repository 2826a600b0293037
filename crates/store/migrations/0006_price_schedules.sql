-- Jauge store, schema 6: price schedules (BPU/DQE).
--
-- A tender with a price schedule has one row in `price_schedules`; its lines, each bidder's
-- prices and the corrections of material errors the buyer accepted hang below it. Amounts are
-- REAL: each holds the f64 the file wrote, which reads back as the same decimal (the domain
-- computes money in decimal from them). A line's `criterion` and a correction's `line_id`
-- are NULL when the file leaves them out (the one price criterion; the grand total).

CREATE TABLE price_schedules (
    tender_id         INTEGER PRIMARY KEY REFERENCES tenders (id) ON DELETE CASCADE,
    abnormally_low_on TEXT
) STRICT;

CREATE TABLE schedule_lines (
    tender_id  INTEGER NOT NULL REFERENCES price_schedules (tender_id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    unit       TEXT NOT NULL,
    quantity   REAL NOT NULL,
    line_group TEXT,
    criterion  TEXT,
    PRIMARY KEY (tender_id, id)
) STRICT;

CREATE TABLE schedule_offers (
    tender_id       INTEGER NOT NULL REFERENCES price_schedules (tender_id) ON DELETE CASCADE,
    offer_id        TEXT NOT NULL,
    position        INTEGER NOT NULL,
    submitted_total REAL,
    PRIMARY KEY (tender_id, offer_id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE schedule_prices (
    tender_id       INTEGER NOT NULL,
    offer_id        TEXT NOT NULL,
    line_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    unit_price      REAL NOT NULL,
    submitted_total REAL,
    PRIMARY KEY (tender_id, offer_id, line_id),
    FOREIGN KEY (tender_id, offer_id) REFERENCES schedule_offers (tender_id, offer_id)
        ON DELETE CASCADE,
    FOREIGN KEY (tender_id, line_id) REFERENCES schedule_lines (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE price_corrections (
    tender_id INTEGER NOT NULL REFERENCES price_schedules (tender_id) ON DELETE CASCADE,
    offer_id  TEXT NOT NULL,
    line_id   TEXT,
    position  INTEGER NOT NULL,
    note      TEXT NOT NULL,
    -- RFC 3339, as written in the file.
    at        TEXT NOT NULL,
    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tender_id, line_id) REFERENCES schedule_lines (tender_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX price_corrections_tender ON price_corrections (tender_id, position);
CREATE INDEX schedule_prices_line ON schedule_prices (tender_id, line_id);
