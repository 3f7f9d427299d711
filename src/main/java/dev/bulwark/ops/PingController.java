package dev.bulwark.ops;

import dev.bulwark.web.PublicRoutes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Service", description = "Liveness of the public API")
class PingController {

    static final String PATH = "/api/v1/ping";

    record Pong(String status) {}

    @Operation(
            summary = "Answer if the API is reachable",
            description = "Public; does no I/O. Probes for orchestrators are on the management port.")
    @GetMapping(PATH)
    Pong ping() {
        return new Pong("ok");
    }

    @Configuration(proxyBeanMethods = false)
    static class Routes {
        @Bean
        PublicRoutes pingRoute() {
            return PublicRoutes.of(PATH);
        }
    }
}
