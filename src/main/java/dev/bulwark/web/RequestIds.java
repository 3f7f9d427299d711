package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The request id rules of DESIGN.md §4: a client's id is kept only when it is short and plain. */
final class RequestIds {

    static final String HEADER = "X-Request-ID";
    static final String MDC_KEY = LogFields.REQUEST_ID;
    static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    static String acceptOrGenerate(@Nullable String fromClient) {
        if (fromClient != null && ACCEPTED.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }

    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String value ? value : "unknown";
    }
}
