package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestOriginTest {
    private final RequestOrigin behindProxies = new RequestOrigin(List.of("10.0.0.0/8", "2001:db8::/32", "127.0.0.1"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
        MutableHttpRequest<?> request = from("10.1.2.3").header("X-Forwarded-For", "198.51.100.1")
                .header("X-Forwarded-Proto", "https");

        assertThat(RequestOrigin.direct().clientAddress(request)).isEqualTo(address("10.1.2.3"));
        assertThat(RequestOrigin.direct().isSecure(request)).isFalse();
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.clientAddress(from("10.0.0.5").header("X-Forwarded-For", "198.51.100.1")))
                .isEqualTo(address("198.51.100.1"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5")
                .header("X-Forwarded-For", "6.6.6.6, 198.51.100.1, 10.0.0.9")))
                .isEqualTo(address("198.51.100.1"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5")
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "198.51.100.1")))
                .isEqualTo(address("198.51.100.1"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5")
                .header("X-Forwarded-For", "[2001:db9::1]")))
                .isEqualTo(address("2001:db9::1"));
    }

    @Test
    void onlyProxiesAreTrustedNotTheAddressesTheyForward() {
        assertThat(behindProxies.clientAddress(from("198.51.100.7").header("X-Forwarded-For", "10.0.0.1")))
                .isEqualTo(address("198.51.100.7"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5").header("X-Forwarded-For", "10.0.0.6, 10.0.0.7")))
                .as("a chain of proxies only: the farthest one").isEqualTo(address("10.0.0.6"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5")))
                .as("no header: the proxy itself").isEqualTo(address("10.0.0.5"));
    }

    @Test
    void somethingThatIsNotAnAddressStopsTheWalkAndIsNeverLookedUp() {
        assertThat(behindProxies.clientAddress(from("10.0.0.5")
                .header("X-Forwarded-For", "198.51.100.1, example.com")))
                .isEqualTo(address("10.0.0.5"));
        assertThat(behindProxies.clientAddress(from("10.0.0.5").header("X-Forwarded-For", "unknown, 10.0.0.8")))
                .isEqualTo(address("10.0.0.8"));
        assertThat(RequestOrigin.literal("localhost")).isNull();
        assertThat(RequestOrigin.literal("1.2.3.4.5")).isNull();
    }

    @Test
    void httpsCountsOnlyAsTheTrustedProxyReportsIt() {
        assertThat(behindProxies.isSecure(from("10.0.0.5").header("X-Forwarded-Proto", "https"))).isTrue();
        assertThat(behindProxies.isSecure(from("10.0.0.5").header("X-Forwarded-Proto", "HTTPS"))).isTrue();
        assertThat(behindProxies.isSecure(from("10.0.0.5").header("X-Forwarded-Proto", "https, http"))).isFalse();
        assertThat(behindProxies.isSecure(from("10.0.0.5"))).isFalse();
        assertThat(behindProxies.isSecure(from("198.51.100.1").header("X-Forwarded-Proto", "https"))).isFalse();
    }

    @Test
    void aBadSettingIsAClearErrorAtStart() {
        assertThatThrownBy(() -> new RequestOrigin(List.of("proxy.example.com")))
                .hasMessageContaining("'proxy.example.com' is not an IP address or CIDR range");
        assertThatThrownBy(() -> new RequestOrigin(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
        assertThat(new RequestOrigin(List.of("", " ")).clientAddress(from("10.0.0.5").header("X-Forwarded-For", "1.1.1.1")))
                .isEqualTo(address("10.0.0.5"));
    }

    private static MutableHttpRequest<?> from(String peer) {
        return new SimpleHttpRequest<>(io.micronaut.http.HttpMethod.GET, "/", null) {
            @Override
            public InetSocketAddress getRemoteAddress() {
                return new InetSocketAddress(address(peer), 40000);
            }
        };
    }

    private static InetAddress address(String literal) {
        return RequestOrigin.literal(literal);
    }

}
