package in.pravesh.platform.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private static final List<ClientAddresses.Cidr> PROXIES =
      ClientAddresses.parse("10.0.0.0/8, 192.168.1.7, fd00::/8");

  @Test
  void withoutTrustedProxiesTheConnectionIsTheClient() {
    assertThat(ClientAddresses.resolve("203.0.113.9", "1.2.3.4", List.of()))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void forwardedForIsIgnoredFromAnUntrustedConnection() {
    assertThat(ClientAddresses.resolve("203.0.113.9", "1.2.3.4", PROXIES)).isEqualTo("203.0.113.9");
  }

  @Test
  void behindTrustedProxiesTheRightmostUntrustedEntryIsTheClient() {
    assertThat(
            ClientAddresses.resolve(
                "10.1.2.3", "6.6.6.6, 198.51.100.20, 192.168.1.7, 10.9.9.9", PROXIES))
        .isEqualTo("198.51.100.20");
  }

  @Test
  void ipv6ProxiesAreMatchedByPrefix() {
    assertThat(ClientAddresses.resolve("fd12::1", "2001:db8::5", PROXIES)).isEqualTo("2001:db8::5");
  }

  @Test
  void garbageInForwardedForIsNeverLookedUpAndNeverTrusted() {
    assertThat(ClientAddresses.resolve("10.1.2.3", "evil.example.com", PROXIES))
        .isEqualTo("evil.example.com");
    assertThat(new ClientAddresses.Cidr(new byte[] {10, 0, 0, 0}, 8).contains("evil.example.com"))
        .isFalse();
  }

  @Test
  void ratesAreCountedPerIpv6SlashSixtyFourAndPerIpv4Address() {
    assertThat(ClientAddresses.rateKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(ClientAddresses.rateKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
        .isEqualTo("2001:db8:1:2::/64")
        .isNotEqualTo(ClientAddresses.rateKey("2001:db8:1:3::1"));
    assertThat(ClientAddresses.rateKey("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddresses.rateKey("203.0.113.9")).isEqualTo("203.0.113.9");
  }
}
