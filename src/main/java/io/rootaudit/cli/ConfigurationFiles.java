package io.rootaudit.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML configuration files Spring Boot is about to load, so that a malformed or unreadable one is
 * reported with its file and line in one message. Spring Boot would stop with SnakeYAML's stack trace, which
 * names neither the file nor the property.
 */
final class ConfigurationFiles {

    private static final List<String> DEFAULT_LOCATIONS = List.of("application.yml", "application.yaml",
            "config/application.yml", "config/application.yaml");

    private ConfigurationFiles() {}

    /** One problem per YAML file that cannot be read or parsed; the files come from arguments and environment. */
    static List<String> problems(List<String> springArgs, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (Path file : yamlFiles(springArgs, environment)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                problems.add("configuration file " + file + " is not UTF-8 text");
                continue;
            } catch (IOException e) {
                problems.add("configuration file " + file + " cannot be read: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
                continue;
            }
            try {
                new Yaml(new LoaderOptions()).loadAll(text).forEach(document -> { });
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                problems.add("configuration file " + file + (mark == null ? "" : ", line " + (mark.getLine() + 1)
                        + ", column " + (mark.getColumn() + 1)) + ": not valid YAML: " + e.getProblem());
            } catch (YAMLException e) {
                problems.add("configuration file " + file + ": not valid YAML: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Existing YAML files among Spring Boot's default locations and the ones named by {@code spring.config.*}. */
    private static Set<Path> yamlFiles(List<String> springArgs, Map<String, String> environment) {
        Set<Path> files = new LinkedHashSet<>();
        List<String> locations = new ArrayList<>(DEFAULT_LOCATIONS);
        for (String key : List.of("spring.config.location", "spring.config.additional-location", "spring.config.import")) {
            String variable = key.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
            if (environment.get(variable) != null) {
                locations.addAll(List.of(environment.get(variable).split(",")));
            }
            springArgs.stream().filter(a -> a.startsWith("--" + key + "="))
                    .forEach(a -> locations.addAll(List.of(a.substring(key.length() + 3).split(","))));
        }
        for (String location : locations) {
            String path = location.strip().replaceFirst("^optional:", "").replaceFirst("^file:", "");
            if (path.startsWith("classpath:") || !(path.endsWith(".yml") || path.endsWith(".yaml"))) {
                continue;
            }
            Path file = Path.of(path);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }
}
