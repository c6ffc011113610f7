package dev.gavel.auction.campaign;

import java.time.Instant;

/**
 * When a campaign delivers: inside its flight ({@code startsAt} inclusive to {@code endsAt}
 * exclusive, either open when null) and, with {@link Pacing#EVEN}, only while today's spend is at
 * or below the ideal curve: the daily budget spread evenly over the part of the UTC day the flight
 * covers (a flight that starts at noon spreads it over the afternoon); and, with a frequency cap,
 * at most {@code impressions} per user in any {@code perSeconds} ({@link FrequencyCounts}).
 */
public record Delivery(Instant startsAt, Instant endsAt, Pacing pacing, FrequencyCap frequencyCap) {
  public enum Pacing { ASAP, EVEN }

  /** At most {@code impressions} to one user in any {@code perSeconds}. */
  public record FrequencyCap(int impressions, long perSeconds) {
    /** The most impressions a cap may allow: each counted user keeps one timestamp per impression. */
    public static final int MAX_IMPRESSIONS = 64;

    public FrequencyCap {
      if (impressions < 1 || impressions > MAX_IMPRESSIONS) {
        throw new IllegalArgumentException("frequencyCap.impressions: expected 1 to " + MAX_IMPRESSIONS + ", got " + impressions);
      }
      if (perSeconds < 1 || perSeconds > 31L * 86_400) {
        throw new IllegalArgumentException("frequencyCap.perSeconds: expected 1 to 2678400 (31 days), got " + perSeconds);
      }
    }
  }

  private static final long DAY_MILLIS = 86_400_000L;
  public static final Delivery ALWAYS = new Delivery(null, null, Pacing.ASAP, null);

  public Delivery(Instant startsAt, Instant endsAt, Pacing pacing) {
    this(startsAt, endsAt, pacing, null);
  }

  public Delivery {
    if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("endsAt must be after startsAt");
    }
    pacing = pacing == null ? Pacing.ASAP : pacing;
  }

  public boolean inFlight(long nowMillis) {
    return (startsAt == null || nowMillis >= startsAt.toEpochMilli()) && (endsAt == null || nowMillis < endsAt.toEpochMilli());
  }

  /**
   * Whether a campaign with this daily budget that spent {@code spentToday} may still bid now: ASAP
   * always (the budget check is elsewhere), EVEN while at or below the ideal curve.
   */
  public boolean onPace(long dailyBudgetMicros, long spentTodayMicros, long nowMillis) {
    if (pacing == Pacing.ASAP) {
      return true;
    }
    long dayStart = nowMillis - Math.floorMod(nowMillis, DAY_MILLIS);
    long from = startsAt == null ? dayStart : Math.max(dayStart, startsAt.toEpochMilli());
    long to = endsAt == null ? dayStart + DAY_MILLIS : Math.min(dayStart + DAY_MILLIS, endsAt.toEpochMilli());
    if (to <= from) {
      return true;
    }
    double share = Math.min(1.0, Math.max(0.0, (double) (nowMillis - from) / (to - from)));
    return spentTodayMicros <= (long) (dailyBudgetMicros * share);
  }
}
