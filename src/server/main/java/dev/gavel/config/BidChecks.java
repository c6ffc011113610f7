package dev.gavel.config;

import java.util.Locale;

/**
 * Per bidder, what Gavel does with a bid that fails a creative check: {@code ENFORCE} refuses it
 * (it never competes), {@code WARN} lets it compete and records the finding, {@code OFF} skips
 * the check. {@code secureMarkup}: a bid for a {@code secure: 1} imp whose markup loads an
 * {@code http://} resource. {@code bannerSize}: a banner bid whose {@code w}x{@code h} is none of
 * the imp's sizes.
 */
public record BidChecks(Mode secureMarkup, Mode bannerSize) {
  public enum Mode { ENFORCE, WARN, OFF }

  public static final BidChecks ENFORCED = new BidChecks(Mode.ENFORCE, Mode.ENFORCE);

  static BidChecks from(ConfigReader r) {
    return new BidChecks(mode(r, "secureMarkup"), mode(r, "bannerSize"));
  }

  private static Mode mode(ConfigReader r, String name) {
    String text = r.string(name, "enforce");
    try {
      return Mode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.key(name) + ": expected enforce, warn or off, got '" + text + "'");
    }
  }
}
