package io.rootaudit.it;

import io.rootaudit.devtools.emulator.Emulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (a test method, {@code @BeforeEach} or {@code @BeforeAll} parameter of type {@link Emulator}) the
 * emulator, reset: no organization, no faults, no latency, clock and counters at zero. One emulator process serves
 * the whole test JVM (starting moto costs about a second) and stops when the JVM's tests are done; test JVMs run
 * side by side, each with its own.
 */
final class EmulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Emulator emulator = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, type -> new Running(Emulator.start()), Running.class).emulator();
        emulator.reset();
        return emulator;
    }

    /** Closes the emulator when the root context (the test JVM's run) closes. */
    private record Running(Emulator emulator) implements AutoCloseable {
        @Override
        public void close() {
            emulator.close();
        }
    }
}
