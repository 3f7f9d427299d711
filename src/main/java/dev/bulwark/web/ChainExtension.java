package dev.bulwark.web;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Authentication a module adds to the API chain besides bearer tokens (the oidc module's browser sessions, with their
 * CSRF and Origin checks). Applied after the chain's own settings, so it may switch on what they leave off; the
 * chain's 401 and 403 answers stay the same problem responses.
 */
public interface ChainExtension {

    /** Paths outside {@code /api/**} whose routes need an authenticated caller (their own method rules then apply). */
    List<String> authenticatedPaths();

    void extend(HttpSecurity http) throws Exception;
}
