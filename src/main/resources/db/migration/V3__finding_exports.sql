-- Every attempt to send a completed run's findings to another tool (AWS Security Hub: destination 'security-hub'),
-- with its outcome: the evidence of what was exported, and of what failed and why, kept beside the run. An export
-- happens after the evidence pack is sealed and may be retried later (export --run ID), so it is recorded here rather
-- than in the pack. failures_json lists each refused finding or failed call: [{"findingId", "code", "message"}].
CREATE TABLE ra_finding_export (
    run_id          VARCHAR(64)   NOT NULL,
    destination     VARCHAR(32)   NOT NULL,
    attempt         INT           NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    succeeded       BOOLEAN       NOT NULL,
    findings        INT           NOT NULL,
    imported        INT           NOT NULL,
    failures_json   VARCHAR(1000000),
    PRIMARY KEY (run_id, destination, attempt),
    CONSTRAINT ra_finding_export_run FOREIGN KEY (run_id) REFERENCES ra_run (run_id)
);
