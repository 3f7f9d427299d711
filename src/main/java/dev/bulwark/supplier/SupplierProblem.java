package dev.bulwark.supplier;

import dev.bulwark.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The answers of this capability that are not a success, each with its type from docs/problems.md. */
final class SupplierProblem extends ApiProblem {

    private final Map<String, Object> extensions;

    private SupplierProblem(
            HttpStatus status, String type, String title, String detail, Map<String, Object> extensions) {
        super(status, type, title, detail);
        this.extensions = extensions;
    }

    static SupplierProblem notFound() {
        return new SupplierProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such supplier.", Map.of());
    }

    static SupplierProblem stale() {
        return new SupplierProblem(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The supplier was changed meanwhile; reload it and apply your change again.",
                Map.of());
    }

    static SupplierProblem inUse() {
        return new SupplierProblem(
                HttpStatus.CONFLICT,
                "in-use",
                "In use",
                "Other records still refer to this supplier; delete or change them first.",
                Map.of());
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
