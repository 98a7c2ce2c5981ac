package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who sent a request and whether it came over HTTPS, believing forwarding headers only from the
 * proxies named in {@code tierblog.web.trusted-proxies} ({@code TIERBLOG_TRUSTED_PROXIES}:
 * addresses or CIDR ranges, comma-separated; none by default).
 *
 * <p>The client is the connection's peer, unless the peer is a trusted proxy: then the
 * {@code X-Forwarded-For} chain is read from the right, skipping trusted proxies, and the first
 * address that is not one is the client. Whatever a client writes into the header itself sits to
 * the left of what its proxy appended, so it is never taken. {@code X-Forwarded-Proto} counts
 * only from a trusted peer, whose own (right-most) value is taken.
 */
@Singleton
final class RequestOrigin {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<IpSubnetFilterRule> trustedProxies;

    @Inject
    RequestOrigin(@Value("${tierblog.web.trusted-proxies:}") List<String> trustedProxies) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (entry != null && !entry.isBlank()) {
                rules.add(rule(entry.trim()));
            }
        }
        this.trustedProxies = List.copyOf(rules);
    }

    /** Believes no forwarding header at all. */
    static RequestOrigin direct() {
        return new RequestOrigin(List.of());
    }

    /** The client's address; null only when the connection's peer is unknown. */
    @Nullable
    InetAddress clientAddress(HttpRequest<?> request) {
        InetAddress peer = peer(request);
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> hops = headerValues(request, FORWARDED_FOR);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // Not an address: whoever wrote it is not a proxy we trust, so stop at the last good hop.
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** True when the request came over TLS to this server, or a trusted proxy says it reached it over HTTPS. */
    boolean isSecure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        InetAddress peer = peer(request);
        if (peer == null || !trusted(peer)) {
            return false;
        }
        List<String> protocols = headerValues(request, FORWARDED_PROTO);
        return !protocols.isEmpty() && protocols.get(protocols.size() - 1).toLowerCase(Locale.ROOT).equals("https");
    }

    private boolean trusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trustedProxies) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    private static InetAddress peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** Every comma-separated value of every header with that name, in order, trimmed. */
    private static List<String> headerValues(HttpRequest<?> request, String name) {
        List<String> values = new ArrayList<>();
        for (String header : request.getHeaders().getAll(name)) {
            for (String value : header.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    /** An IP address written as a literal (never looked up in DNS); null for anything else. */
    @Nullable
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("tierblog.web.trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR range");
        }
        int fullLength = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? fullLength : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException notANumber) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > fullLength) {
            throw new IllegalArgumentException("tierblog.web.trusted-proxies: '" + entry
                    + "' has a prefix length outside 0.." + fullLength);
        }
        return new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT);
    }
}
