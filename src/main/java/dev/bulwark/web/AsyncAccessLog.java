package dev.bulwark.web;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
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
        if (access.getAppender(APPENDER) instanceof DroppingAppender attached) {
            return attached.dropped;
        }
        Appender<ILoggingEvent> console =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        if (console == null) {
            return null;
        }
        DroppingAppender queue = new DroppingAppender();
        queue.setName(APPENDER);
        queue.setContext(context);
        queue.addAppender(console);
        queue.start();
        access.addAppender(queue);
        access.setAdditive(false); // written once, by the queue's thread
        return queue.dropped;
    }

    /**
     * Logback's asynchronous appender, never blocking and never dropping below a full queue. Logback asks
     * {@link #isDiscardable} only once fewer than {@code discardingThreshold} slots are free; 64 slots of headroom
     * keep concurrent callers from overfilling the queue between that check and their insert, so every dropped line is
     * counted here.
     */
    private static final class DroppingAppender extends AsyncAppender {

        final LongAdder dropped = new LongAdder();

        DroppingAppender() {
            setQueueSize(QUEUE_SIZE);
            setDiscardingThreshold(64);
            setNeverBlock(true);
            setIncludeCallerData(false);
        }

        @Override
        protected boolean isDiscardable(ILoggingEvent event) {
            dropped.increment();
            return true;
        }
    }
}
