-- rootaudit results store, version 1: the schema of rootaudit 0.1.0, which created it without Flyway (a store of
-- 0.1.0 is baselined at this version instead of running it; see StoreMigrations). Portable SQL (H2 2.x and
-- PostgreSQL). Spring Batch keeps its own BATCH_* tables for job state; these tables hold what auditors read.
-- Never edit a migration once released: Flyway checks its checksum at every start. Add V<n+1>__*.sql instead.

CREATE TABLE ra_run (
    run_id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    organization_id       VARCHAR(64)   NOT NULL,
    period                VARCHAR(7)    NOT NULL,
    attempt               INT           NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    started_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at              TIMESTAMP WITH TIME ZONE,
    caller_arn            VARCHAR(2048),
    management_account_id VARCHAR(12),
    tool_version          VARCHAR(64),
    config_json           VARCHAR(1000000),
    preflight_json        VARCHAR(1000000),
    exceptions_json       VARCHAR(1000000),
    published_to          VARCHAR(2048),          -- s3://bucket/prefix/ once the pack is published and verified
    published_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ra_run_period UNIQUE (organization_id, period, attempt)
);

CREATE TABLE ra_account (
    run_id            VARCHAR(64)   NOT NULL,
    account_id        VARCHAR(12)   NOT NULL,
    name              VARCHAR(1024),
    email             VARCHAR(1024),
    ou_id             VARCHAR(128),
    ou_path           VARCHAR(4096),
    ou_id_path        VARCHAR(4096),
    state             VARCHAR(32),
    joined_at         TIMESTAMP WITH TIME ZONE,
    tags_json         VARCHAR(100000),
    status            VARCHAR(16),            -- NULL until the account is audited
    status_reason     VARCHAR(4000),
    highest_severity  VARCHAR(16),
    inventory_json    VARCHAR(1000000),
    evidence_json     VARCHAR(1000000),
    error_code        VARCHAR(256),
    error_message     VARCHAR(4000),
    audited_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, account_id)
);

CREATE TABLE ra_finding (
    run_id          VARCHAR(64)   NOT NULL,
    account_id      VARCHAR(12)   NOT NULL,
    ordinal         INT           NOT NULL,
    rule_id         VARCHAR(128)  NOT NULL,
    severity        VARCHAR(16)   NOT NULL,
    detail          VARCHAR(4000),
    resource        VARCHAR(1024),
    exception_ref   VARCHAR(256),
    PRIMARY KEY (run_id, account_id, ordinal)
);

CREATE INDEX ra_account_status ON ra_account (run_id, status);

-- Remediation: one row per account a run's remediation step considered, and every action planned or taken.
CREATE TABLE ra_remediation (
    run_id        VARCHAR(64)   NOT NULL,
    account_id    VARCHAR(12)   NOT NULL,
    mode          VARCHAR(16)   NOT NULL,
    decision      VARCHAR(40)   NOT NULL,
    reason        VARCHAR(4000),
    before_json   VARCHAR(1000000),
    after_json    VARCHAR(1000000),
    updated_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, account_id)
);

CREATE TABLE ra_remediation_action (
    run_id        VARCHAR(64)   NOT NULL,
    account_id    VARCHAR(12)   NOT NULL,
    ordinal       INT           NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    target        VARCHAR(1024) NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    detail        VARCHAR(4000),
    at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, account_id, ordinal)
);

-- Privileged commands (allow-recovery, delete-root-credentials, unlock-*, enable-root-access-management).
CREATE TABLE ra_privileged_action (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    command       VARCHAR(64)   NOT NULL,
    account_id    VARCHAR(12),
    target        VARCHAR(2048),
    caller_arn    VARCHAR(2048),
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        VARCHAR(4000),
    ticket        VARCHAR(256),
    dry_run       BOOLEAN       NOT NULL,
    result        VARCHAR(32)   NOT NULL,
    detail        VARCHAR(100000)
);
