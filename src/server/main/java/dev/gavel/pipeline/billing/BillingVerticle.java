package dev.gavel.pipeline.billing;

import dev.gavel.config.CurrencyConfig;
import dev.gavel.events.Event;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.Spend;
import dev.gavel.events.SpendUpdate;
import dev.gavel.events.TrackingEvent;
import dev.gavel.money.CurrencyRates;
import dev.gavel.pipeline.kafka.ConsumerLoop;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend per campaign and seat per hour, from billable impressions, in exact CPM micros. Each
 * impression is charged once even when redelivered or fired twice (the charge's key is the
 * token); a fraud verdict on a charged impression becomes a compensating credit, never an edit.
 * One transaction per Kafka batch; offsets are committed after it.
 */
public final class BillingVerticle extends ConsumerVerticleBase {
  public static final String ROLE = "billing";
  private static final Logger LOG = LoggerFactory.getLogger(BillingVerticle.class);

  private final CurrencyRates rates;

  public BillingVerticle(Deps deps, CurrencyConfig currencies) {
    this(deps, currencies, deps.kafka().group(ROLE));
  }

  /** With another consumer group: it re-reads the topics from the start (tests of redelivery use it). */
  public BillingVerticle(Deps deps, CurrencyConfig currencies, String group) {
    super(deps, group);
    this.rates = new CurrencyRates(currencies);
  }

  @Override
  protected Set<String> topics() {
    return Set.of(deps.kafka().topics().tracking(), deps.kafka().topics().verdicts());
  }

  @Override
  protected List<String> publishes() {
    return List.of(deps.kafka().topics().deadLetter(), deps.kafka().topics().spend());
  }

  @Override
  protected Future<Void> handle(List<ConsumerLoop.Delivered> batch) {
    List<Tuple> charges = new ArrayList<>();
    List<Tuple> verdicts = new ArrayList<>();
    Set<String> subjects = new TreeSet<>(); // sorted: the order the locks are taken in
    Map<String, List<SpendUpdate.Billed>> billedBids = new HashMap<>(); // per campaign charged: the impressions it now includes
    for (Event event : events(batch)) {
      if (event instanceof TrackingEvent t && t.billable()) {
        charges.add(charge(t));
        subjects.add(t.eventId());
        if (t.campaignId() != null) {
          billedBids.computeIfAbsent(t.campaignId(), k -> new ArrayList<>())
              .add(new SpendUpdate.Billed(t.bidId(), t.frequencyKey(), t.receivedAtMs()));
        }
      } else if (event instanceof FraudVerdict v && TrackingEvent.IMPRESSION.equals(v.subjectKind())) {
        verdicts.add(Tuple.of(v.subjectEventId(), v.eventId(), v.ruleId()));
        subjects.add(v.subjectEventId());
      }
    }
    if (subjects.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple subjectIds = Tuple.of((Object) subjects.toArray(String[]::new));
    Tuple campaigns = Tuple.of((Object) billedBids.keySet().toArray(String[]::new));
    return pool().withTransaction(conn -> conn.preparedQuery(LedgerSql.LOCK_SUBJECTS).execute(subjectIds)
        .compose(v -> insertAll(conn, LedgerSql.RECORD_VERDICTS, verdicts, LedgerSql.VERDICT_COLUMNS))
        .compose(v -> insertAll(conn, LedgerSql.CHARGE, charges, LedgerSql.CHARGE_COLUMNS))
        .compose(v -> conn.preparedQuery(LedgerSql.CREDIT).execute(subjectIds))
        .compose(v -> billedBids.isEmpty() ? Future.succeededFuture(Map.<String, Spend>of())
            : conn.preparedQuery(LedgerSql.SPEND_OF_CAMPAIGNS).execute(campaigns).map(CampaignSpend::of)))
        .onSuccess(spend -> publish(spend, billedBids))
        .mapEmpty();
  }

  /**
   * Tells the serving nodes what this committed batch spent, per campaign, as of the commit. Not
   * awaited: a lost update only leaves them on the one-second read of billing ({@link BudgetFeed}).
   */
  private void publish(Map<String, Spend> spend, Map<String, List<SpendUpdate.Billed>> billedBids) {
    for (Map.Entry<String, List<SpendUpdate.Billed>> e : billedBids.entrySet()) {
      Spend s = spend.get(e.getKey());
      if (s == null) {
        continue;
      }
      byte[] value = new SpendUpdate(e.getKey(), s, List.copyOf(e.getValue())).toJson();
      producer().send(new ProducerRecord<>(deps.kafka().topics().spend(), e.getKey().getBytes(StandardCharsets.UTF_8), value))
          .onFailure(x -> LOG.debug("spend update for {} not sent: {}", e.getKey(), x.toString()));
    }
  }

  /** One charge: a row of {@link LedgerSql#CHARGE}'s columns. */
  private Tuple charge(TrackingEvent t) {
    OffsetDateTime hour = OffsetDateTime.ofInstant(Instant.ofEpochMilli(t.receivedAtMs()), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    return Tuple.tuple().addString(t.tokenId()).addString(t.auctionId()).addString(t.eventId()).addString(t.campaignId())
        .addString(t.seat()).addOffsetDateTime(hour).addLong(t.priceMicros()).addString(t.currency()).addLong(usdMicros(t));
  }

  private long usdMicros(TrackingEvent t) {
    if (rates.supports(t.currency())) {
      return rates.convert(t.priceMicros(), t.currency(), CurrencyRates.USD, RoundingMode.HALF_EVEN);
    }
    LOG.error("impression {} is in {}, which has no configured rate: its USD spend counts as 0", t.eventId(), t.currency());
    return 0;
  }
}
