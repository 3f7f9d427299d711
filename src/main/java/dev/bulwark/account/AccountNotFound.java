package dev.bulwark.account;

import dev.bulwark.web.ApiProblem;
import org.springframework.http.HttpStatus;

final class AccountNotFound extends ApiProblem {

    AccountNotFound() {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", "The account does not exist.");
    }
}
