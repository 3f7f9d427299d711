package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Explains an unreadable JSON body by field, in our words rather than Jackson's (which name internal classes). */
final class JsonBodyProblems {

    private JsonBodyProblems() {}

    static ProblemDetail describe(HttpMessageNotReadableException ex, Problems problems, HttpServletRequest request) {
        DatabindException binding = ProblemCauses.ofType(ex, DatabindException.class);
        if (binding != null && !binding.getPath().isEmpty()) {
            return problems.validationFailed(List.of(new FieldProblem(pathOf(binding), reasonOf(binding))), request);
        }
        // Well-formed JSON whose number does not fit the field (3000000000 for an int): the field's fault, by name.
        InputCoercionException outOfRange = ProblemCauses.ofType(ex, InputCoercionException.class);
        if (outOfRange != null && !outOfRange.getPath().isEmpty()) {
            return problems.validationFailed(
                    List.of(new FieldProblem(pathOf(outOfRange), "is out of range for its type")), request);
        }
        String detail = ProblemCauses.ofType(ex, JacksonException.class) != null
                ? "The request body is not well-formed JSON."
                : "The request body is missing or cannot be read.";
        return problems.of(StandardProblem.MALFORMED_BODY, detail, request);
    }

    private static String reasonOf(DatabindException ex) {
        if (ex instanceof NulCharacterException) {
            return "must not contain NUL characters";
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof InvalidNullException) {
            return "must not be null";
        }
        if (ex instanceof MismatchedInputException) {
            return "has the wrong type or format";
        }
        return "is invalid";
    }

    private static String pathOf(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
