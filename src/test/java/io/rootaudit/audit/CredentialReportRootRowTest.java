package io.rootaudit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootaudit.audit.CredentialReportRootRow.CertificateSlot;
import io.rootaudit.audit.CredentialReportRootRow.KeySlot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The credential report's root row, parsed from CSV in the shape IAM documents. */
class CredentialReportRootRowTest {

    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
            + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    static final String ROOT = "<root_account>,arn:aws:iam::111111111111:root,2018-01-02T03:04:05+00:00,not_supported,"
            + "2026-11-20T08:00:00+00:00,not_supported,not_supported,true,"
            + "false,2019-01-01T00:00:00+00:00,2019-02-01T10:00:00+00:00,us-east-1,ec2,"
            + "false,N/A,N/A,N/A,N/A,"
            + "true,2019-03-01T00:00:00+00:00,false,N/A";

    static final String USER = "alice,arn:aws:iam::111111111111:user/alice,2020-01-01T00:00:00+00:00,true,"
            + "no_information,2020-01-01T00:00:00+00:00,N/A,false,true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    @Test
    void readsTheRootRowWhereverItIs() {
        CredentialReportRootRow row = CredentialReportRootRow.parse(HEADER + "\n" + USER + "\n" + ROOT + "\n");

        assertThat(row.arn()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(row.userCreationTime()).isEqualTo(Instant.parse("2018-01-02T03:04:05Z"));
        assertThat(row.passwordLastUsed()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(row.mfaActive()).isTrue();
        assertThat(row.accessKeys()).containsExactly(new KeySlot("access_key_1", false,
                Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2019-02-01T10:00:00Z"), "us-east-1", "ec2"));
        assertThat(row.certificates()).containsExactly(
                new CertificateSlot("cert_1", true, Instant.parse("2019-03-01T00:00:00Z")));
        assertThat(row.columns()).containsEntry("password_enabled", "not_supported").hasSize(22);
    }

    @Test
    void aRootWithoutCredentialsHasNoSlotsAndNoPasswordUse() {
        String bare = "<root_account>,arn:aws:iam::111111111111:root,2018-01-02T03:04:05+00:00,not_supported,N/A,"
                + "not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

        CredentialReportRootRow row = CredentialReportRootRow.parse(HEADER + "\r\n" + bare + "\r\n");

        assertThat(row.passwordLastUsed()).isNull();
        assertThat(row.mfaActive()).isFalse();
        assertThat(row.accessKeys()).isEmpty();
        assertThat(row.certificates()).isEmpty();
    }

    @Test
    void noInformationIsNoDateAndAnActiveCertificateWithoutDateIsStillACertificate() {
        String row = ROOT.replace("2026-11-20T08:00:00+00:00", "no_information")
                .replace("true,2019-03-01T00:00:00+00:00,false,N/A", "true,N/A,false,N/A");

        CredentialReportRootRow parsed = CredentialReportRootRow.parse(HEADER + "\n" + row);

        assertThat(parsed.passwordLastUsed()).isNull();
        assertThat(parsed.certificates()).containsExactly(new CertificateSlot("cert_1", true, null));
    }

    @Test
    void aReportWithoutRootRowOrWithAnUnexpectedValueIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CredentialReportRootRow.parse(HEADER + "\n" + USER))
                .hasMessageContaining("no <root_account> row");
        assertThatThrownBy(() -> CredentialReportRootRow.parse("not a report"))
                .hasMessageContaining("no header line");
        assertThatThrownBy(() -> CredentialReportRootRow.parse(HEADER + "\n" + ROOT.replace(",true,false,", ",yes,false,")))
                .hasMessageContaining("mfa_active");
        assertThatThrownBy(() -> CredentialReportRootRow.parse(HEADER + "\n" + ROOT + ",extra"))
                .hasMessageContaining("23 values for 22 columns");
    }
}
