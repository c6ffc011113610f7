package dev.gavel.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final ClientAddress BEHIND_LB = new ClientAddress(CidrSet.of(List.of("10.0.0.0/8", "127.0.0.1")));

  @Test
  void withNoTrustedProxyTheHeaderIsIgnored() {
    ClientAddress none = new ClientAddress(CidrSet.of(List.of()));
    assertThat(none.resolve("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
  }

  @Test
  void aClientThatIsNotATrustedProxyCannotChooseItsAddress() {
    // Straight to Gavel, not through the load balancer: whatever it writes is not believed.
    assertThat(BEHIND_LB.resolve("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
  }

  @Test
  void throughTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
    // A client's own forged entry sits left of what the proxies appended: it is never reached.
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("192.0.2.66, 203.0.113.7, 10.0.0.5"))).isEqualTo("203.0.113.7");
    // Several headers count as one list, in order.
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("192.0.2.66", "203.0.113.7", "10.0.0.5"))).isEqualTo("203.0.113.7");
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8::1");
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("203.0.113.7:51234"))).isEqualTo("203.0.113.7");
  }

  @Test
  void garbageOrOnlyProxiesLeaveTheNearestVouchedAddress() {
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("not-an-ip, 10.0.0.5"))).isEqualTo("10.0.0.5");
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("10.0.0.7"))).isEqualTo("10.0.0.7");
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of("evil.example"))).isEqualTo("10.0.0.2");
    assertThat(BEHIND_LB.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
  }
}
