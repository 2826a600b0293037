-- Jauge store, schema 5: signed committee return files.
--
-- `signed_returns_required` mirrors the optional setting of the same name (NULL: absent from
-- the file). `return_certificates` pins, per tender and committee member, the certificate that
-- signed the member's first signed return file: a later return signed with another certificate
-- is merged only once the buyer confirms it (journaled), and the pin then moves to it.

ALTER TABLE tenders ADD COLUMN signed_returns_required INTEGER
    CHECK (signed_returns_required IN (0, 1));

CREATE TABLE return_certificates (
    tender_id          INTEGER NOT NULL,
    evaluator_id       TEXT NOT NULL,
    -- Lowercase hex SHA-256 of the certificate's DER.
    certificate_sha256 TEXT NOT NULL,
    -- RFC 4514, as the signature's certificate spells it.
    subject            TEXT NOT NULL,
    -- RFC 3339: when it was pinned (the merge of the return file that brought it).
    pinned_at          TEXT NOT NULL,
    PRIMARY KEY (tender_id, evaluator_id),
    FOREIGN KEY (tender_id, evaluator_id) REFERENCES evaluators (tender_id, id) ON DELETE CASCADE
) STRICT;
