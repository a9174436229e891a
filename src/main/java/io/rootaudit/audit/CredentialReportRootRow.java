package io.rootaudit.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code <root_account>} row of an IAM credential report, the only place outside a root session that tells when
 * the management account's root password was last used and which root access keys and certificates exist. Parsing is
 * kept apart from the calls so that it can be tested on literal CSV.
 *
 * <p>For the root row IAM writes {@code not_supported} in {@code password_enabled}, {@code password_last_changed} and
 * {@code password_next_rotation} (whether root has a password comes from GetAccountSummary's
 * {@code AccountPasswordPresent}); {@code password_last_used} is a date, {@code N/A} (never used) or
 * {@code no_information} (not used since October 2014). The report names no key or certificate ids, only slots 1
 * and 2: a slot holds a credential when it is active or has a {@code _last_rotated} date.
 *
 * @param columns the row's raw values by column name, kept as evidence
 */
record CredentialReportRootRow(String arn, Instant userCreationTime, Instant passwordLastUsed, boolean mfaActive,
                               List<KeySlot> accessKeys, List<CertificateSlot> certificates,
                               Map<String, String> columns) {

    static final String ROOT_USER = "<root_account>";

    private static final Set<String> NO_VALUE = Set.of("", "N/A", "no_information", "not_supported");

    CredentialReportRootRow {
        accessKeys = List.copyOf(accessKeys);
        certificates = List.copyOf(certificates);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * A root access key slot of the report ({@code access_key_1}, {@code access_key_2}).
     *
     * @param lastRotated when the key was created or last rotated
     */
    record KeySlot(String slot, boolean active, Instant lastRotated, Instant lastUsed, String lastUsedRegion,
                   String lastUsedService) {}

    /** A root signing certificate slot ({@code cert_1}, {@code cert_2}); {@code lastRotated} may be unknown. */
    record CertificateSlot(String slot, boolean active, Instant lastRotated) {}

    /**
     * The root row of a credential report's CSV text.
     *
     * @throws IllegalArgumentException when the report has no header, no root row, or a value that is not what IAM
     *     documents (the account is then reported as an error that names the column)
     */
    static CredentialReportRootRow parse(String csv) {
        String[] lines = csv.replace("\r", "").split("\n");
        if (lines.length == 0 || !lines[0].startsWith("user,")) {
            throw new IllegalArgumentException("the credential report has no header line starting with 'user,'");
        }
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        for (int i = 1; i < lines.length; i++) {
            // IAM quotes nothing; only the root row is read, and none of its values holds a comma.
            if (lines[i].startsWith(ROOT_USER + ",")) {
                return of(header, lines[i].split(",", -1));
            }
        }
        throw new IllegalArgumentException("the credential report has no " + ROOT_USER + " row");
    }

    private static CredentialReportRootRow of(List<String> header, String[] values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("the credential report's " + ROOT_USER + " row has " + values.length
                    + " values for " + header.size() + " columns");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(header.get(i), values[i]);
        }
        List<KeySlot> keys = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String slot = "access_key_" + n;
            boolean active = bool(row, slot + "_active");
            Instant rotated = time(row, slot + "_last_rotated");
            if (active || rotated != null) {
                keys.add(new KeySlot(slot, active, rotated, time(row, slot + "_last_used_date"),
                        text(row, slot + "_last_used_region"), text(row, slot + "_last_used_service")));
            }
        }
        List<CertificateSlot> certificates = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String slot = "cert_" + n;
            boolean active = bool(row, slot + "_active");
            Instant rotated = time(row, slot + "_last_rotated");
            if (active || rotated != null) {
                certificates.add(new CertificateSlot(slot, active, rotated));
            }
        }
        return new CredentialReportRootRow(required(row, "arn"), time(row, "user_creation_time"),
                time(row, "password_last_used"), bool(row, "mfa_active"), keys, certificates, row);
    }

    private static String required(Map<String, String> row, String column) {
        String value = text(row, column);
        if (value == null) {
            throw new IllegalArgumentException("the credential report's " + ROOT_USER + " row has no " + column);
        }
        return value;
    }

    private static String text(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || NO_VALUE.contains(value) ? null : value;
    }

    private static boolean bool(Map<String, String> row, String column) {
        String value = text(row, column);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("credential report column " + column + " is neither true nor false: " + value);
    }

    private static Instant time(Map<String, String> row, String column) {
        String value = text(row, column);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("credential report column " + column + " is not a date: " + value, e);
        }
    }
}
