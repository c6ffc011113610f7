package dev.gavel.pipeline.fraud;

import static dev.gavel.pipeline.fraud.TestEvents.T0;
import static dev.gavel.pipeline.fraud.TestEvents.click;
import static dev.gavel.pipeline.fraud.TestEvents.impression;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.FraudConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBoundsTest {

  private static final int CAP = 10_000;

  @Test
  void aMillionDistinctTokensIpsAndAuctionsStayWithinTheCaps() {
    FraudLimits limits = new FraudLimits(10_000, 0, 24 * 3_600_000L, CAP, CAP, CAP, CAP, CAP, CAP);
    InvalidTrafficDetector detector = new InvalidTrafficDetector(new FraudConfig(60, 50, List.of()), limits,
        SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a0", T0);
    for (int i = 0; i < 1_000_000; i++) {
      long at = T0 + i; // a million events in 1000 s: nothing expires by time, only the caps bound the state
      detector.auctionSeen("a" + i, at);
      TestEvents event = (i % 2 == 0 ? impression("e" + i) : click("e" + i))
          .auction(i % 3 == 0 ? "ghost" + i : "a" + i).bid("b" + i).issuedAt(at).receivedAt(at)
          .ip("10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255));
      detector.inspect(event.build());
      if (i % 10_000 == 0) {
        detector.expire(at);
      }
    }
    InvalidTrafficDetector.StateSizes sizes = detector.stateSizes();
    assertThat(sizes.tokens()).isEqualTo(CAP);
    assertThat(sizes.impressions()).isEqualTo(CAP);
    assertThat(sizes.auctions()).isEqualTo(CAP);
    assertThat(sizes.ips()).isEqualTo(CAP);
    assertThat(sizes.rememberedEvents()).isEqualTo(CAP);
    assertThat(sizes.pendingAuctionChecks()).isLessThanOrEqualTo(CAP);
  }

  @Test
  void stateExpiresByEventTimeWithoutAnyCapBeingReached() {
    FraudLimits limits = new FraudLimits(10_000, 0, 3_600_000, CAP, CAP, CAP, CAP, CAP, CAP);
    InvalidTrafficDetector detector = new InvalidTrafficDetector(new FraudConfig(60, 50, List.of()), limits,
        SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a1", T0);
    for (int i = 0; i < 100; i++) {
      detector.inspect(impression("e" + i).ip("10.0.0." + i).receivedAt(T0 + i).build());
    }
    assertThat(detector.stateSizes().tokens()).isEqualTo(100);
    assertThat(detector.stateSizes().ips()).isEqualTo(100);

    detector.inspect(impression("much-later").receivedAt(T0 + 3_600_000 + 100).build());
    InvalidTrafficDetector.StateSizes sizes = detector.stateSizes();
    assertThat(sizes.tokens()).isEqualTo(1);
    assertThat(sizes.impressions()).isEqualTo(1);
    assertThat(sizes.ips()).isEqualTo(1);
    assertThat(sizes.auctions()).isZero();
    assertThat(sizes.rememberedEvents()).isEqualTo(1);
  }
}
