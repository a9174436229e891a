package io.rootaudit.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** Application-wide beans: configuration properties, the clock and the JSON settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RootAuditProperties.class)
class ApplicationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Paths in stored configuration and results read as the user wrote them, not as file:// URIs. */
    @Bean
    JsonMapperBuilderCustomizer pathsAsText() {
        return builder -> builder.addModule(new SimpleModule("rootaudit-paths").addSerializer(Path.class, ToStringSerializer.instance));
    }
}
