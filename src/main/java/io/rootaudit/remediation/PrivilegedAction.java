package io.rootaudit.remediation;

import java.time.Instant;

/**
 * A privileged command run against a member account's root (or the organization), as recorded for auditors:
 * who, when, why, under which ticket, and what happened.
 *
 * @param target the bucket, queue URL or other object acted on; {@code null} when the account is the target
 * @param result DONE, DRY_RUN, NO_CHANGE, REFUSED or FAILED
 * @param detail what was found and changed (for example the bucket policy that was removed)
 */
public record PrivilegedAction(String id, String command, String accountId, String target, String callerArn, Instant at,
                               String reason, String ticket, boolean dryRun, String result, String detail) {}
