package io.rootaudit.application;

import io.rootaudit.organization.Preflight;
import io.rootaudit.organization.PreflightReport;
import org.springframework.stereotype.Service;

/** {@code preflight}: the audit's prerequisite checks alone; read-only AWS calls, nothing written. */
@Service
public class CheckPrerequisites {

    private final Preflight preflight;

    CheckPrerequisites(Preflight preflight) {
        this.preflight = preflight;
    }

    public PreflightReport run() {
        return preflight.run();
    }
}
