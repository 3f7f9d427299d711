package dev.bulwark.account;

import dev.bulwark.web.ApiProblem;
import org.springframework.http.HttpStatus;

final class CurrentPasswordMismatch extends ApiProblem {

    CurrentPasswordMismatch() {
        super(
                HttpStatus.BAD_REQUEST,
                "current-password-mismatch",
                "Current password is wrong",
                "The current password is not correct.");
    }
}
