-- The organization-level findings of each run (centralized root access disabled...), stored when the run starts or
-- resumes, so that its reports and exit code show what the run found rather than what today's rules make of its
-- stored preflight. ordinal keeps the rule catalog's order.
CREATE TABLE ra_organization_finding (
    run_id      VARCHAR(64)   NOT NULL,
    ordinal     INT           NOT NULL,
    rule_id     VARCHAR(128)  NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    detail      VARCHAR(4000),
    resource    VARCHAR(1024),
    PRIMARY KEY (run_id, ordinal),
    CONSTRAINT ra_organization_finding_run FOREIGN KEY (run_id) REFERENCES ra_run (run_id)
);

-- Runs recorded before this version kept only their preflight, from which rootaudit 0.1.0 derived these findings with
-- its two organization rules whenever it reported. Record what those rules found, in their order, so that the runs'
-- reports stay as they were. A feature counts as enabled when its name is a whole JSON string of the preflight
-- ("RootSessions", quotes included): only enabledFeatures holds the bare names; the other texts of a 0.1.0 preflight
-- (check ids, titles, details, fixes) are longer, and a quote inside them is escaped.
INSERT INTO ra_organization_finding (run_id, ordinal, rule_id, severity, detail, resource)
SELECT run_id, 0, 'org-root-credentials-management-disabled', 'HIGH',
       'The organization''s RootCredentialsManagement feature is not enabled', NULL
FROM ra_run
WHERE preflight_json NOT LIKE '%"RootCredentialsManagement"%';

INSERT INTO ra_organization_finding (run_id, ordinal, rule_id, severity, detail, resource)
SELECT run_id, CASE WHEN preflight_json LIKE '%"RootCredentialsManagement"%' THEN 0 ELSE 1 END,
       'org-root-sessions-disabled', 'MEDIUM', 'The organization''s RootSessions feature is not enabled', NULL
FROM ra_run
WHERE preflight_json NOT LIKE '%"RootSessions"%';
