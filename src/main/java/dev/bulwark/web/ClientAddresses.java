package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client's IP address: the socket's peer, unless that peer is a trusted proxy ({@code bulwark.web.trusted-proxies},
 * CIDR), in which case the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone
 * else's {@code X-Forwarded-For} is ignored, so a client cannot pick the address its rate limit is counted under.
 * Forwarded hops are normalised (port and brackets stripped); one that is not an IP literal means the peer is used.
 */
@Component
public class ClientAddresses {

    // IP literals only: InetAddress would otherwise resolve a host name through DNS.
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](?::\\d{1,5})?");

    private final List<IpAddressMatcher> trusted;
    private final int ipv6PrefixLength;

    ClientAddresses(WebProperties properties) {
        this.trusted =
                properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
        this.ipv6PrefixLength = properties.ipv6PrefixLength();
    }

    /** The client's address as audit records show it. */
    public String of(HttpServletRequest request) {
        InetAddress client = client(request);
        return client == null ? request.getRemoteAddr() : client.getHostAddress();
    }

    /**
     * The client as per-client limits count it: an IPv4 address, or the IPv6 network of {@code
     * bulwark.web.ipv6-prefix-length} bits (default 64) the address lies in, since one subscriber commonly holds a
     * whole /64 and could otherwise pick among 2^64 keys.
     */
    public String clientKey(HttpServletRequest request) {
        InetAddress client = client(request);
        if (!(client instanceof Inet6Address)) {
            return client == null ? request.getRemoteAddr() : client.getHostAddress();
        }
        byte[] bytes = client.getAddress();
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return parse(bytes).getHostAddress() + "/" + ipv6PrefixLength;
    }

    private @Nullable InetAddress client(HttpServletRequest request) {
        InetAddress peer = literal(request.getRemoteAddr());
        if (peer == null || trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i]);
            if (hop == null) {
                return peer; // garbage where a trusted proxy should have written an address
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** An IP literal with any port and brackets removed, or null when the text is not one. */
    static @Nullable InetAddress literal(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String hop = text.strip();
        var bracketed = BRACKETED.matcher(hop);
        var withPort = IPV4_WITH_PORT.matcher(hop);
        if (bracketed.matches()) {
            hop = bracketed.group(1);
        } else if (withPort.matches()) {
            hop = withPort.group(1);
        }
        boolean v4 = IPV4.matcher(hop).matches();
        if (!v4 && !(hop.contains(":") && IPV6.matcher(hop).matches())) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(hop);
            return address;
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    private static InetAddress parse(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(matcher -> matcher.matches(address.getHostAddress()));
    }
}
