package dev.gavel.auction;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers Gavel mints: random, so no coordination is needed between instances or nodes. */
public final class Ids {
  private Ids() {}

  /** 64 random bits in hex: unique enough within one auction, cheap on the hot path. */
  public static String bidId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }
}
