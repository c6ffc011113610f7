package dev.gavel.auction.campaign;

/**
 * What each campaign has spent, as billing last reported it. Passed in per match so that the
 * campaign index stays immutable while spend changes; unknown campaigns have spent nothing.
 */
public interface BudgetView {

  long spentTodayMicros(String campaignId);

  long spentTotalMicros(String campaignId);

  /**
   * False while nothing is known of spend (no read of billing has worked since start and no local
   * snapshot was kept): house campaigns then do not bid, because any bid could overspend.
   */
  default boolean known() {
    return true;
  }
}
