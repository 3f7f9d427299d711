package dev.bulwark.account;

import dev.bulwark.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Optimistic locking: the caller's version of the account is not the current one. */
final class AccountChangedMeanwhile extends ApiProblem {

    AccountChangedMeanwhile() {
        super(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The account was changed meanwhile; reload it and apply your change again.");
    }
}
