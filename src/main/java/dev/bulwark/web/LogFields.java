package dev.bulwark.web;

/** Names of the diagnostic context (MDC) fields the web layer sets for each request, for modules that read them. */
public final class LogFields {

    /** The request id ({@code X-Request-ID}), in every log line of the request. */
    public static final String REQUEST_ID = "requestId";

    private LogFields() {}
}
