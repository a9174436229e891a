package io.rootaudit.property;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Checks a property on generated inputs, from within a JUnit test: draws {@code tries} inputs from one seeded
 * {@link Random}, and on the first failure shrinks the input (while it fails the same way) and fails with
 * the seed, the try, the shrunk and the original input and the error as cause.
 *
 * <p>A random seed is taken unless {@code -Drootaudit.property.seed=N} gives one, which replays a reported
 * failure; {@code -Drootaudit.property.tries=N} runs every property N times instead of its own number of tries.
 */
public final class PropertyRunner {

    public static final String SEED = "rootaudit.property.seed";
    public static final String TRIES = "rootaudit.property.tries";
    private static final long SHRINK_NANOS = 10_000_000_000L;
    private static final int SHRINK_STEPS = 2_000;

    private PropertyRunner() {}

    /** The checked property: returns normally when it holds, throws (an assertion error) when it does not. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    public static <T> void forAll(int tries, Gen<T> gen, Function<T, List<T>> shrinks, Check<T> property) {
        long seed = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
        int count = Integer.getInteger(TRIES, tries);
        Random random = new Random(seed);
        for (int i = 1; i <= count; i++) {
            T input;
            try {
                input = gen.next(random);
            } catch (RuntimeException e) {
                throw new AssertionError("the generator failed on try " + i + " with seed " + seed, e);
            }
            Throwable failure = failure(property, input);
            if (failure != null) {
                Shrunk<T> shrunk = shrink(input, failure, shrinks, property);
                throw new AssertionError("property failed on try " + i + " of " + count + " with seed " + seed
                        + " (replay: -D" + SEED + "=" + seed + ")"
                        + "\n  input" + (shrunk.steps() > 0 ? ", shrunk in " + shrunk.steps() + " steps" : "") + ": "
                        + shrunk.input()
                        + (shrunk.steps() > 0 ? "\n  original input: " + input : "")
                        + "\n  failure: " + shrunk.failure(), shrunk.failure());
            }
        }
        System.out.println("property held on " + count + " tries, seed " + seed);
    }

    private record Shrunk<T>(T input, Throwable failure, int steps) {}

    private static <T> Shrunk<T> shrink(T input, Throwable failure, Function<T, List<T>> shrinks, Check<T> property) {
        long deadline = System.nanoTime() + SHRINK_NANOS;
        T current = input;
        Throwable currentFailure = failure;
        int steps = 0;
        boolean smaller = true;
        while (smaller && steps < SHRINK_STEPS && System.nanoTime() < deadline) {
            smaller = false;
            for (T candidate : shrinks.apply(current)) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Throwable candidateFailure = failure(property, candidate);
                if (candidateFailure != null && sameKind(candidateFailure, failure)) {
                    current = candidate;
                    currentFailure = candidateFailure;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }

    private static <T> Throwable failure(Check<T> property, T input) {
        try {
            property.accept(input);
            return null;
        } catch (Exception | AssertionError | StackOverflowError | OutOfMemoryError e) {
            return e;
        }
    }

    /**
     * Shrinking keeps a failure of the same exception class, of the same cause class when it has one, and with the
     * same AssertJ description ({@code [label]} at the start of the message) when it has one.
     */
    private static boolean sameKind(Throwable a, Throwable b) {
        return a.getClass() == b.getClass() && Objects.equals(causeClass(a), causeClass(b)) && label(a).equals(label(b));
    }

    private static String label(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int end = message.indexOf(']');
        return message.startsWith("[") && end > 0 ? message.substring(0, end + 1) : "";
    }

    private static Class<?> causeClass(Throwable t) {
        return t.getCause() == null ? null : t.getCause().getClass();
    }
}
