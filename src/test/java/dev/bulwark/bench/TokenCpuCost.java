package dev.bulwark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link JoseTokens} operations timed by this thread's CPU time, the algorithms taking turns in short
 * batches: on a shared machine wall-clock time per operation swings with the neighbours' load, CPU time much less, and
 * taking turns spreads what remains over every algorithm alike. Prints, per operation, the median and the lowest of
 * the rounds in µs of CPU. Run: {@code java -cp <test class path> dev.bulwark.bench.TokenCpuCost [rounds]}.
 */
public final class TokenCpuCost {

    private static final String[] ALGORITHMS = {"RS256-2048", "RS256-3072", "ES256", "EdDSA"};
    private static final long BATCH_NANOS = 200_000_000L; // CPU time per batch

    private TokenCpuCost() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, JoseTokens> states = new LinkedHashMap<>();
        for (String algorithm : ALGORITHMS) {
            JoseTokens jose = new JoseTokens();
            jose.algorithm = algorithm;
            jose.setUp();
            states.put(algorithm, jose);
        }
        Map<String, List<Double>> perOp = new LinkedHashMap<>();
        for (int round = -3; round < rounds; round++) { // three rounds of warm-up
            for (var state : states.entrySet()) {
                JoseTokens jose = state.getValue();
                double sign = batch(threads, jose::sign);
                double verify = batch(threads, () -> jose.decoder.decode(jose.token));
                if (round >= 0) {
                    perOp.computeIfAbsent("sign " + state.getKey(), k -> new ArrayList<>())
                            .add(sign);
                    perOp.computeIfAbsent("verify " + state.getKey(), k -> new ArrayList<>())
                            .add(verify);
                }
            }
        }
        System.out.printf("%-18s %12s %12s%n", "operation", "median µs", "lowest µs");
        perOp.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            System.out.printf("%-18s %12.1f %12.1f%n", name, sorted.get(sorted.size() / 2), sorted.getFirst());
        });
    }

    private interface Operation {
        Object run() throws Exception;
    }

    /** Runs the operation until a batch's CPU time is spent; returns the CPU µs per operation. */
    private static double batch(ThreadMXBean threads, Operation operation) throws Exception {
        long start = threads.getCurrentThreadCpuTime();
        long spent;
        int count = 0;
        Object sink = null;
        do {
            sink = operation.run();
            count++;
            spent = threads.getCurrentThreadCpuTime() - start;
        } while (spent < BATCH_NANOS);
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return spent / 1000.0 / count;
    }
}
