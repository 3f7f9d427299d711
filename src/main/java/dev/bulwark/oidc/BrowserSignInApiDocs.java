package dev.bulwark.oidc;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The API document shows the second way in: every operation that takes a bearer token takes the browser session
 * cookie too (one authorization model), state-changing ones with the X-CSRF-Token header.
 */
@Component
@Order // after web's problem responses, which add the bearer requirement
class BrowserSignInApiDocs implements OpenApiCustomizer {

    private static final String COOKIE = "browserSession";

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        openApi.getComponents()
                .addSecuritySchemes(
                        COOKIE,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE)
                                .name(OidcProperties.Session.COOKIE)
                                .description("Browser sign-in session (docs/oidc.md); state-changing requests also"
                                        + " send X-CSRF-Token from GET /auth/web/me and an allowed Origin."));
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getSecurity() != null
                            && !operation.getSecurity().isEmpty()) {
                        operation.addSecurityItem(new SecurityRequirement().addList(COOKIE));
                    }
                }));
    }
}
