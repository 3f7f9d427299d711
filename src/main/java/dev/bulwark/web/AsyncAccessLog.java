package dev.bulwark.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Moves the access log's writing off the request thread: its lines go through a bounded queue to the console
 * appender Boot configured (same encoder, so the same JSON), written by one logging thread. A full queue never blocks a
 * request: the line is dropped and counted ({@code bulwark.log.access.dropped}). Measured: the synchronous write cost
 * 47% more CPU on the trivial endpoint (docs/performance.md). Other loggers stay synchronous, so warnings and security
 * events are never dropped. A logging configuration of the user's own without Boot's {@code CONSOLE} appender is left
 * alone.
 */
final class AsyncAccessLog {

    static final String LOGGER = "dev.bulwark.access";
    static final String APPENDER = "ACCESS_ASYNC";
    static final int QUEUE_SIZE = 8192;

    /**
     * How long the writer lets lines gather after writing some. Logback's own asynchronous appender waits on its queue
     * after every line, so each request paid for waking it (a futex call on both sides, 8% of {@code /me}'s CPU in a
     * profile); a writer that sleeps between batches is only woken when its queue had run empty.
     */
    static final long LINGER_MILLIS = 10;

    /** How long stopping waits for queued lines to be written. */
    private static final long FLUSH_MILLIS = 1_000;

    private AsyncAccessLog() {}

    /**
     * Attaches the queue once per logging configuration (a re-initialised one starts without it) and answers its drop
     * count, or null when the access log stays synchronous.
     */
    static @Nullable LongAdder attach() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? attach(context) : null;
    }

    static @Nullable LongAdder attach(LoggerContext context) {
        Logger access = context.getLogger(LOGGER);
        if (access.getAppender(APPENDER) instanceof QueuedAppender attached) {
            return attached.dropped;
        }
        Appender<ILoggingEvent> console =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        if (console == null) {
            return null;
        }
        QueuedAppender queue = new QueuedAppender(console);
        queue.setName(APPENDER);
        queue.setContext(context);
        queue.start();
        access.addAppender(queue);
        access.setAdditive(false); // written once, by the queue's thread
        return queue.dropped;
    }

    /** Queues each line for one writer thread, which hands batches of them to the console appender. */
    private static final class QueuedAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        final LongAdder dropped = new LongAdder();
        private final BlockingQueue<ILoggingEvent> lines = new ArrayBlockingQueue<>(QUEUE_SIZE);
        private final Appender<ILoggingEvent> console;
        private @Nullable Thread writer;

        QueuedAppender(Appender<ILoggingEvent> console) {
            this.console = console;
        }

        @Override
        public void start() {
            writer = Thread.ofPlatform().name("access-log").daemon().start(this::writeUntilStopped);
            super.start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the message and the MDC, on the request's thread
            if (!lines.offer(event)) {
                dropped.increment();
            }
        }

        /** Writes what is queued (for at most a second) before answering. */
        @Override
        public void stop() {
            if (!isStarted() || writer == null) {
                return;
            }
            super.stop();
            writer.interrupt();
            try {
                writer.join(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void writeUntilStopped() {
            List<ILoggingEvent> batch = new ArrayList<>();
            try {
                while (true) {
                    batch.add(lines.take()); // waits, and is woken by a request, only once the queue ran empty
                    write(batch);
                    Thread.sleep(LINGER_MILLIS); // lines gather meanwhile; no request wakes a sleeping writer
                }
            } catch (InterruptedException stopping) {
                write(batch);
            }
        }

        private void write(List<ILoggingEvent> batch) {
            lines.drainTo(batch);
            batch.forEach(console::doAppend);
            batch.clear();
        }
    }
}
