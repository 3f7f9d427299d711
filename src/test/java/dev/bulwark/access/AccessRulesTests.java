package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class AccessRulesTests {

    private final AccessRules access = new AccessRules();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void signedInWith(String... authorities) {
        TestingAuthenticationToken token = new TestingAuthenticationToken(
                "someone",
                null,
                List.of(authorities).stream().map(SimpleGrantedAuthority::new).toList());
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    @Test
    void allNeedsEveryPermissionAndAtLeastOne() {
        signedInWith("users:read", "audit:read");
        assertThat(access.all("users:read")).isTrue();
        assertThat(access.all("users:read", "audit:read")).isTrue();
        assertThat(access.all("users:read", "users:write")).isFalse();
        assertThat(access.all()).isFalse();
    }

    @Test
    void anyNeedsOne() {
        signedInWith("audit:read");
        assertThat(access.any("users:read", "audit:read")).isTrue();
        assertThat(access.any("users:read", "users:write")).isFalse();
        assertThat(access.any()).isFalse();
    }

    @Test
    void roleChecksTheRoleAuthority() {
        signedInWith("ROLE_ADMIN", "users:read");
        assertThat(access.role("ADMIN")).isTrue();
        assertThat(access.role("USER")).isFalse();
        assertThat(access.role("users:read")).isFalse();
    }

    @Test
    void nobodySignedInHasNothing() {
        assertThat(access.all("users:read")).isFalse();
        assertThat(access.any("users:read")).isFalse();
        assertThat(access.role("ADMIN")).isFalse();
    }
}
