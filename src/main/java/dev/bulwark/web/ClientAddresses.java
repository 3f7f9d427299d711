package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client's IP address: the socket's peer, unless that peer is a trusted proxy ({@code bulwark.web.trusted-proxies},
 * CIDR), in which case the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone
 * else's {@code X-Forwarded-For} is ignored, so a client cannot pick the address its rate limit is counted under.
 */
@Component
public class ClientAddresses {

    private final List<IpAddressMatcher> trusted;

    ClientAddresses(WebProperties properties) {
        this.trusted =
                properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop.length() > 45 ? peer : hop; // longer than any IPv6 text: not an address
            }
        }
        return peer;
    }

    /**
     * The key per-client limits count under: the client's address, but an IPv6 address grouped by its /64 (one
     * subscriber usually holds a whole /64, so counting per address would give one attacker 2^64 keys).
     */
    public String clientKey(HttpServletRequest request) {
        String address = of(request);
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            return java.net.InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (java.net.UnknownHostException notAnAddress) { // a literal with a colon is never looked up
            return address;
        }
    }

    private boolean isTrusted(String address) {
        try {
            return trusted.stream().anyMatch(matcher -> matcher.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }
}
