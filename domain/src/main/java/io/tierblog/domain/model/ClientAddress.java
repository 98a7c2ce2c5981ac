package io.tierblog.domain.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a log-in attempt came from, as the web tier established it (the connection's peer, or
 * what a trusted proxy reported). An IPv6 client is known by its /64 network, because one
 * subscriber usually holds a whole /64 and could otherwise hop between addresses at will.
 */
public record ClientAddress(String value) {
    /** For attempts whose origin could not be told; they share one allowance. */
    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    public ClientAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a client address is not blank");
        }
    }

    /** The address of {@code address}, IPv6 cut to its /64 network; {@link #UNKNOWN} for null. */
    public static ClientAddress of(InetAddress address) {
        if (address == null) {
            return UNKNOWN;
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder network = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                int value = ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
                network.append(Integer.toHexString(value)).append(':');
            }
            return new ClientAddress(network.append(":/64").toString());
        }
        return new ClientAddress(address.getHostAddress());
    }

    @Override
    public String toString() {
        return value;
    }
}
