package dev.gavel.auction.campaign;

import java.util.HashMap;
import java.util.Map;

/** An immutable map-backed {@link BudgetView}; billing publishes a new one as spend moves. */
public final class BudgetSnapshot implements BudgetView {

  public static final BudgetSnapshot EMPTY = new BudgetSnapshot(Map.of());

  /** Spend of one campaign, in micros of USD. */
  public record Spend(long todayMicros, long totalMicros) {}

  private final Map<String, Spend> spendByCampaign;

  private BudgetSnapshot(Map<String, Spend> spendByCampaign) {
    this.spendByCampaign = spendByCampaign;
  }

  public static BudgetSnapshot of(Map<String, Spend> spendByCampaign) {
    return new BudgetSnapshot(Map.copyOf(spendByCampaign));
  }

  /** A copy of this snapshot with one campaign's spend replaced. */
  public BudgetSnapshot with(String campaignId, long todayMicros, long totalMicros) {
    Map<String, Spend> copy = new HashMap<>(spendByCampaign);
    copy.put(campaignId, new Spend(todayMicros, totalMicros));
    return new BudgetSnapshot(Map.copyOf(copy));
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
