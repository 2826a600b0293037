-- Jauge store, schema 2: an index on the position of scores and consensus decisions.
--
-- A score added from the grid goes after the others: its position is the largest so far plus
-- one. Without an index SQLite found that largest position by reading every score of the tender
-- (108,000 rows on 30 offers × 400 criteria × 9 evaluators), on every edit.

CREATE INDEX scores_position ON scores (tender_id, position);
CREATE INDEX consensus_position ON consensus (tender_id, position);
