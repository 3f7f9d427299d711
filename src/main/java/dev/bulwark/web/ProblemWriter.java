package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one serializer of problem bodies: Spring MVC's error paths send its bytes in a {@link ResponseEntity}, filters
 * and Tomcat's error valve write them straight to the response. Same members, same order, everywhere.
 */
@Component
class ProblemWriter {

    private final JsonMapper json;
    private final Problems problems;

    ProblemWriter(JsonMapper json, Problems problems) {
        this.json = json;
        this.problems = problems;
    }

    void reject(HttpServletRequest request, HttpServletResponse response, StandardProblem problem, String detail)
            throws IOException {
        write(problems.of(problem, detail, request), response);
    }

    /** Replaces whatever was buffered (headers already set, such as the request id, stay). */
    void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        byte[] body = bytes(problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    ResponseEntity<Object> entity(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(bytes(problem));
    }

    private byte[] bytes(ProblemDetail problem) {
        return json.writeValueAsBytes(asMap(problem));
    }

    /** RFC 9457 members first, then the extensions; absent members are left out rather than sent as null. */
    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
