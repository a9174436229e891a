package io.rootaudit.compliance;

import java.util.List;

/**
 * The exceptions file cannot be trusted as written. A run stops on it rather than auditing with a
 * partial register, because a silently dropped exception turns into a false non-compliance and a
 * misread one into a false pass. The message lists every problem, each naming the file, the entry
 * and the field, and what to change.
 */
public class InvalidExceptionsFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidExceptionsFileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidExceptionsFileException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
