package dev.bulwark.web;

import java.util.List;

/**
 * Routes a module serves without authentication. Every route is authenticated unless a module declares it here, in a
 * bean next to its controller, so a reviewer finds all public routes by searching for this type.
 *
 * @param patterns Spring path patterns ({@code /api/v1/auth/login}, {@code /.well-known/**})
 */
public record PublicRoutes(List<String> patterns) {

    public PublicRoutes {
        patterns = List.copyOf(patterns);
    }

    public static PublicRoutes of(String... patterns) {
        return new PublicRoutes(List.of(patterns));
    }
}
