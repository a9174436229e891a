package io.rootaudit.application;

import io.rootaudit.report.EvidenceVerifier;
import io.rootaudit.report.VerifyOptions;
import org.springframework.stereotype.Service;

/**
 * {@code verify}: checks an evidence pack, in a folder or under {@code s3://bucket/prefix/}, against its manifest,
 * and its signature with the key the auditor names.
 */
@Service
public class VerifyPack {

    private final EvidenceVerifier verifier;

    VerifyPack(EvidenceVerifier verifier) {
        this.verifier = verifier;
    }

    public EvidenceVerifier.Result verify(String location, VerifyOptions options) {
        return verifier.verify(location, options);
    }
}
