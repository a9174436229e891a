package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link RootAuditProperties} bound the way Spring Boot binds them, defaults included, from a few settings. */
final class BoundProperties {

    private BoundProperties() {}

    static RootAuditProperties of(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("rootaudit", RootAuditProperties.class);
    }

    static RootAuditProperties.Aws defaults() {
        return of(Map.of()).aws();
    }
}
