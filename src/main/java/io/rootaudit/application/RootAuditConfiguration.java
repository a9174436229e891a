package io.rootaudit.application;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * The Spring Boot application that each command starts: every production package, with Spring Boot's
 * auto-configuration. Development tooling (emulator, demo, benchmarks) is never part of it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "io.rootaudit", excludeFilters = {
        @Filter(type = FilterType.REGEX, pattern = "io\\.rootaudit\\.devtools\\..*"),
        @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class RootAuditConfiguration {
}
