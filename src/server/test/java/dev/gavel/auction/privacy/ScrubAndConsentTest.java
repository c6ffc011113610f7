package dev.gavel.auction.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces under the enforcement: IP masking, and what a TCF string allows whom. */
class ScrubAndConsentTest {
  @Test
  void ipv4IsMaskedToA24AndWhatIsNotAnAddressIsDropped() {
    assertThat(Scrub.maskIpv4("198.51.100.243")).isEqualTo("198.51.100.0");
    assertThat(Scrub.maskIpv4("198.51.100")).isNull();
    assertThat(Scrub.maskIpv4("198.51.100.999")).isNull();
    assertThat(Scrub.maskIpv4("example.com")).isNull();
  }

  @Test
  void ipv6IsMaskedToA56AndNamesAreNeverResolved() {
    assertThat(Scrub.maskIpv6("2001:db8:abcd:12ff::1")).isEqualTo("2001:db8:abcd:1200:0:0:0:0");
    assertThat(Scrub.maskIpv6("localhost")).isNull();
    assertThat(Scrub.maskIpv6("::ffff:192.0.2.1")).isNull(); // an IPv4 address in disguise: not a /56
  }

  @Test
  void aPublisherRestrictionTakesPurpose2AwayFromOneVendorOnly() {
    TcfConsent tcf = TcfConsent.decode(ConsentStrings.tcfRestricted(List.of(2), List.of(10, 11), 2, 10));
    assertThat(tcf.allows(10, 2, true)).isFalse();
    assertThat(tcf.allows(11, 2, true)).isTrue();
  }

  @Test
  void purpose4NeedsConsentALegitimateInterestDoesNotDo() {
    TcfConsent tcf = TcfConsent.decode(ConsentStrings.tcf(List.of(2), List.of(), List.of(2, 4), List.of(10), false));
    assertThat(tcf.allows(10, 2, true)).isTrue();
    assertThat(tcf.allows(10, 4, false)).isFalse();
    assertThat(tcf.preciseGeolocation()).isFalse();
  }

  @Test
  void aStringThatIsNotTcfV2IsRefusedWithAReason() {
    assertThatThrownBy(() -> TcfConsent.decode("%%%")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("undecodable");
  }
}
