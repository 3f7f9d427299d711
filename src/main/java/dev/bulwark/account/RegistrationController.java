package dev.bulwark.account;

import dev.bulwark.web.Inputs;
import dev.bulwark.web.PublicRoutes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Self-service sign-up. Lives under /api/v1/auth with the other sign-in routes; accounts own the logic. */
@RestController
@Tag(name = "Authentication")
class RegistrationController {

    static final String PATH = "/api/v1/auth/register";

    private final AccountService accounts;

    RegistrationController(AccountService accounts) {
        this.accounts = accounts;
    }

    record RegisterRequest(
            @Schema(example = "ada@example.com") @NotBlank @Email @Size(max = EmailAddress.MAX_LENGTH)
            String email,

            @Schema(example = "correct horse battery staple", description = "8-128 characters; see the password policy")
            @NotNull
            @Size(max = 1024)
            String password,

            @Schema(example = "Ada Lovelace")
            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
            String displayName) {

        /** Normalised before validation, so length and syntax are checked on what is stored. */
        RegisterRequest {
            email = EmailAddress.normalizeOrNull(email);
        }
    }

    record RegisterResponse(String status, String message) {}

    @Operation(
            summary = "Create an account",
            description = "Answers 202 whether or not the email is already registered, so the endpoint cannot be used"
                    + " to find out who has an account. If it was free, the account now exists and can sign in; if"
                    + " it was taken, nothing changes and signing in with the new password fails.")
    @ApiResponse(responseCode = "202", description = "Accepted (see description)")
    @ApiResponse(responseCode = "400", description = "validation-failed or weak-password (errors[] names the rule)")
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.ACCEPTED)
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        accounts.register(request.email(), request.password(), request.displayName());
        return new RegisterResponse(
                "accepted", "If this email address was not registered yet, the account now exists and can sign in.");
    }

    @Configuration(proxyBeanMethods = false)
    static class Routes {
        @Bean
        PublicRoutes registrationRoute() {
            return PublicRoutes.of(PATH);
        }
    }
}
