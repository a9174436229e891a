package io.rootaudit.it;

import io.rootaudit.emulator.Emulator;

/** One emulator process for the whole test JVM (starting moto costs ~1 s); tests reset it before use. */
final class SharedEmulator {

    private static Emulator emulator;

    private SharedEmulator() {}

    static synchronized Emulator get() {
        if (emulator == null) {
            emulator = Emulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    /** A reset emulator: no organization, no faults, no latency, clock and counters at zero. */
    static Emulator fresh() {
        Emulator e = get();
        e.reset();
        return e;
    }
}
