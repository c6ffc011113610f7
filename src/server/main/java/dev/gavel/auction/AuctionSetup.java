package dev.gavel.auction;

import dev.gavel.auction.admission.Admissions;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.auction.supply.SupplyChain;
import dev.gavel.config.AuctionConfig;
import dev.gavel.config.BidderClientConfig;
import dev.gavel.config.BidderConfig;
import dev.gavel.money.CurrencyRates;
import dev.gavel.openrtb.OpenRtbJson;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every auction instance shares, built once at start-up; all of it is immutable or
 * thread-safe. Budgets are a supplier because billing replaces the view as spend comes in.
 * {@code bidders} are the enabled external bidders; {@code maxBodyBytes} bounds a request body
 * (gzip inflated); {@code tracking} issues the signed win, impression and click URLs of each
 * winner; {@code bidderSlots} holds each external bidder's concurrency budget across event loops;
 * {@code admissions} every event loop's admission control, for metrics and readiness;
 * {@code supplyChain} adds Gavel's node to what bidders are sent.
 */
public record AuctionSetup(
    AuctionConfig auction,
    BidderClientConfig bidderClient,
    List<BidderConfig> bidders,
    int maxBodyBytes,
    Supplier<CampaignIndex> campaigns,
    Supplier<BudgetView> budgets,
    SpendHolds holds,
    FrequencyCounts frequency,
    CurrencyRates rates,
    AuctionMetrics metrics,
    OpenRtbJson json,
    WinnerTracking tracking,
    BidderSlots bidderSlots,
    Admissions admissions,
    WarmUpGate warmUp,
    SupplyChain supplyChain) {

  public AuctionSetup {
    bidders = bidders.stream().filter(BidderConfig::enabled).toList();
  }
}
