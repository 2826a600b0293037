-- Jauge store: a request to a bidder may also ask for the justification of a price that looks
-- abnormally low (kind `abnormally_low`, R2152-3). SQLite cannot change a CHECK constraint in
-- place, so `exchanges` is rebuilt with the wider list and every row copied as it was; nothing
-- references the table. Stores without exchanges read exactly as before.

CREATE TABLE exchanges_new (
    tender_id   INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    offer_id    TEXT NOT NULL,
    kind        TEXT NOT NULL
        CHECK (kind IN ('clarification', 'regularisation', 'negotiation', 'abnormally_low')),
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

INSERT INTO exchanges_new (tender_id, id, position, offer_id, kind, round_id, question, criteria,
                           sent, deadline, received, answer, file_sha256, cited_by)
SELECT tender_id, id, position, offer_id, kind, round_id, question, criteria,
       sent, deadline, received, answer, file_sha256, cited_by
FROM exchanges;

DROP TABLE exchanges;
ALTER TABLE exchanges_new RENAME TO exchanges;
