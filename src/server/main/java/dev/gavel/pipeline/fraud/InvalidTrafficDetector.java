package dev.gavel.pipeline.fraud;

import dev.gavel.config.FraudConfig;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import dev.gavel.net.CidrSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Streaming rules for general invalid traffic (GIVT) over one ordered stream of tracking events
 * (one Kafka partition's), plus the auctions read from the auctions topic. Pure and single-threaded:
 * no I/O, no wall clock. Time is event time: each event's {@code receivedAtMs}, and the detector's
 * clock is the latest such time seen, so the same input always gives the same verdicts.
 *
 * <p>Rules ({@link RuleIds}), each firing at most once per event:
 * {@code ivt.duplicate_token}, {@code ivt.unknown_auction} (delayed, see {@link #expire(long)}),
 * {@code ivt.expired_token}, {@code ivt.click_without_impression}, {@code ivt.bot_user_agent},
 * {@code ivt.ip_rate} and {@code ivt.datacenter_ip}.
 *
 * <p>Memory is bounded by {@link FraudLimits} (counts per detector) and by event-time expiry; rough
 * per-entry costs: token ~250 B (id plus up to 8 event ids), impression ~150 B, auction ~120 B,
 * pending check ~1 KB (the whole event, kept to build its verdict), IP ~150 B plus 8 B per event in
 * its window (at most {@code ipMaxEvents}), remembered event ~150 B. Tokens, impressions and
 * auctions live for {@code stateRetentionMs}, IP windows for {@code ipWindowSeconds}. When a cap
 * or a restart has made the detector forget, rules that rely on an absence (unknown auction, click
 * without impression) stay silent for events issued before their memory begins, rather than guess.
 *
 * <p>Redelivery: after a consumer crash, events are read again. The verdicts of the last
 * {@code maxRememberedEvents} event ids are remembered and returned as they were, without counting
 * the event twice (IP windows, token uses). Beyond that memory, the token rule still knows the
 * event ids that used each token, so an event never duplicates itself; and every verdict id is
 * derived from (event id, rule id), so a verdict produced twice is the same verdict downstream.
 */
public final class InvalidTrafficDetector {

  private final TokenUses tokenUses;
  private final ImpressionLedger impressions;
  private final PendingAuctionChecks auctions;
  private final IpRateWindows ipRates;
  private final BotUserAgents botUserAgents;
  private final CidrSet dataCenters;
  private final BoundedEventTimeMap<String, List<FraudVerdict>> verdictsByEventId;
  private final FraudConfig config;
  private final long graceMs;
  private long clockMs = Long.MIN_VALUE;
  private final Map<Integer, Long> auctionsWatermarkMs = new HashMap<>();

  /**
   * @param analyzer the process-wide Yauaa analyzer (thread-safe, slow to build): see {@link #newUserAgentAnalyzer()}
   * @throws IllegalArgumentException when a data-center range does not parse
   */
  public InvalidTrafficDetector(FraudConfig config, FraudLimits limits, UserAgentAnalyzer analyzer) {
    this.config = config;
    this.graceMs = limits.unknownAuctionGraceMs();
    this.tokenUses = new TokenUses(limits.maxTokens(), limits.stateRetentionMs());
    this.impressions = new ImpressionLedger(limits.maxImpressions(), limits.stateRetentionMs(), limits.clockSlackMs());
    this.auctions = new PendingAuctionChecks(limits);
    this.ipRates = new IpRateWindows(limits.maxIps(), config.ipWindowSeconds() * 1000L, config.ipMaxEvents());
    this.botUserAgents = new BotUserAgents(analyzer);
    this.dataCenters = CidrSet.of(config.dataCenterCidrs());
    this.verdictsByEventId = new BoundedEventTimeMap<>(limits.maxRememberedEvents(), limits.stateRetentionMs());
  }

  /** Builds the analyzer the bot rule needs (over a second): once per process, then share it. */
  public static UserAgentAnalyzer newUserAgentAnalyzer() {
    return BotUserAgents.newAnalyzer();
  }

  /**
   * Judges one tracking event, in stream order. Returns a verdict per rule that fired now; an
   * unknown-auction verdict may follow later from {@link #expire(long)}. An event id already
   * judged gets the same verdicts back, and changes no state.
   */
  public List<FraudVerdict> inspect(TrackingEvent event) {
    return inspect(event, 0);
  }

  /** As above, for an event read from this partition of the tracking topic. */
  public List<FraudVerdict> inspect(TrackingEvent event, int partition) {
    List<FraudVerdict> earlier = verdictsByEventId.get(event.eventId());
    if (earlier != null) {
      return earlier;
    }
    advanceClock(event.receivedAtMs());
    List<FraudVerdict> verdicts = new ArrayList<>(2);
    checkToken(event, verdicts);
    checkAuction(event, partition, verdicts);
    checkClick(event, verdicts);
    checkClient(event, verdicts);
    List<FraudVerdict> result = List.copyOf(verdicts);
    verdictsByEventId.put(event.eventId(), result, event.receivedAtMs());
    return result;
  }

  /** An auction read from the auctions topic: tracking events for it are no longer unknown. */
  public void auctionSeen(String auctionId, long occurredAtMs) {
    auctionSeen(auctionId, occurredAtMs, 0);
  }

  /** As above, for an auction read from this partition of the auctions topic. */
  public void auctionSeen(String auctionId, long occurredAtMs, int partition) {
    advanceClock(occurredAtMs);
    auctionsWatermarkMs.merge(partition, occurredAtMs, Math::max);
    auctions.auctionSeen(auctionId, occurredAtMs);
  }

  /**
   * Verdicts for tracking events whose auction is still unseen {@code unknownAuctionGraceMs} after
   * they were received, taking {@code nowMs} as the time of every partition (tests, one partition).
   */
  public List<FraudVerdict> expire(long nowMs) {
    return verdictsFor(auctions.expire(partition -> nowMs));
  }

  /**
   * The same, each partition judged by its own watermark: how far that partition of the auctions
   * topic has been read, in event time (its latest auction's time). Not the wall clock nor the
   * tracking events' time: after a Kafka outage the tracking topic can be read well ahead of the
   * auctions (both replayed from spools), and one auctions partition well ahead of another; a
   * check judged by any clock but its own partition's would credit back impressions whose auctions
   * simply had not been read yet. A partition with no auction read since start matures nothing (a
   * full table drops the oldest unjudged instead): never a verdict for our own lag.
   */
  public List<FraudVerdict> expireByWatermarks() {
    return verdictsFor(auctions.expire(partition -> auctionsWatermarkMs.getOrDefault(partition, Long.MIN_VALUE)));
  }

  private List<FraudVerdict> verdictsFor(List<TrackingEvent> unknown) {
    List<FraudVerdict> verdicts = new ArrayList<>();
    for (TrackingEvent event : unknown) {
      verdicts.add(Verdicts.of(event, RuleIds.UNKNOWN_AUCTION,
          "auction " + event.auctionId() + " not seen within " + graceMs + " ms of the event"));
    }
    return verdicts;
  }

  /** The latest event time seen: the clock that state expiry runs on. */
  public long clockMs() {
    return clockMs;
  }

  /** Entry counts for metrics and tests; each stays within its {@link FraudLimits} cap. */
  public StateSizes stateSizes() {
    return new StateSizes(tokenUses.size(), impressions.size(), auctions.knownSize(), auctions.pendingSize(),
        ipRates.size(), verdictsByEventId.size(), auctions.droppedChecks());
  }

  /** @param droppedAuctionChecks pending unknown-auction checks dropped unjudged because the table was full */
  public record StateSizes(int tokens, int impressions, int auctions, int pendingAuctionChecks, int ips,
                           int rememberedEvents, long droppedAuctionChecks) {}

  private void advanceClock(long atMs) {
    if (atMs <= clockMs) {
      return;
    }
    clockMs = atMs;
    tokenUses.expire(atMs);
    impressions.expire(atMs);
    auctions.expireKnown(atMs);
    ipRates.expire(atMs);
    verdictsByEventId.expire(atMs);
  }

  private void checkToken(TrackingEvent event, List<FraudVerdict> verdicts) {
    if (event.tokenId() != null) {
      int use = tokenUses.recordUse(event.tokenId(), event.eventId(), event.receivedAtMs());
      if (use > 1) {
        verdicts.add(Verdicts.of(event, RuleIds.DUPLICATE_TOKEN, "token seen " + use + " times"));
      }
    }
    if (event.receivedAtMs() > event.expiresAtMs()) {
      verdicts.add(Verdicts.of(event, RuleIds.EXPIRED_TOKEN,
          "received " + (event.receivedAtMs() - event.expiresAtMs()) + " ms after the token expired"));
    }
  }

  private void checkAuction(TrackingEvent event, int partition, List<FraudVerdict> verdicts) {
    if (event.auctionId() == null || event.auctionId().isBlank()) {
      verdicts.add(Verdicts.of(event, RuleIds.UNKNOWN_AUCTION, "event names no auction"));
      return;
    }
    auctions.check(event, partition);
  }

  private void checkClick(TrackingEvent event, List<FraudVerdict> verdicts) {
    impressions.observed(event);
    if (TrackingEvent.IMPRESSION.equals(event.kind())) {
      impressions.recordImpression(event);
    } else if (TrackingEvent.CLICK.equals(event.kind())
        && impressions.check(event) == ImpressionLedger.ClickCheck.NO_IMPRESSION) {
      verdicts.add(Verdicts.of(event, RuleIds.CLICK_WITHOUT_IMPRESSION,
          "no impression of imp " + event.impId() + ", bid " + event.bidId() + " before the click"));
    }
  }

  private void checkClient(TrackingEvent event, List<FraudVerdict> verdicts) {
    botUserAgents.botEvidence(event.userAgent())
        .ifPresent(evidence -> verdicts.add(Verdicts.of(event, RuleIds.BOT_USER_AGENT, evidence)));
    String ip = event.ip();
    if (ip == null || ip.isBlank()) {
      return;
    }
    if (ipRates.recordAndCheck(ip, event.receivedAtMs())) {
      verdicts.add(Verdicts.of(event, RuleIds.IP_RATE, "more than " + config.ipMaxEvents() + " events from " + ip
          + " in " + config.ipWindowSeconds() + " s (limit " + config.ipMaxEvents() + ")"));
    }
    Optional<String> range = dataCenters.match(ip);
    range.ifPresent(r -> verdicts.add(Verdicts.of(event, RuleIds.DATACENTER_IP, ip + " in " + r)));
  }
}
