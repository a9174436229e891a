package io.rootaudit.aws;

import java.time.Instant;

/**
 * A short-lived root session in one member account, opened by {@link RootSessions} for one task policy.
 */
public final class RootSession extends StsSession {

    private final String accountId;
    private final TaskPolicy taskPolicy;

    RootSession(String accountId, TaskPolicy taskPolicy, SessionCredentials credentials, Instant expiration) {
        super(credentials, expiration);
        this.accountId = accountId;
        this.taskPolicy = taskPolicy;
    }

    public String accountId() {
        return accountId;
    }

    public TaskPolicy taskPolicy() {
        return taskPolicy;
    }

    @Override
    public String toString() {
        return "RootSession[account=" + accountId + ", task=" + taskPolicy.policyName() + ", expires=" + expiration() + "]";
    }
}
