package dev.bulwark;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that requests an attacker must not tell apart take the same time. The cases run interleaved, each going
 * first, second and so on equally often, and are compared by their lower quartile: the noise of a shared machine only
 * ever adds time (single sign-ins range from 1x to 2.5x the fastest), while work one case does and another skips shows
 * in every sample. When a batch ends out of tolerance, another batch is measured and pooled with it (at most {@value
 * #MAX_BATCHES}): noise averages out, a real difference stays.
 */
public final class TimingComparison {

    static final int MAX_BATCHES = 3;

    /** One kind of request; {@code round} counts from 0 within its batch. */
    @FunctionalInterface
    public interface Case {
        void run(int round) throws Exception;
    }

    /** Prepares a batch (fresh accounts, say) and returns its cases; the first is the reference. */
    @FunctionalInterface
    public interface Batch {
        List<Case> prepare() throws Exception;
    }

    private TimingComparison() {}

    public static void assertAlike(String what, double tolerance, int rounds, Batch batch) throws Exception {
        List<List<Long>> samples = new ArrayList<>();
        List<Double> quartiles = List.of();
        for (int batches = 1; batches <= MAX_BATCHES; batches++) {
            List<Case> cases = batch.prepare();
            while (samples.size() < cases.size()) {
                samples.add(new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < cases.size(); turn++) {
                    int i = (round + turn) % cases.size();
                    long start = System.nanoTime();
                    cases.get(i).run(round);
                    samples.get(i).add(System.nanoTime() - start);
                }
            }
            quartiles = samples.stream().map(TimingComparison::lowerQuartile).toList();
            System.out.printf("%s: lower quartiles %s ns after %d batch(es)%n", what, quartiles, batches);
            double reference = quartiles.getFirst();
            if (quartiles.stream().allMatch(q -> Math.abs(q / reference - 1) <= tolerance)) {
                return;
            }
        }
        fail("%s: lower quartiles %s (ns) differ by more than %.0f%% after %d batches; samples %s"
                .formatted(what, quartiles, tolerance * 100, MAX_BATCHES, samples));
    }

    private static double lowerQuartile(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 4);
    }
}
