package io.rootaudit.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small organization specs for the emulator, built per test. */
final class Orgs {

    private Orgs() {}

    /** {@code count} credential-less member accounts, ids 3100000000NN, spread over OUs a, b (under a) and c. */
    static Map<String, Object> simple(int count) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ous", List.of(ou("a", "Alpha", null), ou("b", "Beta", "a"), ou("c", "Gamma", null)));
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("31%010d", i);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", id);
            a.put("id", id);
            a.put("name", "Account " + i);
            a.put("email", "a" + i + "@example.com");
            a.put("ou", i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c");
            accounts.add(a);
        }
        spec.put("accounts", accounts);
        return spec;
    }

    /** {@link #simple} with these tags on some accounts (account number to tags). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tagged(int count, Map<Integer, Map<String, String>> tags) {
        Map<String, Object> spec = simple(count);
        for (Map<String, Object> a : (List<Map<String, Object>>) spec.get("accounts")) {
            Map<String, String> t = tags.get(Integer.parseInt(((String) a.get("id")).substring(2)));
            if (t != null) {
                a.put("tags", t);
            }
        }
        return spec;
    }

    static Map<String, Object> with(Map<String, Object> spec, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(spec);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> ou(String key, String name, String parent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("parent", parent);
        return m;
    }
}
