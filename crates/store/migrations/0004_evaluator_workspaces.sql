-- Jauge store, schema 4: evaluators' workspaces.
--
-- On an evaluator's laptop, a tender opened from a package is a workspace: this row keeps the
-- package's facts (whose it is, the criteria assigned, the fingerprints the return file must
-- carry back, the package file's name and SHA-256). A buyer's tender has no row here.

CREATE TABLE evaluator_workspaces (
    tender_id      INTEGER PRIMARY KEY REFERENCES tenders (id) ON DELETE CASCADE,
    evaluator      TEXT NOT NULL,
    -- JSON array of criterion ids, in tree order.
    criteria       TEXT NOT NULL,
    prices_hidden  INTEGER NOT NULL CHECK (prices_hidden IN (0, 1)),
    basis_sha256   TEXT NOT NULL,
    source_sha256  TEXT NOT NULL,
    exported_at    TEXT NOT NULL,
    package_name   TEXT NOT NULL,
    package_sha256 TEXT NOT NULL
) STRICT;
