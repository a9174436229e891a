package io.rootaudit.devtools.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization of any size for the audit benchmark, with a realistic mix of root states: most roots
 * credential-less (the target state under central root management), some with access keys, passwords with
 * virtual or hardware MFA, signing certificates, leftover MFA devices, and a few suspended accounts.
 */
public final class SyntheticOrganization {

    private SyntheticOrganization() {}

    /** The id of the i-th synthetic account (1-based); every 200th is suspended. */
    public static String accountId(int i) {
        return String.format("5%011d", i);
    }

    public static Map<String, Object> spec(int accounts) {
        return spec(accounts, false);
    }

    /** @param ownerTags tag each account {@code owner=team-NN}, except every tenth, which has no owner tag */
    public static Map<String, Object> spec(int accounts, boolean ownerTags) {
        Map<String, Object> spec = new LinkedHashMap<>();
        List<Map<String, Object>> ous = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ous.add(Map.of("key", "ou" + i, "name", "Unit " + i));
        }
        spec.put("ous", ous);
        List<Map<String, Object>> list = new ArrayList<>(accounts);
        String old = "2024-01-01T00:00:00Z";
        for (int i = 1; i <= accounts; i++) {
            String id = accountId(i);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", id);
            a.put("id", id);
            a.put("name", "Workload " + i);
            a.put("email", "aws+" + i + "@example.com");
            a.put("ou", "ou" + (i % 10));
            a.put("state", i % 200 == 0 ? "SUSPENDED" : "ACTIVE");
            if (ownerTags && i % 10 != 0) {
                a.put("tags", Map.of("owner", "team-" + (i % 40)));
            }
            Map<String, Object> root = new LinkedHashMap<>();
            switch (i % 20) {
                case 1 -> root.put("accessKeys", List.of(Map.of("status", "Active", "createDate", old)));
                case 2 -> {
                    root.put("password", Map.of("createDate", old));
                    root.put("mfaDevices", List.of(Map.of("serial", "arn:aws:iam::" + id + ":mfa/root-account-mfa-device", "enableDate", old)));
                }
                case 3 -> {
                    root.put("password", Map.of("createDate", old));
                    root.put("mfaDevices", List.of(Map.of("serial", "GAHT" + id.substring(4), "enableDate", old)));
                }
                case 4 -> root.put("signingCertificates", List.of(Map.of("status", "Inactive", "uploadDate", old)));
                default -> { }
            }
            a.put("root", root);
            list.add(a);
        }
        spec.put("accounts", list);
        return spec;
    }
}
