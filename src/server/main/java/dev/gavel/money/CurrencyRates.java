package dev.gavel.money;

import dev.gavel.config.CurrencyConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact conversion between the configured currencies. Rates are units per US dollar; the
 * conversion multiplies by the rate ratio in BigDecimal and rounds once, in the direction the
 * caller names (floors round up so Gavel never bids under a floor; bids round down so a
 * campaign never pays more than its price). Rates come from the configured table and, when
 * {@code currency.source} is set, from the feed ({@link RateFeed}), whose rates win while fresh;
 * stale, the table serves what it has and a currency only the feed knew is refused.
 */
public final class CurrencyRates {
  public static final String USD = "USD";
  private final Map<String, BigDecimal> table;
  private final Clock clock;
  private final long maxAgeMillis;
  private final LongAdder staleRefusals = new LongAdder();
  /** The latest rates from {@code currency.source} and when they came; null until the first. */
  private volatile Fetched fetched;

  private record Fetched(Map<String, BigDecimal> ratesPerUsd, long atMillis) {}

  public CurrencyRates(CurrencyConfig config) {
    this(config, Clock.systemUTC());
  }

  public CurrencyRates(CurrencyConfig config, Clock clock) {
    this.table = config.ratesPerUsd();
    this.clock = clock;
    this.maxAgeMillis = config.maxAgeSeconds() * 1000L;
  }

  /** New rates from the feed (any thread): they win over the table while at most {@code maxAgeSeconds} old. */
  public void update(Map<String, BigDecimal> ratesPerUsd) {
    fetched = new Fetched(Map.copyOf(ratesPerUsd), clock.millis());
  }

  /** How old the feed's rates are, in milliseconds; -1 before the first. */
  public long feedAgeMillis() {
    Fetched f = fetched;
    return f == null ? -1 : clock.millis() - f.atMillis();
  }

  /** Times a currency only the feed knew was refused because its rates were too old. */
  public long staleRefusals() {
    return staleRefusals.sum();
  }

  /** A code as the rates are keyed: upper case ("usd" from a sender is USD). */
  public static String canonical(String code) {
    return code == null ? null : code.toUpperCase(java.util.Locale.ROOT);
  }

  public boolean supports(String code) {
    return code != null && rateOrNull(canonical(code)) != null;
  }

  /** The first of the request's allowed currencies that Gavel can bid in; USD when none is named. */
  public String choose(List<String> allowed) {
    if (allowed == null || allowed.isEmpty()) {
      return USD;
    }
    for (String code : allowed) {
      if (supports(code)) {
        return canonical(code);
      }
    }
    return null;
  }

  public long convert(long micros, String from, String to, RoundingMode rounding) {
    if (from.equalsIgnoreCase(to)) {
      return micros;
    }
    // One division, last: a pre-computed ratio would carry its own rounding into the result.
    return BigDecimal.valueOf(micros).multiply(rate(to)).divide(rate(from), 0, rounding).longValueExact();
  }

  private BigDecimal rate(String code) {
    BigDecimal rate = rateOrNull(canonical(code));
    if (rate == null) {
      throw new IllegalArgumentException("unsupported currency " + code);
    }
    return rate;
  }

  /** The feed's rate while fresh, else the table's; null when neither may be used. */
  private BigDecimal rateOrNull(String code) {
    Fetched f = fetched;
    BigDecimal fromFeed = f == null ? null : f.ratesPerUsd().get(code);
    if (fromFeed != null) {
      if (clock.millis() - f.atMillis() <= maxAgeMillis) {
        return fromFeed;
      }
      BigDecimal fallback = table.get(code);
      if (fallback == null) {
        staleRefusals.increment();
      }
      return fallback;
    }
    return table.get(code);
  }
}
