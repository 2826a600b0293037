-- Jauge store, schema 7: the route each price correction took.
--
-- A correction of a material error is the buyer's own under a clause of the tender rules
-- (`tender_rules`), a correction the bidder confirmed (`bidder_confirmed`), or a
-- regularisation the bidder made (`regularisation`). Corrections stored before this
-- migration have none (NULL), as files written before it do.

ALTER TABLE price_corrections ADD COLUMN route TEXT
    CHECK (route IN ('tender_rules', 'bidder_confirmed', 'regularisation'));
