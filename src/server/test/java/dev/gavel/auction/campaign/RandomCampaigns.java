package dev.gavel.auction.campaign;

import dev.gavel.events.Spend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/** Seeded generator of campaigns, slots and spend drawn from shared pools, so they overlap. */
public final class RandomCampaigns {

  private static final List<Size> BANNER_SIZES = List.of(new Size(300, 250), new Size(728, 90),
      new Size(320, 50), new Size(300, 600), new Size(160, 600), new Size(970, 250));
  private static final List<Size> VIDEO_SIZES = List.of(new Size(640, 480), new Size(1920, 1080));
  private static final List<String> COUNTRIES =
      List.of("USA", "CAN", "GBR", "DEU", "FRA", "ESP", "ITA", "NLD", "AUS", "JPN", "BRA", "MEX");

  private final Random random;

  public RandomCampaigns(long seed) {
    this.random = new Random(seed);
  }

  public List<Campaign> campaigns(int count) {
    List<Campaign> campaigns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      campaigns.add(campaign("c" + i));
    }
    return campaigns;
  }

  /** Spend that exhausts about one campaign in ten, and leaves others just below their budget. */
  public BudgetSnapshot spend(List<Campaign> campaigns) {
    Map<String, Spend> spend = new HashMap<>();
    for (Campaign c : campaigns) {
      int roll = random.nextInt(20);
      if (roll == 0) {
        spend.put(c.id(), new Spend(c.dailyBudgetMicros(), 0));
      } else if (roll == 1) {
        spend.put(c.id(), new Spend(0, c.totalBudgetMicros()));
      } else if (roll == 2) {
        spend.put(c.id(), new Spend(c.dailyBudgetMicros() - 1, c.totalBudgetMicros() - 1));
      }
    }
    return BudgetSnapshot.of(spend);
  }

  public AdSlot slot() {
    Set<MediaType> types = new LinkedHashSet<>();
    if (random.nextInt(10) < 8) types.add(MediaType.BANNER);
    if (random.nextInt(10) < 3) types.add(MediaType.VIDEO);
    if (random.nextInt(10) < 2) types.add(MediaType.NATIVE);
    if (random.nextInt(10) < 1) types.add(MediaType.AUDIO);
    boolean app = random.nextInt(10) < 3;
    boolean deals = random.nextInt(5) == 0;
    return new AdSlot("1", types, new ArrayList<>(some(1, 3, () -> pick(BANNER_SIZES))),
        random.nextBoolean() ? null : pick(VIDEO_SIZES),
        app ? null : site(), app ? bundle() : null,
        random.nextInt(10) == 0 ? null : pick(COUNTRIES),
        random.nextInt(10) == 0 ? null : 1 + random.nextInt(7),
        deals ? some(1, 3, this::deal) : Set.of(), deals && random.nextBoolean(),
        some(0, 5, this::adomain), some(0, 3, this::category));
  }

  private Campaign campaign(String id) {
    int typeRoll = random.nextInt(20);
    MediaType type = typeRoll < 14 ? MediaType.BANNER
        : typeRoll < 17 ? MediaType.VIDEO : typeRoll < 19 ? MediaType.NATIVE : MediaType.AUDIO;
    Creative creative = creative(type);
    Set<Size> sizes = Set.of();
    if (!creative.hasFixedSize() && type == MediaType.BANNER && random.nextBoolean()) {
      sizes = some(1, 3, () -> pick(BANNER_SIZES));
    }
    int inventory = random.nextInt(20);
    Set<String> sites = inventory >= 8 && inventory < 14 || inventory >= 17 ? some(1, 5, this::site) : Set.of();
    Set<String> apps = inventory >= 14 ? some(1, 5, this::bundle) : Set.of();
    Targeting targeting = new Targeting(random.nextBoolean() ? Set.of() : Set.of(type), sizes,
        sites, apps, maybe(() -> pick(COUNTRIES)), maybe(() -> 1 + random.nextInt(7)));
    boolean hasDeals = random.nextInt(10) == 0;
    long daily = (1 + random.nextInt(1000)) * 1_000_000L;
    return new Campaign(id, adomain(), (1 + random.nextInt(15_000)) * 1_000L, daily,
        daily * (1 + random.nextInt(30)), new ArrayList<>(some(1, 2, this::category)), targeting,
        creative, hasDeals ? some(1, 2, this::deal) : Set.of(), !hasDeals || random.nextBoolean(), Delivery.ALWAYS);
  }

  private Creative creative(MediaType type) {
    boolean fluid = type == MediaType.NATIVE || type == MediaType.AUDIO || random.nextInt(10) == 0;
    if (fluid) {
      return new Creative("cr", type, 0, 0, "<ad/>", "https://example.com/");
    }
    Size size = type == MediaType.VIDEO ? pick(VIDEO_SIZES) : pick(BANNER_SIZES);
    return Creative.sized("cr", type, size, "<ad/>", "https://example.com/");
  }

  private String site() {
    return "site" + random.nextInt(300) + ".example";
  }

  private String bundle() {
    return "com.example.app" + random.nextInt(150);
  }

  private String adomain() {
    return "brand" + random.nextInt(400) + ".example";
  }

  private String deal() {
    return "deal-" + random.nextInt(25);
  }

  private String category() {
    int tier1 = 1 + random.nextInt(26);
    return random.nextBoolean() ? "IAB" + tier1 : "IAB" + tier1 + "-" + (1 + random.nextInt(10));
  }

  /** Empty (any) half of the time, else one to four values. */
  private <T> Set<T> maybe(Supplier<T> value) {
    return random.nextBoolean() ? Set.of() : some(1, 4, value);
  }

  private <T> Set<T> some(int min, int max, Supplier<T> value) {
    int count = min + random.nextInt(max - min + 1);
    Set<T> values = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      values.add(value.get());
    }
    return values;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
