package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.IntegrationTest;
import dev.bulwark.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ManagementPortTests {

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void managementRunsOnItsOwnPort() {
        assertThat(managementPort).isPositive().isNotEqualTo(serverPort);
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/health/liveness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessChecksTheDatabaseAndRedis() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"db\":{\"status\":\"UP\"}")
                .contains("\"redis\":{\"status\":\"UP\"}")
                .contains("\"readinessState\"");
    }

    @Test
    void probesAnswerWhateverHostTheOrchestratorUses() throws Exception {
        dev.bulwark.web.RawHttpProbe.Response response = dev.bulwark.web.RawHttpProbe.get(
                managementPort, "/actuator/health/liveness", "10.0.0.17:" + managementPort);
        assertThat(response.status()).isEqualTo(200);
        dev.bulwark.web.RawHttpProbe.Response publicPort =
                dev.bulwark.web.RawHttpProbe.get(serverPort, "/api/v1/ping", "10.0.0.17");
        assertThat(publicPort.status()).isEqualTo(400);
    }

    @Test
    void prometheusAndInfoAreServed() throws Exception {
        assertThat(get(serverPort, "/api/v1/ping").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .as(metrics.body()
                        .lines()
                        .map(l -> l.split("[{ ]")[0])
                        .distinct()
                        .toList()
                        .toString())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests")
                .contains("bulwark_log_access_dropped_total");
        HttpResponse<String> info = get(managementPort, "/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"build\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
    }

    @Test
    void actuatorIsNotReachableThroughThePublicPort() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/info", "/actuator"}) {
            HttpResponse<String> response = get(serverPort, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("not-found").doesNotContain("UP");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return TestHttp.port(port).get(path);
    }
}
