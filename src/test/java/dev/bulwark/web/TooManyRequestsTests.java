package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class TooManyRequestsTests {

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne() {
        assertThat(TooManyRequests.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(TooManyRequests.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
        assertThat(TooManyRequests.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(new TooManyRequests("wait", Duration.ofMillis(2_500))
                        .headers()
                        .getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("3");
    }
}
