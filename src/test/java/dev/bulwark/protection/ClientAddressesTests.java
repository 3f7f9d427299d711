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

    @Test
    void forwardedHopsAreNormalisedAndGarbageMeansThePeer() throws Exception {
        ClientAddresses addresses = trusting("10.0.0.0/8");
        assertThat(addresses.of(from("10.1.2.3", "203.0.113.5:41234"))).isEqualTo("203.0.113.5");
        assertThat(addresses.of(from("10.1.2.3", "[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.of(from("10.1.2.3", "[2001:DB8::1]"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.of(from("10.1.2.3", "::ffff:203.0.113.5"))).isEqualTo("203.0.113.5");
        // not IP literals: never resolved through DNS, never a key of their own
        for (String garbage : new String[] {"evil.example", "256.1.1.1", "010.1.1.1", "1.2.3", "unknown", "_x"}) {
            assertThat(addresses.of(from("10.1.2.3", garbage))).as(garbage).isEqualTo("10.1.2.3");
            assertThat(addresses.clientKey(from("10.1.2.3", garbage)))
                    .as(garbage)
                    .isEqualTo("10.1.2.3");
        }
        // garbage between trusted hops stops the walk too: the client cannot hide behind it
        assertThat(addresses.of(from("10.1.2.3", "203.0.113.5, bogus, 10.9.9.9")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void limitsCountIpv4PerAddressAndIpv6PerPrefix() throws Exception {
        ClientAddresses addresses = trusting("10.0.0.0/8");
        assertThat(addresses.clientKey(from("203.0.113.5", null))).isEqualTo("203.0.113.5");
        String one = addresses.clientKey(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null));
        String sibling = addresses.clientKey(from("10.0.0.1", "[2001:db8:1:2::7]:5000"));
        String otherNetwork = addresses.clientKey(from("2001:db8:1:3::1", null));
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64").isEqualTo(sibling);
        assertThat(otherNetwork).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        // audit keeps the full address
        assertThat(addresses.of(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null)))
                .isEqualTo("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    }

    @Test
    void theIpv6PrefixLengthIsConfigurable() throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("bulwark.web.ipv6-prefix-length", "48");
        WebProperties properties = Binder.get(environment).bindOrCreate("bulwark.web", WebProperties.class);
        var constructor = ClientAddresses.class.getDeclaredConstructor(WebProperties.class);
        constructor.setAccessible(true);
        ClientAddresses addresses = constructor.newInstance(properties);
        assertThat(addresses.clientKey(from("2001:db8:1:2::1", null))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
    }
}
