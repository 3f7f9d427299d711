package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a SIGTERM does (the JVM's shutdown hook closes the context the same way): readiness turns to refusing traffic
 * first, the service keeps serving for the shutdown delay, requests in flight finish, and shutdown completes within
 * the drain timeout.
 */
@Slow
class GracefulShutdownTests {

    @Test
    void inFlightRequestsFinishWhileReadinessRefusesNewTraffic() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(BulwarkApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--bulwark.bootstrap.admin.email=",
                        "--bulwark.redis.key-prefix=" + dev.bulwark.TestServices.keyPrefix() + "shutdown-"
                                + UUID.randomUUID() + ":",
                        "--spring.lifecycle.timeout-per-shutdown-phase=10s",
                        "--bulwark.shutdown.delay=1s");
        TestHttp http = TestHttp.of(app);
        AtomicReference<ReadinessState> readinessDuringDrain = new AtomicReference<>();
        app.addApplicationListener(event -> {
            if (event instanceof AvailabilityChangeEvent<?> change
                    && change.getState() instanceof ReadinessState state) {
                readinessDuringDrain.compareAndSet(null, state);
            }
        });
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(TestHttp.sendAsync(http.request("/test/slow?ms=1500").timeout(Duration.ofSeconds(15))));
        }
        Thread.sleep(500); // the requests are being served

        long start = System.nanoTime();
        Thread closing = Thread.ofPlatform().start(app::close);
        Thread.sleep(300);
        // During the shutdown delay readiness already refuses, and a request that was on its way is still served.
        assertThat(readinessDuringDrain.get()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        HttpResponse<String> late =
                TestHttp.send(http.request("/test/slow?ms=10").timeout(Duration.ofSeconds(5)));
        assertThat(late.statusCode()).isEqualTo(200);
        closing.join();
        Duration shutdown = Duration.ofNanos(System.nanoTime() - start);

        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("1500");
        }
        assertThat(readinessDuringDrain.get()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(shutdown).isLessThan(Duration.ofSeconds(10));
        assertThat(app.isActive()).isFalse();
        System.out.printf("graceful shutdown with 5 in-flight requests: %d ms%n", shutdown.toMillis());
    }
}
