package io.rootaudit.compliance;

import java.util.List;

/**
 * An input that a run reads at startup (the exceptions file, a framework mapping file, the frameworks selected)
 * cannot be trusted as written. The run stops on it before any AWS call; the message lists every problem found, each
 * naming where it is and what to change, so that one start shows everything to fix.
 */
public abstract class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    protected InvalidInputException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    protected InvalidInputException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
