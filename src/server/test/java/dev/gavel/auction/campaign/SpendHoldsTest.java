package dev.gavel.auction.campaign;

import static dev.gavel.auction.campaign.Fixtures.campaign;
import static dev.gavel.auction.campaign.Fixtures.slot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.Spend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Spend in flight counts as spent: a campaign near the end of its budget stops on what it has out,
 * not on billing's lag.
 */
class SpendHoldsTest {
  private static final long TTL_MS = 60_000;
  /** 2.00 CPM: 2,000 micros an impression; a budget of three impressions. */
  private static final Campaign THREE = campaign("three").bid(2_000_000).budgets(6_000, 1_000_000).build();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final SpendHolds holds = new SpendHolds(TTL_MS, clock::get);
  private final CampaignIndex index = CampaignIndex.of(List.of(THREE));

  private boolean bids(BudgetView billed) {
    return !index.match(slot().build(), holds.over(billed), clock.get()).isEmpty();
  }

  private static BudgetView billed(long micros) {
    return BudgetSnapshot.of(Map.of("three", new Spend(micros, micros)));
  }

  @Test
  void heldBidsAndUnbilledWinsCountAgainstTheBudget() {
    assertThat(SpendHolds.impressionMicros(THREE)).isEqualTo(2_000);
    holds.hold("three", 2_000); // an auction open
    holds.hold("three", 2_000); // another
    assertThat(bids(BudgetSnapshot.EMPTY)).isTrue();
    holds.hold("three", 2_000);
    assertThat(bids(BudgetSnapshot.EMPTY)).as("three impressions in flight fill the budget").isFalse();

    holds.release("three", 2_000); // the third lost
    holds.won("bid-1", "three", 2_000); // the first two won, not billed yet
    holds.won("bid-2", "three", 2_000);
    assertThat(holds.heldMicros("three")).isEqualTo(4_000);
    assertThat(bids(BudgetSnapshot.EMPTY)).isTrue();
    // Billing reports bid-1 with the spend that includes it: the hold moves into billed spend.
    holds.billed("bid-1");
    assertThat(holds.heldMicros("three")).isEqualTo(2_000);
    assertThat(bids(billed(2_000))).as("2,000 billed + 2,000 held of 6,000").isTrue();
    holds.hold("three", 2_000);
    assertThat(bids(billed(2_000))).isFalse();
    holds.release("three", 2_000);
    holds.billed("bid-1"); // reported twice: released once
    assertThat(holds.heldMicros("three")).isEqualTo(2_000);
  }

  @Test
  void aWinNeverBilledLetsItsHoldGoAfterTheTimeToLive() {
    holds.hold("three", 6_000);
    holds.won("never-rendered", "three", 6_000);
    assertThat(bids(BudgetSnapshot.EMPTY)).isFalse();
    clock.addAndGet(TTL_MS - 1);
    assertThat(bids(BudgetSnapshot.EMPTY)).as("held for the TTL at least").isFalse();
    clock.addAndGet(TTL_MS / 4 + 1);
    assertThat(bids(BudgetSnapshot.EMPTY)).as("and at most a quarter more").isTrue();
    assertThat(holds.pendingWins()).isZero();
    holds.billed("never-rendered"); // billed after all, too late: nothing left to release
    assertThat(holds.heldMicros("three")).isZero();
  }

  @Test
  void expiryDropsOnlyTheWinsPastTheirTimeToLive() {
    holds.hold("three", 6_000); // three bids in auctions; each wins
    holds.won("early", "three", 2_000);
    clock.addAndGet(TTL_MS / 2);
    holds.expire(); // auctions go on meanwhile, each taking a view
    holds.won("late", "three", 2_000);
    holds.won("billed", "three", 2_000);
    holds.billed("billed");
    clock.addAndGet(TTL_MS * 3 / 4); // "early" is 1.25 TTL old, "late" under one TTL
    holds.expire();
    assertThat(holds.pendingWins()).isEqualTo(1);
    assertThat(holds.heldMicros("three")).isEqualTo(2_000);
    clock.addAndGet(TTL_MS / 2);
    holds.expire();
    assertThat(holds.pendingWins()).isZero();
    assertThat(holds.heldMicros("three")).isZero();
  }
}
