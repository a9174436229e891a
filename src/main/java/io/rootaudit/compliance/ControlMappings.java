package io.rootaudit.compliance;

import io.rootaudit.compliance.FrameworkFileReader.FrameworkFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which controls of which frameworks each rule gives evidence for. The mapping is data, not code: one JSON file per
 * framework in {@code src/main/resources/frameworks/} (its name, version, label, sources, and each control's id, title
 * and rule ids), read and checked against the rule catalog at startup. Adding a framework or fixing a control number
 * therefore touches no Java; {@code docs/development.md} describes the file.
 */
public final class ControlMappings {

    /** Where the application's framework files are: every {@code frameworks/*.json} on the class path. */
    public static final String LOCATION = "classpath*:frameworks/*.json";

    private final List<FrameworkFile> files;
    private final List<Framework> frameworks;
    private final List<ControlMapping> mappings;

    /** A control and the ids of the rules that map to it, in the order of its file. */
    public record ControlMapping(Control control, List<String> ruleIds) {

        public ControlMapping {
            ruleIds = List.copyOf(ruleIds);
        }
    }

    private ControlMappings(List<FrameworkFile> files) {
        this.files = List.copyOf(files);
        this.frameworks = files.stream().map(FrameworkFile::framework).toList();
        this.mappings = files.stream().flatMap(f -> f.controls().stream()).toList();
    }

    /**
     * Every framework file at {@code location} (a Spring resource pattern such as {@link #LOCATION}), in the order of
     * the frameworks' ids.
     *
     * @param ruleIds the ids of every rule; a file that maps any other id is refused
     * @throws InvalidFrameworksException listing every problem of every file, or when there is no file
     */
    public static ControlMappings load(String location, Set<String> ruleIds) {
        List<String> problems = new ArrayList<>();
        Map<String, FrameworkFile> files = new LinkedHashMap<>();
        String folder = location.replaceFirst("^classpath\\*?:", "").replaceFirst("^file:", "");
        folder = folder.substring(0, folder.lastIndexOf('/') + 1);
        for (Resource resource : resources(location)) {
            String file = folder + resource.getFilename();
            try (InputStream in = resource.getInputStream()) {
                new FrameworkFileReader(file, ruleIds, problems).read(in).ifPresent(f -> {
                    if (files.putIfAbsent(f.framework().id(), f) != null) {
                        problems.add(file + ": id: framework " + f.framework().id() + " has two files on the class path");
                    }
                });
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("no framework mapping file at " + location);
        }
        if (!problems.isEmpty()) {
            throw new InvalidFrameworksException(problems);
        }
        return new ControlMappings(files.values().stream()
                .sorted(Comparator.comparing((FrameworkFile f) -> f.framework().id())).toList());
    }

    /**
     * Only the frameworks named, in the order given; all of them when none is named.
     *
     * @param frameworkIds the value of {@code rootaudit.compliance.frameworks}
     * @throws InvalidFrameworksException naming the unknown ids and the known ones
     */
    public ControlMappings select(List<String> frameworkIds) {
        if (frameworkIds == null || frameworkIds.isEmpty()) {
            return this;
        }
        Map<String, FrameworkFile> byId = new LinkedHashMap<>();
        files.forEach(f -> byId.put(f.framework().id(), f));
        Set<String> unknown = new LinkedHashSet<>(frameworkIds);
        unknown.removeAll(byId.keySet());
        if (!unknown.isEmpty()) {
            throw new InvalidFrameworksException(List.of("rootaudit.compliance.frameworks: unknown framework"
                    + (unknown.size() == 1 ? " " : "s ") + unknown.stream().map(QuotedValue::of).toList()
                    + "; the frameworks are " + String.join(", ", byId.keySet())));
        }
        return new ControlMappings(new LinkedHashSet<>(frameworkIds).stream().map(byId::get).toList());
    }

    /** The frameworks reported, in report order. */
    public List<Framework> frameworks() {
        return frameworks;
    }

    /** Every control of the frameworks reported with the rules mapped to it: framework by framework, in file order. */
    public List<ControlMapping> mappings() {
        return mappings;
    }

    /** The controls a rule gives evidence for, in the order of {@link #mappings()}; empty for a rule mapped to none. */
    public List<Control> controlsOf(String ruleId) {
        return mappings.stream().filter(m -> m.ruleIds().contains(ruleId)).map(ControlMapping::control).toList();
    }

    /** The labels of {@link #controlsOf}, such as "CIS v7.0 2.4": how reports, exports and events name a rule's controls. */
    public List<String> labelsOf(String ruleId) {
        return controlsOf(ruleId).stream().map(Control::label).toList();
    }

    private static List<Resource> resources(String location) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver(ControlMappings.class.getClassLoader())
                            .getResources(location))
                    .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename())))
                    .toList();
        } catch (IOException e) {
            throw new InvalidFrameworksException(List.of("framework mapping files at " + location + " cannot be listed: "
                    + e.getMessage()));
        }
    }
}
