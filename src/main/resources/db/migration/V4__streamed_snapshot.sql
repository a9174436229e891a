-- The account snapshot is stored page by page while the organization is listed, and the audit starts on the first
-- page instead of waiting for the whole listing (a 10,000-account organization takes about a minute to list at the
-- Organizations rate). The audit reads accounts in the order they were listed (listed_seq, then account_id), so an
-- account stored after the reader passed a position is never skipped; the run records when the listing was complete,
-- which tells the audit that no more accounts will come. Runs stored before this version listed their accounts in
-- one transaction: their accounts get listed_seq 0 (read in account-id order) and their snapshot counts as complete.
ALTER TABLE ra_account ADD COLUMN listed_seq INT DEFAULT 0 NOT NULL;

ALTER TABLE ra_run ADD COLUMN snapshot_completed_at TIMESTAMP WITH TIME ZONE;

UPDATE ra_run SET snapshot_completed_at = started_at
WHERE EXISTS (SELECT 1 FROM ra_account a WHERE a.run_id = ra_run.run_id);

CREATE INDEX ra_account_listed ON ra_account (run_id, listed_seq, account_id);
