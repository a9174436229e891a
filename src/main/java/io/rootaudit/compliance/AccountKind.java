package io.rootaudit.compliance;

/**
 * Which kind of account a root user belongs to, because the two are held to different expectations. A member
 * account's root is meant to have no credentials at all under centralized root access. The management account's root
 * cannot be managed that way (sts:AssumeRoot cannot target it), so it is expected to keep a password protected by a
 * hardware or FIDO device, and nothing else.
 */
public enum AccountKind {
    /** A member account, audited in an sts:AssumeRoot session. */
    MEMBER,
    /** The organization's management account, read from inside the account. */
    MANAGEMENT
}
