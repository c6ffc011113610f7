package dev.gavel.events;

/**
 * Net spend of one campaign in USD micros, today (UTC) and in total: what billing reports back to
 * the auction side, the one spend record both sides use.
 */
public record Spend(long todayMicros, long totalMicros) {}
