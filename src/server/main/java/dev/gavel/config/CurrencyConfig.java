package dev.gavel.config;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conversion rates as units of each currency per one US dollar, read as exact decimals. USD is
 * always supported and is the currency campaigns are priced in. Configured rates are merged over
 * the default table, as a config file is merged over conf/gavel.yaml. {@code source}, a file or
 * an http(s) URL in Prebid's currency-file format, is read at start and every
 * {@code refreshSeconds}; its rates win over the table while they are at most
 * {@code maxAgeSeconds} old. Past that the table serves the currencies it has and the others are
 * refused (see {@code money.CurrencyRates}).
 */
public record CurrencyConfig(Map<String, BigDecimal> ratesPerUsd, String source, int refreshSeconds, int maxAgeSeconds) {

  /** The configured table alone (no feed). */
  public CurrencyConfig(Map<String, BigDecimal> ratesPerUsd) {
    this(ratesPerUsd, "", 3600, 86_400);
  }

  private static final Map<String, BigDecimal> DEFAULT_RATES = Map.of(
      "EUR", new BigDecimal("0.92"), "GBP", new BigDecimal("0.79"), "CAD", new BigDecimal("1.37"), "JPY", new BigDecimal("151.20"));

  static CurrencyConfig from(ConfigReader r) {
    Map<String, BigDecimal> rates = new TreeMap<>(DEFAULT_RATES);
    rates.put("USD", BigDecimal.ONE);
    ConfigReader rateReader = r.section("ratesPerUsd");
    for (String code : r.rawSection("ratesPerUsd").fieldNames()) {
      String key = rateReader.key(code);
      if (!isIso4217(code)) {
        throw new ConfigException(key + ": '" + code + "' is not an ISO 4217 currency code");
      }
      BigDecimal rate = rateReader.decimal(code);
      if (rate.signum() <= 0) {
        throw new ConfigException(key + ": the rate must be positive, got " + rate);
      }
      if (code.equals("USD") && rate.compareTo(BigDecimal.ONE) != 0) {
        throw new ConfigException(key + ": USD is the base currency, its rate is 1");
      }
      rates.put(code, rate);
    }
    return new CurrencyConfig(Map.copyOf(rates), r.optionalString("source"), r.intValue("refreshSeconds", 3600, 10, 86_400),
        r.intValue("maxAgeSeconds", 86_400, 60, 30 * 86_400));
  }

  /** Three upper-case letters that name an ISO 4217 currency. */
  public static boolean isIso4217(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
