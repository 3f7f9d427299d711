package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.WebProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTests {

    private static ClientAddresses trusting(String... cidrs) throws Exception {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < cidrs.length; i++) {
            environment.setProperty("bulwark.web.trusted-proxies[" + i + "]", cidrs[i]);
        }
        WebProperties properties = Binder.get(environment).bindOrCreate("bulwark.web", WebProperties.class);
        var constructor = ClientAddresses.class.getDeclaredConstructor(WebProperties.class);
        constructor.setAccessible(true);
        return constructor.newInstance(properties);
    }

    private static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        assertThat(trusting().of(from("198.51.100.9", "1.2.3.4"))).isEqualTo("198.51.100.9");
        assertThat(trusting("10.0.0.0/8").of(from("198.51.100.9", "1.2.3.4"))).isEqualTo("198.51.100.9");
    }

    @Test
    void aTrustedProxyNamesTheClientAsTheRightMostUntrustedHop() throws Exception {
        ClientAddresses addresses = trusting("10.0.0.0/8", "192.168.1.1/32");
        assertThat(addresses.of(from("10.1.2.3", "203.0.113.5"))).isEqualTo("203.0.113.5");
        // the client may prepend anything; only what trusted proxies appended counts
        assertThat(addresses.of(from("10.1.2.3", "6.6.6.6, 203.0.113.5, 192.168.1.1")))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.of(from("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(from("10.1.2.3", "not an address at all " + "x".repeat(60))))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void noTrustedProxiesMeansThePeerAlways() throws Exception {
        assertThat(trusting().of(from("127.0.0.1", "203.0.113.5"))).isEqualTo("127.0.0.1");
        assertThat(List.of()).isEmpty();
    }
}
