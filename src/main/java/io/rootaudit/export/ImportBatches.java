package io.rootaudit.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Findings split into the calls BatchImportFindings accepts: at most 100 findings and 6 MB a call, 240 KB a finding
 * (AWS's limits; the byte limits are read as decimal here, the stricter reading). A finding above 240 KB cannot be
 * imported at all: it is set aside, to be reported, instead of failing a call with the others.
 *
 * @param batches the calls to make, in the findings' order
 * @param tooLarge findings no call can carry
 */
record ImportBatches<T>(List<List<T>> batches, List<T> tooLarge) {

    static final int MAX_FINDINGS = 100;
    static final long MAX_REQUEST_BYTES = 6_000_000;
    static final long MAX_FINDING_BYTES = 240_000;
    /** {@code {"Findings":[]}} around the findings, and a comma between two. */
    static final long ENVELOPE_BYTES = 16;

    /** @param bytes a finding's size as JSON on the wire */
    static <T> ImportBatches<T> of(List<T> findings, ToLongFunction<T> bytes) {
        List<List<T>> batches = new ArrayList<>();
        List<T> tooLarge = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long size = ENVELOPE_BYTES;
        for (T finding : findings) {
            long n = bytes.applyAsLong(finding);
            if (n > MAX_FINDING_BYTES) {
                tooLarge.add(finding);
                continue;
            }
            if (current.size() == MAX_FINDINGS || size + n + 1 > MAX_REQUEST_BYTES) {
                batches.add(List.copyOf(current));
                current.clear();
                size = ENVELOPE_BYTES;
            }
            current.add(finding);
            size += n + 1;
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return new ImportBatches<>(List.copyOf(batches), List.copyOf(tooLarge));
    }
}
