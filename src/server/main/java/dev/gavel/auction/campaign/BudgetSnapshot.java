package dev.gavel.auction.campaign;

import dev.gavel.events.Spend;
import java.util.HashMap;
import java.util.Map;

/** An immutable map-backed {@link BudgetView}; billing publishes a new one as spend moves. */
public final class BudgetSnapshot implements BudgetView {

  /** Known: nothing spent yet. */
  public static final BudgetSnapshot EMPTY = new BudgetSnapshot(Map.of(), true);
  /** Not known at all: house campaigns do not bid on it. */
  public static final BudgetSnapshot UNKNOWN = new BudgetSnapshot(Map.of(), false);

  private final Map<String, Spend> spendByCampaign;
  private final boolean known;

  private BudgetSnapshot(Map<String, Spend> spendByCampaign, boolean known) {
    this.spendByCampaign = spendByCampaign;
    this.known = known;
  }

  public static BudgetSnapshot of(Map<String, Spend> spendByCampaign) {
    return new BudgetSnapshot(Map.copyOf(spendByCampaign), true);
  }

  /** Every campaign's spend, as read. */
  public Map<String, Spend> spend() {
    return spendByCampaign;
  }

  @Override
  public boolean known() {
    return known;
  }

  /** A copy of this snapshot with one campaign's spend replaced. */
  public BudgetSnapshot with(String campaignId, long todayMicros, long totalMicros) {
    Map<String, Spend> copy = new HashMap<>(spendByCampaign);
    copy.put(campaignId, new Spend(todayMicros, totalMicros));
    return new BudgetSnapshot(Map.copyOf(copy), true);
  }

  @Override
  public long spentTodayMicros(String campaignId) {
    Spend spend = spendByCampaign.get(campaignId);
    return spend == null ? 0 : spend.todayMicros();
  }

  @Override
  public long spentTotalMicros(String campaignId) {
    Spend spend = spendByCampaign.get(campaignId);
    return spend == null ? 0 : spend.totalMicros();
  }

  public int size() {
    return spendByCampaign.size();
  }
}
