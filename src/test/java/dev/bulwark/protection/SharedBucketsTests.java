package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.TestServices;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leases of the Redis-shared buckets against the real Redis, each "instance" on its own connection, with every Redis
 * command counted: how many round trips a hot key costs, and the error bound SharedBuckets documents.
 */
class SharedBucketsTests {

    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final List<RedisClient> clients = new ArrayList<>();
    private final String key = TestServices.keyPrefix() + "shared-buckets-test:" + UUID.randomUUID();

    @AfterEach
    void close() {
        clients.forEach(RedisClient::shutdown);
    }

    @Test
    void aHotKeyCostsRedisOneLeaseInEveryFivePercentOfItsCapacity() {
        RateLimits.Policy policy = policy(1_000);
        SharedBuckets instance = instance();
        commands.set(0); // the connection's own handshake is not a lease

        ConsumptionProbe first = instance.consume(key, policy);
        assertThat(first.isConsumed()).isTrue();
        assertThat(first.getRemainingTokens()).isEqualTo(999);
        for (int n = 2; n <= 200; n++) {
            ConsumptionProbe probe = instance.consume(key, policy);
            assertThat(probe.isConsumed()).isTrue();
            assertThat(probe.getRemainingTokens()).isEqualTo(1_000 - n); // exact with one instance
        }

        assertThat(SharedBuckets.leaseSize(1_000)).isEqualTo(50);
        assertThat(writes).hasValue(4); // leases at requests 1, 51, 101 and 151
        assertThat(commands).hasValueLessThanOrEqualTo(4 * 3); // a GET before each, one more for a new bucket
    }

    @Test
    void concurrentRequestsThatFindTheLeaseSpentTakeOneNewLeaseBetweenThem() throws Exception {
        RateLimits.Policy policy = policy(10_000); // leases of 500
        SharedBuckets instance = instance();

        try (ExecutorService requests = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> consumed = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                consumed.add(requests.submit(() -> {
                    int mine = 0;
                    for (int i = 0; i < 1_000; i++) {
                        mine += instance.consume(key, policy).isConsumed() ? 1 : 0;
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> each : consumed) {
                total += each.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(8_000);
        }
        // 8,000 requests, 16 leases of 500: every lease spent to the last token, none replaced by a concurrent one.
        assertThat(writes).hasValue(16);
    }

    @Test
    void instancesTogetherNeverLetThroughMoreThanTheCapacityAndARefusalCostsRedisNothingUntilTheNextToken() {
        RateLimits.Policy policy = policy(100); // leases of 5
        SharedBuckets a = instance();
        SharedBuckets b = instance();

        int consumed = 0;
        for (int i = 0; i < 130; i++) {
            consumed += (i % 2 == 0 ? a : b).consume(key, policy).isConsumed() ? 1 : 0;
        }
        assertThat(consumed).isEqualTo(100);

        int before = commands.get();
        assertThat(writes).hasValue(20); // 20 leases of 5 (a probe that finds the bucket empty writes nothing)
        for (int i = 0; i < 20; i++) {
            ConsumptionProbe refused = a.consume(key, policy);
            assertThat(refused.isConsumed()).isFalse();
            assertThat(refused.getRemainingTokens()).isZero();
            // 100 an hour: a token every 36 s
            assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill()))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
        }
        assertThat(commands).hasValue(before);
    }

    @Test
    void aClientIsRefusedEarlyByAtMostTheLeaseAnotherInstanceHolds() {
        RateLimits.Policy policy = policy(100);
        SharedBuckets a = instance();
        SharedBuckets b = instance();

        assertThat(a.consume(key, policy).isConsumed()).isTrue(); // a holds 4 of its lease of 5
        int throughB = 0;
        while (b.consume(key, policy).isConsumed()) {
            throughB++;
        }
        assertThat(throughB).isEqualTo(95);
        for (int i = 0; i < 4; i++) {
            assertThat(a.consume(key, policy).isConsumed()).isTrue();
        }
        assertThat(a.consume(key, policy).isConsumed()).isFalse();
    }

    @Test
    void smallPoliciesLeaseOneTokenAtATimeSoEveryRequestIsCountedInRedis() {
        RateLimits.Policy policy = policy(30);
        SharedBuckets a = instance();
        SharedBuckets b = instance();
        assertThat(SharedBuckets.leaseSize(30)).isEqualTo(1);
        assertThat(SharedBuckets.leaseSize(39)).isEqualTo(1);
        assertThat(SharedBuckets.leaseSize(40)).isEqualTo(2);

        for (int i = 0; i < 30; i++) {
            assertThat((i % 2 == 0 ? a : b).consume(key, policy).getRemainingTokens())
                    .isEqualTo(29 - i);
        }
        assertThat(a.consume(key, policy).isConsumed()).isFalse();
        assertThat(b.consume(key, policy).isConsumed()).isFalse();
    }

    private static RateLimits.Policy policy(int capacityPerHour) {
        return RateLimits.Policy.of("test", List.of("/**"), capacityPerHour, Duration.ofHours(1));
    }

    /** A SharedBuckets on a connection of its own, as each instance has. */
    private SharedBuckets instance() {
        RedisClient client = RedisClient.create(TestServices.redisUrl());
        clients.add(client);
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.incrementAndGet();
                if (event.getCommand().getType().toString().startsWith("EVAL")) {
                    writes.incrementAndGet(); // Bucket4j's compare-and-swap: one per lease or probe taken
                }
            }
        });
        return new SharedBuckets(ProtectionConfiguration.connect(client), Clock.systemUTC());
    }
}
