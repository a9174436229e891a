package io.rootaudit.compliance.rules;

import static io.rootaudit.compliance.rules.Inventories.ACTIVE_CERT;
import static io.rootaudit.compliance.rules.Inventories.CONTEXT;
import static io.rootaudit.compliance.rules.Inventories.INACTIVE_CERT;
import static io.rootaudit.compliance.rules.Inventories.certificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootaudit.compliance.Finding;
import org.junit.jupiter.api.Test;

class SigningCertificateRuleTest {

    private final RootSigningCertificatePresent rule = new RootSigningCertificatePresent();

    @Test
    void everyCertificateIsAFindingThatStatesItsStatus() {
        assertThat(rule.evaluate(certificates(ACTIVE_CERT, INACTIVE_CERT), CONTEXT))
                .extracting(Finding::resource, Finding::detail)
                .containsExactly(
                        tuple("TA7SMP42TDN5Z26OBPJE7EXAMPLE",
                                "Signing certificate TA7SMP42TDN5Z26OBPJE7EXAMPLE is active, uploaded 2020-01-01"),
                        tuple("ZP4AMP42TDN5Z26OBPJE7EXAMPLE",
                                "Signing certificate ZP4AMP42TDN5Z26OBPJE7EXAMPLE is inactive, uploaded 2021-01-01"));
    }

    @Test
    void noCertificateNoFinding() {
        assertThat(rule.evaluate(certificates(), CONTEXT)).isEmpty();
    }
}
