package dev.gavel.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrSetTest {

  @Test
  void ipv4RangesMatchTheirEdgesAndNothingOutside() {
    CidrSet set = CidrSet.of(List.of("203.0.113.0/24", "198.51.100.128/25"));
    assertThat(set.match("203.0.113.0")).contains("203.0.113.0/24");
    assertThat(set.match("203.0.113.255")).contains("203.0.113.0/24");
    assertThat(set.contains("203.0.112.255")).isFalse();
    assertThat(set.contains("203.0.114.0")).isFalse();
    assertThat(set.match("198.51.100.128")).contains("198.51.100.128/25");
    assertThat(set.contains("198.51.100.127")).isFalse();
  }

  @Test
  void ipv6RangesMatchIncludingCompressedAndFullForms() {
    CidrSet set = CidrSet.of(List.of("2001:db8::/32", "2a00:1450:4001:0800::/56"));
    assertThat(set.match("2001:db8::1")).contains("2001:db8::/32");
    assertThat(set.contains("2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
    assertThat(set.contains("2001:db9::")).isFalse();
    assertThat(set.contains("2a00:1450:4001:8ff:1::")).isTrue();
    assertThat(set.contains("2a00:1450:4001:900::")).isFalse();
    assertThat(set.contains("203.0.113.9")).isFalse();
  }

  @Test
  void mostSpecificRangeIsReportedAndSingleHostsAndWholeSpaceWork() {
    CidrSet set = CidrSet.of(List.of("10.0.0.0/8", "10.1.2.0/24", "192.0.2.7", "::/0"));
    assertThat(set.match("10.1.2.3")).contains("10.1.2.0/24");
    assertThat(set.match("10.9.9.9")).contains("10.0.0.0/8");
    assertThat(set.match("192.0.2.7")).contains("192.0.2.7");
    assertThat(set.contains("192.0.2.8")).isFalse();
    assertThat(set.match("fe80::1")).contains("::/0");
    assertThat(CidrSet.of(List.of("0.0.0.0/0")).contains("255.255.255.255")).isTrue();
  }

  @Test
  void ipv4MappedIpv6AddressesMatchIpv4Ranges() {
    CidrSet set = CidrSet.of(List.of("203.0.113.0/24"));
    assertThat(set.contains("::ffff:203.0.113.9")).isTrue();
    assertThat(set.contains("::ffff:cb00:7109")).isTrue();
  }

  @Test
  void textThatIsNotAnAddressMatchesNothing() {
    CidrSet set = CidrSet.of(List.of("0.0.0.0/0", "::/0"));
    for (String bad : new String[] {null, "", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ",
        "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1::", "1:2:3:4:5:6:7:", "fe80::1%eth0", "::1.2.3"}) {
      assertThat(set.contains(bad)).as(String.valueOf(bad)).isFalse();
    }
    assertThat(set.contains("1:2:3:4:5:6:1.2.3.4")).isTrue();
    assertThat(set.contains("::")).isTrue();
  }

  @Test
  void badRangesAreRejectedNamingTheEntry() {
    assertThatThrownBy(() -> CidrSet.of(List.of("203.0.113.0/33")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("203.0.113.0/33").hasMessageContaining("0-32");
    assertThatThrownBy(() -> CidrSet.of(List.of("2001:db8::/129")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-128");
    assertThatThrownBy(() -> CidrSet.of(List.of("203.0.113.9/24")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits");
    assertThatThrownBy(() -> CidrSet.of(List.of("example.com/24")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'example.com/24'");
    assertThatThrownBy(() -> CidrSet.of(List.of("10.0.0.0/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> CidrSet.of(List.of("10.0.0.0/-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length");
  }
}
