package dev.gavel.auction.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cap's window slides with the clock the caller passes; each bid counts once; the counts stay bounded. */
class FrequencyCountsTest {
  private static final Delivery.FrequencyCap TWO_A_MINUTE = new Delivery.FrequencyCap(2, 60);

  @Test
  void theWindowSlides() {
    FrequencyCounts counts = new FrequencyCounts(100);
    counts.count("b1", "c", "u", 0);
    assertThat(counts.reached("c", TWO_A_MINUTE, "u", 1_000)).isFalse();
    counts.count("b2", "c", "u", 30_000);
    assertThat(counts.reached("c", TWO_A_MINUTE, "u", 30_000)).isTrue();
    assertThat(counts.reached("c", TWO_A_MINUTE, "other-user", 30_000)).isFalse();
    assertThat(counts.reached("other-campaign", TWO_A_MINUTE, "u", 30_000)).isFalse();
    assertThat(counts.reached("c", TWO_A_MINUTE, "u", 59_999)).isTrue();
    assertThat(counts.reached("c", TWO_A_MINUTE, "u", 60_001)).as("the first impression left the window").isFalse();
  }

  @Test
  void aBidCountsOnceWhetherItsWinOrItsBillingComesFirst() {
    FrequencyCounts counts = new FrequencyCounts(100);
    counts.count("b1", "c", "u", 0); // the win, on this node
    counts.count("b1", "c", "u", 500); // billing reports it
    assertThat(counts.reached("c", TWO_A_MINUTE, "u", 1_000)).isFalse();
  }

  @Test
  void theLeastRecentlySeenAreForgottenBeyondTheBound() {
    FrequencyCounts counts = new FrequencyCounts(1_000);
    for (int i = 0; i < 1_500; i++) {
      counts.count("b" + i, "c", "u" + i, 0);
    }
    assertThat(counts.size()).isEqualTo(1_000);
    assertThat(counts.evictions()).isEqualTo(500);
  }
}
