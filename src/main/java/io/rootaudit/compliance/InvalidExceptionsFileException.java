package io.rootaudit.compliance;

import java.util.List;

/**
 * The exceptions file cannot be trusted as written. A run stops on it rather than auditing with a
 * partial register, because a silently dropped exception turns into a false non-compliance and a
 * misread one into a false pass. The message lists every problem, each naming the file, the entry
 * and the field, and what to change.
 */
public class InvalidExceptionsFileException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public InvalidExceptionsFileException(List<String> problems) {
        super(problems);
    }

    public InvalidExceptionsFileException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
