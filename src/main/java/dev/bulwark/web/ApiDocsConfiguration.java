package dev.bulwark.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document: every operation lists the problem responses it can give, with the shared {@code Problem}
 * schema, and protected operations carry the bearer-token requirement. The spec is checked in as docs/openapi.json.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    private static final String BEARER = "bearerAuth";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Bean
    OpenAPI bulwarkOpenApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Bulwark API")
                                .version("v1")
                                .description(
                                        "Secure-by-default REST API. Errors are RFC 9457 problem documents (docs/problems.md)."))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")));
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE) // first: other modules' customizers build on its security requirements
    OpenApiCustomizer problemResponses(List<PublicRoutes> publicRoutes) {
        List<PathPattern> open = publicRoutes.stream()
                .flatMap(routes -> routes.patterns().stream())
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        return openApi -> {
            Map<String, Schema> schemas =
                    ModelConverters.getInstance(true).readAll(new AnnotatedType(ProblemDocument.class));
            schemas.forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths().forEach((path, item) -> {
                boolean isPublic = open.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)));
                item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation, isPublic));
            });
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, boolean isPublic) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                add(operation, status, response.getDescription());
            }
        });
        add(operation, "400", "The request is malformed or fails validation.");
        if (!isPublic) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            add(operation, "401", "No valid access token was presented.");
            add(operation, "403", "The caller lacks the permission this operation needs.");
        }
        describeShapeErrors(path, operation);
        add(operation, "500", "Unexpected error; quote the requestId when reporting it.");
        add(operation, "503", "A dependency (database, Redis) is briefly unavailable; retry after Retry-After.");
    }

    /** The statuses that follow from the operation's shape: a path variable, a body, an API path. */
    private static void describeShapeErrors(String path, Operation operation) {
        if (path.contains("{")) {
            add(operation, "404", "No such resource.");
        }
        if (operation.getRequestBody() != null) {
            add(operation, "413", "The request body is larger than accepted.");
            add(operation, "415", "The request body is not JSON.");
        }
        if (path.startsWith("/api/")) {
            add(
                    operation,
                    "429",
                    "A rate limit was hit; retry after Retry-After (RateLimit-* headers show the limit).");
        }
    }

    private static void add(Operation operation, String status, String description) {
        ApiResponse declared = operation.getResponses().get(status);
        if (declared == null) {
            operation
                    .getResponses()
                    .addApiResponse(
                            status, new ApiResponse().description(description).content(problem()));
        } else {
            // A controller named the status; whatever springdoc inferred, an error body is always a problem.
            declared.content(problem());
        }
    }

    private static Content problem() {
        return new Content()
                .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }
}
