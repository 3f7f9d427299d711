package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Whether a request yields before it runs; what that does under load is measured in docs/performance.md. */
class TurnTakingFilterTests {

    private final AtomicInteger yields = new AtomicInteger();
    private final TurnTakingFilter filter = new TurnTakingFilter(yields::incrementAndGet);

    @Test
    void aRequestOnAVirtualThreadYieldsBeforeItRuns() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .join();

        assertThat(yields).hasValue(1);
        assertThat(chain.getRequest()).isNotNull(); // and then it ran
    }

    @Test
    void aRequestOnAPlatformThreadDoesNotYield() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);

        assertThat(yields).hasValue(0);
        assertThat(chain.getRequest()).isNotNull();
    }
}
