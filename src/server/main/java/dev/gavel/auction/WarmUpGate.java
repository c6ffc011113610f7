package dev.gavel.auction;

import dev.gavel.config.BidderConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Tells the start-up warm-up's own auctions from the public's, and whether the JVM is warm yet.
 * A warm-up auction carries a header with a secret minted per process, bypasses admission (it is
 * what makes the JVM fast enough to admit anything) and calls only the loopback bidder, never a
 * real partner. Until {@link #markWarm()} the public's auctions are shed ({@code warming}).
 */
public final class WarmUpGate {
  public static final String HEADER = "x-gavel-warm-up";
  /** With {@link #HEADER}: answer this warm-up auction as a shed one, so that path is compiled too. */
  public static final String SHED_HEADER = "x-gavel-warm-up-shed";

  private final byte[] secret;
  private volatile boolean warm;
  private volatile List<BidderConfig> bidders = List.of();

  public WarmUpGate() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  /** A gate that is open from the start: no warm-up runs. */
  public static WarmUpGate alreadyWarm() {
    WarmUpGate gate = new WarmUpGate();
    gate.markWarm();
    return gate;
  }

  public String secret() {
    return new String(secret, StandardCharsets.US_ASCII);
  }

  boolean isWarmUp(String headerValue) {
    return headerValue != null
        && MessageDigest.isEqual(secret, headerValue.getBytes(StandardCharsets.US_ASCII));
  }

  /** The bidders the warm-up's auctions call: the loopback bidder. */
  public void useBidders(List<BidderConfig> loopback) {
    this.bidders = List.copyOf(loopback);
  }

  List<BidderConfig> bidders() {
    return bidders;
  }

  public void markWarm() {
    warm = true;
  }

  public boolean warm() {
    return warm;
  }
}
