package io.rootaudit.job;

import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AccountScope;

/**
 * Which account tags a run reads, and when. Reading tags costs one Organizations request per account at about 8
 * requests a second, more than the audit itself, so a run reads none unless something needs them: tags that decide
 * the scope ({@code rootaudit.scope.include-tags}, {@code exclude-tags}) are read before the audit, since they decide
 * which accounts it audits; tags that only label accounts (owners, the remediation scope, the Tags column) are read
 * alongside the audit and never delay it.
 *
 * @param forScope read every candidate account's tags before the snapshot is stored
 * @param forLabels read the tags of the snapshot's accounts alongside the audit
 */
record TagReads(boolean forScope, boolean forLabels) {

    static TagReads of(RootAuditProperties properties) {
        boolean scope = new AccountScope(properties.scope()).usesTags();
        boolean labels = properties.scope().readTags() || !properties.report().ownerTagKeys().isEmpty()
                || new AccountScope(properties.remediation().scope()).usesTags();
        return new TagReads(scope, labels && !scope); // tags read for the scope are stored with the snapshot
    }
}
