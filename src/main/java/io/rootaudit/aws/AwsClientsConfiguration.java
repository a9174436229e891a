package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The region every AWS client and report uses: the configured one, else the invocation's ({@link AwsConnection}). */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    @Bean
    AwsRegion awsRegion(RootAuditProperties properties, ObjectProvider<AwsConnection> connection) {
        AwsConnection given = connection.getIfAvailable();
        String region = properties.aws().region();
        return new AwsRegion(region == null || region.isBlank() ? given == null ? null : given.region() : region);
    }
}
