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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    List<TrackingEvent> charged = new ArrayList<>();
    List<FraudVerdict> verdicts = new ArrayList<>();
    Set<String> subjects = new TreeSet<>(); // sorted: the order the locks are taken in
    for (Event event : events(batch)) {
      if (event instanceof TrackingEvent t && t.billable()) {
        charged.add(t);
        subjects.add(t.eventId());
      } else if (event instanceof FraudVerdict v && TrackingEvent.IMPRESSION.equals(v.subjectKind())) {
        verdicts.add(v);
        subjects.add(v.subjectEventId());
      }
    }
    if (subjects.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple subjectIds = Tuple.of((Object) subjects.toArray(String[]::new));
    return pool().withTransaction(conn -> execute(conn, LedgerSql.LOCK_SUBJECTS, subjectIds, true)
        .compose(v -> execute(conn, LedgerSql.RECORD_VERDICTS, verdictColumns(verdicts), !verdicts.isEmpty()))
        .compose(v -> execute(conn, LedgerSql.CHARGE, chargeColumns(charged), !charged.isEmpty()))
        .compose(v -> execute(conn, LedgerSql.CREDIT, subjectIds, true)));
  }

  private static Future<Void> execute(io.vertx.sqlclient.SqlConnection conn, String sql, Tuple columns, boolean needed) {
    return needed ? conn.preparedQuery(sql).execute(columns).mapEmpty() : Future.succeededFuture();
  }

  private static Tuple verdictColumns(List<FraudVerdict> verdicts) {
    int n = verdicts.size();
    String[] subject = new String[n];
    String[] id = new String[n];
    String[] rule = new String[n];
    for (int i = 0; i < n; i++) {
      FraudVerdict v = verdicts.get(i);
      subject[i] = v.subjectEventId();
      id[i] = v.eventId();
      rule[i] = v.ruleId();
    }
    return Tuple.of(subject, id, rule);
  }

  /** The charges as one array per column of {@link LedgerSql#CHARGE}. */
  private Tuple chargeColumns(List<TrackingEvent> charged) {
    int n = charged.size();
    String[] token = new String[n];
    String[] auction = new String[n];
    String[] event = new String[n];
    String[] campaign = new String[n];
    String[] seat = new String[n];
    OffsetDateTime[] hour = new OffsetDateTime[n];
    Long[] cpm = new Long[n];
    String[] currency = new String[n];
    Long[] usd = new Long[n];
    for (int i = 0; i < n; i++) {
      TrackingEvent t = charged.get(i);
      token[i] = t.tokenId();
      auction[i] = t.auctionId();
      event[i] = t.eventId();
      campaign[i] = t.campaignId();
      seat[i] = t.seat();
      hour[i] = OffsetDateTime.ofInstant(Instant.ofEpochMilli(t.receivedAtMs()), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
      cpm[i] = t.priceMicros();
      currency[i] = t.currency();
      usd[i] = usdMicros(t);
    }
    return Tuple.tuple().addValue(token).addValue(auction).addValue(event).addValue(campaign).addValue(seat).addValue(hour)
        .addValue(cpm).addValue(currency).addValue(usd);
  }

  private long usdMicros(TrackingEvent t) {
    if (rates.supports(t.currency())) {
      return rates.convert(t.priceMicros(), t.currency(), CurrencyRates.USD, RoundingMode.HALF_EVEN);
    }
    LOG.error("impression {} is in {}, which has no configured rate: its USD spend counts as 0", t.eventId(), t.currency());
    return 0;
  }
}
