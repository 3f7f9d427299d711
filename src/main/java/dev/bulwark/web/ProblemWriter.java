package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to the response, for the filters that answer before Spring MVC is reached. */
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

    void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), asMap(problem));
        response.flushBuffer();
    }

    /** The same members, in the same order, as Spring MVC writes for a {@link ProblemDetail}. */
    static Map<String, Object> asMap(ProblemDetail problem) {
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
