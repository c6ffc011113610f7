package dev.gavel.auction.campaign;

/**
 * What each campaign has spent, as billing last reported it. Passed in per match so that the
 * campaign index stays immutable while spend changes; unknown campaigns have spent nothing.
 */
public interface BudgetView {

  long spentTodayMicros(String campaignId);

  long spentTotalMicros(String campaignId);
}
