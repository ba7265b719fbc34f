package dev.cutover.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a value satisfies a condition, for effects that travel through Kafka. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + timeout + "; last seen: " + value);
            }
            pause();
        }
    }

    /** Polls for {@code period} and fails as soon as the value stops satisfying the condition: for what must not happen. */
    public static <T> void holds(Supplier<T> probe, Predicate<T> condition, Duration period, String what) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            T value = probe.get();
            if (!condition.test(value)) {
                throw new AssertionError(what + " stopped holding; seen: " + value);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
