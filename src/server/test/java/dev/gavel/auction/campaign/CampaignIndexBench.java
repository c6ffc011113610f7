package dev.gavel.auction.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * Rough microbenchmark, run by hand (not a test): match time per imp over 10,000 random campaigns.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.gavel.auction.campaign.CampaignIndexBench
 * </pre>
 */
public final class CampaignIndexBench {

  private static final int CAMPAIGNS = 10_000;
  private static final int SLOTS = 10_000;
  private static final int WARMUP_ROUNDS = 20;
  private static final int MEASURED = 200_000;

  private CampaignIndexBench() {}

  public static void main(String[] args) {
    RandomCampaigns random = new RandomCampaigns(42L);
    List<Campaign> campaigns = random.campaigns(CAMPAIGNS);
    BudgetSnapshot spend = random.spend(campaigns);
    long buildStart = System.nanoTime();
    CampaignIndex index = CampaignIndex.of(campaigns);
    long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
    AdSlot[] slots = new AdSlot[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = random.slot();
    }

    long sink = 0;
    for (int round = 0; round < WARMUP_ROUNDS; round++) {
      for (AdSlot slot : slots) {
        sink += index.match(slot, spend).size();
      }
    }
    long[] nanos = new long[MEASURED];
    long candidates = 0;
    for (int i = 0; i < MEASURED; i++) {
      AdSlot slot = slots[i % SLOTS];
      long start = System.nanoTime();
      int found = index.match(slot, spend).size();
      nanos[i] = System.nanoTime() - start;
      candidates += found;
    }
    Arrays.sort(nanos);
    System.out.printf("campaigns=%d build=%dms matches=%d avgCandidates=%.1f%n",
        CAMPAIGNS, buildMillis, MEASURED, (double) candidates / MEASURED);
    System.out.printf("median=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus (sink %d)%n",
        micros(nanos, 0.50), micros(nanos, 0.99), micros(nanos, 0.999),
        nanos[MEASURED - 1] / 1000.0, sink);
  }

  private static double micros(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * sorted.length))] / 1000.0;
  }
}
