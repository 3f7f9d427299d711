package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class AsyncAccessLogTests {

    private static final int LINES = 3 * AsyncAccessLog.QUEUE_SIZE;

    @Test
    void aStuckConsoleNeverBlocksTheCallerAndEveryLineIsWrittenOrCountedAsDropped() throws Exception {
        LoggerContext context = context();
        StuckConsole console = new StuckConsole(context);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
        context.getLogger("dev.bulwark.other").info("not an access line");
        LongAdder dropped = AsyncAccessLog.attach(context);
        assertThat(dropped).isNotNull();

        long start = System.nanoTime();
        org.slf4j.Logger access = context.getLogger(AsyncAccessLog.LOGGER);
        for (int i = 0; i < LINES; i++) {
            access.info("GET /api/v1/ping -> 200 in 0 ms");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(millis).as("logging against a stuck console").isLessThan(3_000);
        assertThat(dropped.sum()).as("dropped while the console was stuck").isPositive();
        console.release.countDown();
        context.getLogger(AsyncAccessLog.LOGGER)
                .getAppender(AsyncAccessLog.APPENDER)
                .stop(); // drains the queue
        assertThat(console.written.get() - 1 + dropped.sum())
                .as("access lines written plus dropped")
                .isEqualTo(LINES);
    }

    @Test
    void aLineAfterAQuietSpellIsWrittenWithoutWaitingForMore() throws InterruptedException {
        LoggerContext context = context();
        StuckConsole console = new StuckConsole(context);
        console.release.countDown();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
        AsyncAccessLog.attach(context);
        org.slf4j.Logger access = context.getLogger(AsyncAccessLog.LOGGER);

        for (int line = 1; line <= 3; line++) {
            access.info("GET /api/v1/ping -> 200 in 0 ms");
            int written = line;
            await().atMost(Duration.ofSeconds(2)).until(() -> console.written.get() == written);
            Thread.sleep(5 * AsyncAccessLog.LINGER_MILLIS); // the writer waits on its empty queue again
        }
    }

    @Test
    void attachingTwiceKeepsOneQueueAndOtherLoggersStayOnTheConsole() {
        LoggerContext context = context();
        StuckConsole console = new StuckConsole(context);
        console.release.countDown();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);

        LongAdder first = AsyncAccessLog.attach(context);
        assertThat(AsyncAccessLog.attach(context)).isSameAs(first);
        context.getLogger("dev.bulwark.other").warn("written on the caller's thread");

        assertThat(console.written.get()).isEqualTo(1);
        assertThat(context.getLogger(AsyncAccessLog.LOGGER).isAdditive()).isFalse();
    }

    @Test
    void aConfigurationWithoutBootsConsoleIsLeftAlone() {
        LoggerContext context = context();

        assertThat(AsyncAccessLog.attach(context)).isNull();
        assertThat(context.getLogger(AsyncAccessLog.LOGGER).isAdditive()).isTrue();
    }

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // events copy the MDC when queued
        return context;
    }

    /** Boot's console appender on a terminal nobody reads: each write waits until released. */
    private static final class StuckConsole extends AppenderBase<ILoggingEvent> {

        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger written = new AtomicInteger();

        StuckConsole(LoggerContext context) {
            setName("CONSOLE");
            setContext(context);
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLoggerName().equals(AsyncAccessLog.LOGGER)) {
                written.incrementAndGet();
                return;
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.incrementAndGet();
        }
    }
}
