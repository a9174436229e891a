package io.rootaudit.application;

import io.rootaudit.aws.AwsRegion;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs {@link StartupChecks} before the data source is created: every data source bean depends on them, so the
 * schema initializers (which create the H2 file on first connection) only run once configuration, region, report
 * folder and database have been found sound.
 */
@Configuration(proxyBeanMethods = false)
class StartupCheckConfiguration {

    static final String BEAN = "rootauditStartupChecks";

    /** The command's needs, registered by the command line before the context starts; absent means "may create a store". */
    @Bean(BEAN)
    Object rootauditStartupChecks(ObjectProvider<StartupChecks.Needs> needs, RootAuditProperties properties,
                                  ObjectProvider<ExceptionRegister> exceptions, ObjectProvider<ControlMappings> controls,
                                  AwsRegion region, Environment environment) {
        StartupChecks.run(needs.getIfAvailable(() -> new StartupChecks.Needs(false, false, StartupChecks.Store.CREATE)),
                properties, exceptions, controls, region, environment);
        return new Object();
    }

    @Bean
    static BeanFactoryPostProcessor dataSourcesAfterStartupChecks() {
        return factory -> {
            for (String name : factory.getBeanNamesForType(DataSource.class, true, false)) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] extended = java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                extended[dependsOn.length] = BEAN;
                definition.setDependsOn(extended);
            }
        };
    }
}
