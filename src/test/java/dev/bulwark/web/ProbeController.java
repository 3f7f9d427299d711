package dev.bulwark.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only routes that make each error case happen on demand. Hidden from the OpenAPI document. */
@Hidden
@Validated
@RestController
class ProbeController {

    static final String SECRET_MESSAGE = "db password=hunter2 at org.example.Internal";

    record EchoRequest(
            @NotBlank @Size(max = 20) String name,
            @NotNull @Min(1) Integer count,
            @Email String email) {}

    @PostMapping(path = "/test/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
    EchoRequest echo(@Valid @RequestBody EchoRequest request) {
        return request;
    }

    @PostMapping(path = {"/test/raw", "/test/small/raw"})
    Map<String, Integer> raw(@RequestBody byte[] body) {
        return Map.of("bytes", body.length);
    }

    @GetMapping("/test/limited/ping")
    Map<String, String> limited() {
        return Map.of("ok", "yes");
    }

    @GetMapping("/test/slow")
    Map<String, String> slow(@RequestParam @Min(1) @Max(10_000) int ms) throws InterruptedException {
        Thread.sleep(ms);
        return Map.of("slept", Integer.toString(ms));
    }

    @GetMapping("/test/boom")
    String boom() {
        throw new IllegalStateException(SECRET_MESSAGE);
    }

    @GetMapping("/test/items/{id}")
    Map<String, Object> item(@PathVariable UUID id, @RequestParam @Min(1) @Max(100) int limit) {
        return Map.of("id", id, "limit", limit);
    }

    @GetMapping("/test/guarded")
    @PreAuthorize("hasAuthority('test:admin')")
    String guarded() {
        return "secret";
    }

    @GetMapping("/api/v1/test-protected")
    @PreAuthorize("isAuthenticated()")
    Map<String, String> protectedRoute() {
        return Map.of("ok", "yes");
    }

    @Configuration(proxyBeanMethods = false)
    static class Routes {
        @Bean
        PublicRoutes probeRoutes() {
            return PublicRoutes.of("/test/**");
        }
    }
}
