package dev.bulwark.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B / ASVS password rules: 8 to 128 characters, no composition rules, not one of the 10,000 most
 * common passwords, and not containing the name part of the account's email. Each refusal names its rule. The rules
 * apply to the NFKC form, the one that is hashed ({@link PasswordHashing}): full-width "ｐａｓｓｗｏｒｄ" is "password".
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("passwords/common-10k.txt");
    }

    void check(String typed, String email) {
        String password = PasswordHashing.nfkc(typed);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new WeakPassword("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new WeakPassword("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new WeakPassword("is one of the 10,000 most common passwords");
        }
        String name = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (name.length() >= 3 && lower.contains(name)) {
            throw new WeakPassword("must not contain the name part of your email address");
        }
    }

    private static Set<String> load(String resource) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("The common-password list is missing from the build", e);
        }
    }
}
