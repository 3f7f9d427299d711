package dev.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Caps request bodies: a declared Content-Length over the limit is refused at once, and a chunked body is counted as
 * it is read, so neither can make the service buffer more than the limit.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<Map.Entry<PathPattern, Long>> routeLimits;
    private final ProblemWriter writer;

    BodySizeLimitFilter(WebProperties properties, ProblemWriter writer) {
        this.defaultLimit = properties.maxBodySize().toBytes();
        this.routeLimits = properties.routeBodyLimits().entrySet().stream()
                .map(e -> Map.entry(
                        PathPatternParser.defaultInstance.parse(e.getKey()),
                        e.getValue().toBytes()))
                .toList();
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            writer.reject(request, response, StandardProblem.PAYLOAD_TOO_LARGE, BodyTooLargeException.detail(limit));
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit), response);
    }

    private long limitFor(HttpServletRequest request) {
        if (routeLimits.isEmpty()) {
            return defaultLimit;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return routeLimits.stream()
                .filter(e -> e.getKey().matches(path))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultLimit);
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
