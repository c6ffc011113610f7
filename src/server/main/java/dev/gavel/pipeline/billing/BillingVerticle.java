package dev.gavel.pipeline.billing;

import dev.gavel.config.CurrencyConfig;
import dev.gavel.events.Event;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import dev.gavel.money.CurrencyRates;
import dev.gavel.pipeline.kafka.ConsumerLoop;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
  protected Future<Void> handle(List<ConsumerLoop.Delivered> batch) {
    List<Event> events = events(batch);
    List<Tuple> charges = new ArrayList<>();
    List<Tuple> verdicts = new ArrayList<>();
    Set<String> subjects = new LinkedHashSet<>();
    for (Event event : events) {
      if (event instanceof TrackingEvent t && t.billable()) {
        charges.add(charge(t));
        subjects.add(t.eventId());
      } else if (event instanceof FraudVerdict v && TrackingEvent.IMPRESSION.equals(v.subjectKind())) {
        verdicts.add(Tuple.of(v.subjectEventId(), v.eventId(), v.ruleId()));
        subjects.add(v.subjectEventId());
      }
    }
    if (subjects.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> credits = subjects.stream().sorted().map(Tuple::of).toList();
    return pool().withTransaction(conn -> executeBatch(conn, LedgerSql.LOCK_SUBJECT, credits)
        .compose(v -> executeBatch(conn, LedgerSql.RECORD_VERDICT, verdicts))
        .compose(v -> executeBatch(conn, LedgerSql.CHARGE, charges))
        .compose(v -> executeBatch(conn, LedgerSql.CREDIT, credits)));
  }

  private Tuple charge(TrackingEvent t) {
    OffsetDateTime hour = OffsetDateTime.ofInstant(Instant.ofEpochMilli(t.receivedAtMs()), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    long usd;
    if (rates.supports(t.currency())) {
      usd = rates.convert(t.priceMicros(), t.currency(), CurrencyRates.USD, RoundingMode.HALF_EVEN);
    } else {
      LOG.error("impression {} is in {}, which has no configured rate: its USD spend counts as 0", t.eventId(), t.currency());
      usd = 0;
    }
    return Tuple.tuple().addString(t.tokenId()).addString(t.auctionId()).addString(t.eventId()).addString(t.campaignId())
        .addString(t.seat()).addOffsetDateTime(hour).addLong(t.priceMicros()).addString(t.currency()).addLong(usd);
  }
}
