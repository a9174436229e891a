package io.rootaudit.compliance.rules;

import static io.rootaudit.compliance.rules.Inventories.CONTEXT;
import static io.rootaudit.compliance.rules.Inventories.ROOT_ARN;
import static io.rootaudit.compliance.rules.Inventories.ACCOUNT_CREATED;
import static io.rootaudit.compliance.rules.Inventories.VIRTUAL_MFA;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management account's root is expected to keep a password with hardware or FIDO MFA and nothing else: the
 * password itself and an MFA without password are member-account rules only; every other rule applies to both kinds.
 */
class AccountKindTest {

    static final RuleCatalog CATALOG = BuiltInRules.catalog();
    /** As the management account's reads give it: no creation date, used long ago. */
    static final Password MANAGEMENT_PASSWORD = new Password(null, Instant.parse("2025-01-10T09:00:00Z"), false);
    static final MfaDevice NON_VIRTUAL = new MfaDevice(null, MfaType.NON_VIRTUAL, null);

    @Test
    void rulesSayWhichKindsTheyApplyTo() {
        List<String> memberOnly = CATALOG.accountRules().stream()
                .filter(r -> !r.accountKinds().contains(AccountKind.MANAGEMENT))
                .map(r -> r.metadata().id()).toList();
        List<String> both = CATALOG.accountRules().stream()
                .filter(r -> r.accountKinds().contains(AccountKind.MANAGEMENT) && r.accountKinds().contains(AccountKind.MEMBER))
                .map(r -> r.metadata().id()).toList();

        assertThat(memberOnly).containsExactlyInAnyOrder("root-password-present", "root-mfa-without-password");
        assertThat(both).containsExactlyInAnyOrder("root-access-key-active", "root-access-key-inactive",
                "root-signing-certificate-present", "root-password-without-mfa", "root-mfa-virtual-only",
                "root-credentials-recently-used");
        assertThat(CATALOG.accountRules()).allSatisfy(r -> assertThat(r.accountKinds()).isNotEmpty());
    }

    @Test
    void passwordWithVirtualMfaIsOnlyTheVirtualMfaFindingForTheManagementRoot() {
        RootCredentialInventory inv = inventory(MANAGEMENT_PASSWORD, VIRTUAL_MFA);

        assertThat(ids(CATALOG.evaluate(inv, CONTEXT, AccountKind.MANAGEMENT))).containsExactly("root-mfa-virtual-only");
        assertThat(ids(CATALOG.evaluate(inv, CONTEXT, AccountKind.MEMBER)))
                .containsExactlyInAnyOrder("root-password-present", "root-mfa-virtual-only");
    }

    @Test
    void passwordWithNonVirtualMfaIsTheManagementRootsTargetState() {
        assertThat(CATALOG.evaluate(inventory(MANAGEMENT_PASSWORD, NON_VIRTUAL), CONTEXT, AccountKind.MANAGEMENT)).isEmpty();
    }

    @Test
    void passwordWithoutMfaIsCriticalForTheManagementRootAndSaysNoUnknownDate() {
        List<Finding> findings = CATALOG.evaluate(inventory(MANAGEMENT_PASSWORD), CONTEXT, AccountKind.MANAGEMENT);

        assertThat(ids(findings)).containsExactly("root-password-without-mfa");
        assertThat(findings.get(0).detail()).isEqualTo("Root has a console password and no MFA device");
    }

    @Test
    void mfaWithoutPasswordIsNoFindingForTheManagementRoot() {
        RootCredentialInventory inv = new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, null, List.of(), List.of(),
                List.of(NON_VIRTUAL));

        assertThat(CATALOG.evaluate(inv, CONTEXT, AccountKind.MANAGEMENT)).isEmpty();
        assertThat(ids(CATALOG.evaluate(inv, CONTEXT, AccountKind.MEMBER))).containsExactly("root-mfa-without-password");
    }

    @Test
    void recentPasswordUseAndKeysAreFindingsForTheManagementRootToo() {
        RootCredentialInventory inv = new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED,
                new Password(null, Inventories.NOW.minusSeconds(86_400), false), List.of(Inventories.INACTIVE_KEY),
                List.of(Inventories.ACTIVE_CERT), List.of(NON_VIRTUAL));

        assertThat(ids(CATALOG.evaluate(inv, CONTEXT, AccountKind.MANAGEMENT))).containsExactlyInAnyOrder(
                "root-credentials-recently-used", "root-access-key-inactive", "root-signing-certificate-present");
    }

    @Test
    void theDefaultIsEveryKind() {
        AccountRule any = new AccountRule() {
            @Override
            public io.rootaudit.compliance.RuleMetadata metadata() {
                return null;
            }

            @Override
            public List<Finding> evaluate(RootCredentialInventory inventory, io.rootaudit.compliance.RuleContext context) {
                return List.of();
            }
        };
        assertThat(any.accountKinds()).containsExactlyInAnyOrder(AccountKind.values());
    }

    private static RootCredentialInventory inventory(Password password, MfaDevice... devices) {
        return new RootCredentialInventory(ROOT_ARN, ACCOUNT_CREATED, password, List.of(), List.of(), List.of(devices));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }
}
