package dev.bulwark.account;

import dev.bulwark.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A new password breaks a rule of {@link PasswordPolicy}; the message says which. */
final class WeakPassword extends ApiProblem {

    private final String rule;

    WeakPassword(String rule) {
        super(HttpStatus.BAD_REQUEST, "weak-password", "Password rejected", "The password " + rule + ".");
        this.rule = rule;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("errors", List.of(Map.of("field", "password", "message", rule)));
    }
}
