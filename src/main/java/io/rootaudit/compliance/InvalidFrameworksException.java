package io.rootaudit.compliance;

import java.util.List;

/**
 * A framework mapping file cannot be read as written, or {@code rootaudit.compliance.frameworks} names a framework
 * that has no file. A run stops on it rather than reporting controls from a partial mapping. Each problem names the
 * file and the field, or the property, and what is wrong.
 */
public class InvalidFrameworksException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public InvalidFrameworksException(List<String> problems) {
        super(problems);
    }
}
