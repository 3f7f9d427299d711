package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class BusyTests {

    @Test
    void retryAfterIsSpreadOverOneToThreeSeconds() {
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            seen.merge(new Busy().headers().getFirst(HttpHeaders.RETRY_AFTER), 1, Integer::sum);
        }
        // each value has probability 1/3: 100 of 300 expected, and 50 or 150 lie six standard deviations (8.2) off
        assertThat(seen).containsOnlyKeys("1", "2", "3");
        assertThat(seen.values()).allSatisfy(count -> assertThat(count).isBetween(50, 150));
    }
}
