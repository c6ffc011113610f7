package dev.gavel.auction.campaign;

import static dev.gavel.auction.campaign.Fixtures.campaign;
import static dev.gavel.auction.campaign.Fixtures.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flights and even pacing, decided at a time the test sets (no wall clock). */
class DeliveryTest {
  private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
  private static final long HOUR = 3_600_000L;

  private static long at(long offsetMillis) {
    return DAY.toEpochMilli() + offsetMillis;
  }

  @Test
  void outsideItsFlightACampaignDoesNotBid() {
    Delivery flight = new Delivery(DAY.plusSeconds(3600), DAY.plusSeconds(7200), Delivery.Pacing.ASAP);
    CampaignIndex index = CampaignIndex.of(List.of(campaign("c").delivery(flight).build()));
    AdSlot s = slot().build();
    assertThat(index.match(s, BudgetSnapshot.EMPTY, at(HOUR - 1))).isEmpty();
    assertThat(index.explain(s, BudgetSnapshot.EMPTY, at(HOUR - 1)).filtered(FilterReason.FLIGHT)).isEqualTo(1);
    assertThat(index.match(s, BudgetSnapshot.EMPTY, at(HOUR))).hasSize(1); // starts inclusive
    assertThat(index.match(s, BudgetSnapshot.EMPTY, at(2 * HOUR))).isEmpty(); // ends exclusive
  }

  @Test
  void evenPacingBidsOnlyAtOrBelowTheIdealCurveOfTheDay() {
    Delivery even = new Delivery(null, null, Delivery.Pacing.EVEN);
    assertThat(even.onPace(24_000_000, 6_000_000, at(6 * HOUR))).isTrue(); // a quarter of the day: 6.00 of 24.00
    assertThat(even.onPace(24_000_000, 6_000_001, at(6 * HOUR))).isFalse();
    // A flight starting at noon spreads the day's budget over the afternoon.
    Delivery afternoon = new Delivery(DAY.plusSeconds(12 * 3600), null, Delivery.Pacing.EVEN);
    assertThat(afternoon.onPace(24_000_000, 12_000_000, at(18 * HOUR))).isTrue();
    assertThat(afternoon.onPace(24_000_000, 12_000_001, at(18 * HOUR))).isFalse();
    assertThat(new Delivery(null, null, Delivery.Pacing.ASAP).onPace(24_000_000, 23_000_000, at(HOUR))).isTrue();
  }

  /**
   * A simulated day: an auction every 10 s that the campaign wins whenever it bids, each win
   * costing 0.01 USD and reaching the spend it is paced on 30 s later (billing's lag). With a
   * 24.00 USD daily budget even pacing must deliver each hour within 5% of 1.00 USD and the day
   * within 5% of the budget, where ASAP would spend it all in its first seven hours.
   */
  @Test
  void aSimulatedDayIsDeliveredEvenlyHourByHour() {
    long daily = 24_000_000;
    long winMicros = 10_000;
    CampaignIndex index = CampaignIndex.of(List.of(campaign("even").budgets(daily, 1_000_000_000)
        .delivery(new Delivery(null, null, Delivery.Pacing.EVEN)).build()));
    AdSlot s = slot().build();
    long[] hourly = new long[24];
    long seen = 0;
    Deque<long[]> unbilled = new ArrayDeque<>(); // {visibleAtMillis, micros}
    for (long t = 0; t < 24 * HOUR; t += 10_000) {
      while (!unbilled.isEmpty() && unbilled.peekFirst()[0] <= t) {
        seen += unbilled.pollFirst()[1];
      }
      if (!index.match(s, BudgetSnapshot.EMPTY.with("even", seen, seen), at(t)).isEmpty()) {
        hourly[(int) (t / HOUR)] += winMicros;
        unbilled.addLast(new long[] {t + 30_000, winMicros});
      }
    }
    long total = 0;
    for (int h = 0; h < 24; h++) {
      assertThat(hourly[h]).as("hour %d", h).isBetween(950_000L, 1_050_000L);
      total += hourly[h];
    }
    assertThat(total).isBetween(22_800_000L, 24_000_000L + 50_000L);
  }

  @Test
  void theCampaignFileTakesFlightsAndPacing() throws Exception {
    String file = "{\"campaigns\": [{\"id\": \"f\", \"advertiserDomain\": \"a.example\", \"bidCpm\": \"2.00\", \"dailyBudget\": \"10\","
        + " \"totalBudget\": \"100\", \"startsAt\": \"2026-12-01T00:00:00Z\", \"endsAt\": \"2026-12-08T00:00:00+01:00\", \"pacing\": \"even\","
        + " \"creative\": {\"id\": \"cr\", \"type\": \"banner\", \"size\": \"300x250\", \"markup\": \"<div/>\", \"clickThroughUrl\": \"https://a.example/\"}}]}";
    Campaign c = new CampaignLoader().parse(file.getBytes(StandardCharsets.UTF_8)).get(0);
    assertThat(c.delivery().startsAt()).isEqualTo(DAY);
    assertThat(c.delivery().endsAt()).isEqualTo(Instant.parse("2026-12-07T23:00:00Z"));
    assertThat(c.delivery().pacing()).isEqualTo(Delivery.Pacing.EVEN);
    assertThatThrownBy(() -> new CampaignLoader().parse(file.replace("even", "steady").getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("pacing");
    assertThatThrownBy(() -> new CampaignLoader().parse(file.replace("2026-12-08T00:00:00+01:00", "2026-11-01T00:00:00Z")
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("endsAt must be after startsAt");
  }
}
