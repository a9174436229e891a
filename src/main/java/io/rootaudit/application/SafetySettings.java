package io.rootaudit.application;

import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import java.nio.file.Path;

/**
 * The settings that decide what a run may change, as they are in force: shown first by every command that can
 * change something, so that an operator (or the cron log) sees a mistyped value before it acts.
 *
 * @param exceptionsFile null when none is configured
 * @param exceptionEntries entries of the exceptions register in force
 */
public record SafetySettings(RootAuditProperties.Remediation remediation, RootAuditProperties.Scope auditScope,
                             Path exceptionsFile, int exceptionEntries) {

    static SafetySettings of(RootAuditProperties properties, ExceptionRegister exceptions) {
        return new SafetySettings(properties.remediation(), properties.scope(), properties.exceptionsFile(),
                exceptions.entries().size());
    }
}
