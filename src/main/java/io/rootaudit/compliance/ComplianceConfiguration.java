package io.rootaudit.compliance;

import io.rootaudit.config.RootAuditProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exceptions register, read and validated at startup: a broken exceptions file stops the run before any AWS call. */
@Configuration(proxyBeanMethods = false)
class ComplianceConfiguration {

    @Bean
    ExceptionRegister exceptionRegister(RootAuditProperties properties, RuleCatalog catalog) {
        return properties.exceptionsFile() == null ? ExceptionRegister.empty()
                : ExceptionRegister.load(properties.exceptionsFile(), catalog.ruleIds());
    }
}
