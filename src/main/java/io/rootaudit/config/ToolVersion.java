package io.rootaudit.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** The version of rootaudit that produced a run, recorded with every run and shown in every report. */
@Component
public class ToolVersion {

    private final String version;

    ToolVersion(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "development" : properties.getVersion();
    }

    public String get() {
        return version;
    }
}
