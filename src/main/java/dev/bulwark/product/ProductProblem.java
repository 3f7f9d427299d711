package dev.bulwark.product;

import dev.bulwark.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The answers of this capability that are not a success, each with its type from docs/problems.md. */
final class ProductProblem extends ApiProblem {

    private final Map<String, Object> extensions;

    private ProductProblem(
            HttpStatus status, String type, String title, String detail, Map<String, Object> extensions) {
        super(status, type, title, detail);
        this.extensions = extensions;
    }

    static ProductProblem notFound() {
        return new ProductProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such product.", Map.of());
    }

    static ProductProblem stale() {
        return new ProductProblem(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The product was changed meanwhile; reload it and apply your change again.",
                Map.of());
    }

    static ProductProblem inUse() {
        return new ProductProblem(
                HttpStatus.CONFLICT,
                "in-use",
                "In use",
                "Other records still refer to this product; delete or change them first.",
                Map.of());
    }

    /** A unique field has a value another product has. */
    static ProductProblem taken(String field) {
        return new ProductProblem(
                HttpStatus.CONFLICT,
                "value-taken",
                "Value taken",
                "Another product has this " + field + ".",
                errors(field, "is taken"));
    }

    /** A reference names a record that does not exist (or was deleted meanwhile). */
    static ProductProblem unknownReference(String field) {
        return new ProductProblem(
                HttpStatus.BAD_REQUEST,
                "validation-failed",
                "Validation failed",
                "One or more fields are invalid.",
                errors(field, "does not exist"));
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }

    private static Map<String, Object> errors(String field, String message) {
        return Map.of("errors", List.of(Map.of("field", field, "message", message)));
    }
}
