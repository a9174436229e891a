package io.rootaudit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** A generator of random test input, drawn from the one seeded {@link Random} of a property run. */
@FunctionalInterface
public interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = min + random.nextInt(max - min + 1);
            List<T> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(next(random));
            }
            return items;
        };
    }

    /** This generator's value, or null with the given probability. */
    default Gen<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    /** One of the values (null among them allowed), each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(java.util.Arrays.asList(values));
    }

    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = new ArrayList<>(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    /** One of the weighted generators, chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) {
            total += choice.weight();
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<? extends T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    static <T> Weighted<T> weight(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    record Weighted<T>(int weight, Gen<T> gen) {}

    /** An int from {@code min} to {@code max}, both included. */
    static Gen<Integer> between(int min, int max) {
        return random -> min + random.nextInt(max - min + 1);
    }

    /** A position in a document, from 0 (its start) to 1 (its end). */
    static Gen<Double> fraction() {
        return Random::nextDouble;
    }

    /** Text of up to {@code maxLength} characters drawn from {@code alphabet} (code points). */
    static Gen<String> text(String alphabet, int minLength, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        return random -> {
            StringBuilder out = new StringBuilder();
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            for (int i = 0; i < length; i++) {
                out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            return out.toString();
        };
    }

    /** Any UTF-16 text, lone surrogates, controls and non-characters included. */
    static Gen<String> anyText(int maxLength) {
        return random -> {
            char[] chars = new char[random.nextInt(maxLength + 1)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000);
            }
            return new String(chars);
        };
    }

    static Gen<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
