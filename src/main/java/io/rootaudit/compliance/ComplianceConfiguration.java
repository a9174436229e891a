package io.rootaudit.compliance;

import io.rootaudit.config.RootAuditProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exceptions register and the framework mappings, read and validated at startup: a broken exceptions file, a
 * broken mapping file or an unknown framework in {@code rootaudit.compliance.frameworks} stops the run before any AWS
 * call.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceConfiguration {

    @Bean
    ExceptionRegister exceptionRegister(RootAuditProperties properties, RuleCatalog catalog) {
        return properties.exceptionsFile() == null ? ExceptionRegister.empty()
                : ExceptionRegister.load(properties.exceptionsFile(), catalog.ruleIds());
    }

    /** The frameworks the reports show: those of {@code rootaudit.compliance.frameworks}, or all of them. */
    @Bean
    ControlMappings controlMappings(RootAuditProperties properties, RuleCatalog catalog) {
        return ControlMappings.load(ControlMappings.LOCATION, catalog.ruleIds())
                .select(properties.compliance().frameworks());
    }
}
