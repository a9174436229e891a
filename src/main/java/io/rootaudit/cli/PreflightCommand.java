package io.rootaudit.cli;

import io.rootaudit.organization.Preflight;
import io.rootaudit.organization.PreflightReport;
import org.springframework.stereotype.Component;

/** {@code preflight}: the audit's prerequisite checks alone; calls only read APIs and writes nothing. */
@Component
class PreflightCommand {

    private final Preflight preflight;

    PreflightCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    ExitCode run() {
        PreflightReport report = preflight.run();
        RunPrinter.preflight(System.out, report);
        if (report.passed()) {
            System.out.println("All prerequisites are met.");
            return ExitCode.OK;
        }
        System.out.println("A prerequisite is missing.");
        return ExitCode.PREREQUISITE_MISSING;
    }
}
