package io.rootaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the build recorded in {@code META-INF/build-info.properties}, without starting Spring. */
final class ToolVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = ToolVersionProvider.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {"rootaudit " + build.getProperty("build.version", "development")};
    }
}
