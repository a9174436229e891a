package io.rootaudit.audit;

/**
 * What the audit task produced for one account: an inventory, or the error that stopped it, and in both
 * cases the evidence of the calls made.
 */
public record CollectionResult(String accountId, RootCredentialInventory inventory, AuditError error,
                               EvidenceLog evidence) {

    public boolean succeeded() {
        return error == null;
    }
}
