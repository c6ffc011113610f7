package dev.gavel.auction.campaign;

import java.util.List;
import java.util.Set;

/** Small builders for campaigns and slots, so each test states only what it is about. */
final class Fixtures {

  static final Size MREC = new Size(300, 250);
  static final Size LEADERBOARD = new Size(728, 90);
  static final Size MOBILE = new Size(320, 50);
  static final Size VGA = new Size(640, 480);
  static final Size HD = new Size(1920, 1080);

  private Fixtures() {}

  static Creative banner(Size size) {
    return Creative.sized("cr-" + size, MediaType.BANNER, size,
        "<a href=\"${CLICK_URL}\"><img src=\"https://cdn.example/ad.png\"></a>",
        "https://advertiser.example/landing");
  }

  static Creative video(Size size) {
    return Creative.sized("cr-video", MediaType.VIDEO, size, "<VAST version=\"4.0\"/>",
        "https://advertiser.example/landing");
  }

  static Creative fluid(MediaType type) {
    return new Creative("cr-fluid", type, 0, 0, "<div>ad</div>", "https://advertiser.example/");
  }

  /** A campaign builder with broad defaults: 300x250 banner, any targeting, 2.00 CPM. */
  static CampaignSpec campaign(String id) {
    return new CampaignSpec(id);
  }

  static final class CampaignSpec {
    private final String id;
    private String adomain = "advertiser.example";
    private long bid = 2_000_000;
    private long daily = 100_000_000;
    private long total = 1_000_000_000;
    private List<String> categories = List.of("IAB1");
    private Set<MediaType> mediaTypes = Set.of();
    private Set<Size> sizes = Set.of();
    private Set<String> sites = Set.of();
    private Set<String> apps = Set.of();
    private Set<String> countries = Set.of();
    private Set<Integer> devices = Set.of();
    private Creative creative = banner(MREC);
    private Set<String> deals = Set.of();
    private boolean openAuction = true;
    private Delivery delivery = Delivery.ALWAYS;

    private CampaignSpec(String id) {
      this.id = id;
    }

    CampaignSpec adomain(String value) { adomain = value; return this; }
    CampaignSpec budgets(long dailyMicros, long totalMicros) { daily = dailyMicros; total = totalMicros; return this; }
    CampaignSpec categories(String... values) { categories = List.of(values); return this; }
    CampaignSpec mediaTypes(MediaType... values) { mediaTypes = Set.of(values); return this; }
    CampaignSpec sizes(Size... values) { sizes = Set.of(values); return this; }
    CampaignSpec sites(String... values) { sites = Set.of(values); return this; }
    CampaignSpec apps(String... values) { apps = Set.of(values); return this; }
    CampaignSpec countries(String... values) { countries = Set.of(values); return this; }
    CampaignSpec devices(Integer... values) { devices = Set.of(values); return this; }
    CampaignSpec creative(Creative value) { creative = value; return this; }
    CampaignSpec deals(boolean open, String... ids) { deals = Set.of(ids); openAuction = open; return this; }
    CampaignSpec bid(long cpmMicros) { bid = cpmMicros; return this; }
    CampaignSpec delivery(Delivery value) { delivery = value; return this; }

    Campaign build() {
      return new Campaign(id, adomain, bid, daily, total, categories,
          new Targeting(mediaTypes, sizes, sites, apps, countries, devices), creative, deals,
          openAuction, delivery);
    }
  }

  /** A slot builder: a 300x250 banner on a US desktop site by default. */
  static SlotSpec slot() {
    return new SlotSpec();
  }

  static final class SlotSpec {
    private Set<MediaType> mediaTypes = Set.of(MediaType.BANNER);
    private List<Size> bannerSizes = List.of(MREC);
    private Size videoSize;
    private String site = "news.example";
    private String app;
    private String country = "USA";
    private Integer device = 2;
    private Set<String> deals = Set.of();
    private boolean privateAuction;
    private Set<String> blockedAdomains = Set.of();
    private Set<String> blockedCategories = Set.of();

    SlotSpec mediaTypes(MediaType... values) { mediaTypes = Set.of(values); return this; }
    SlotSpec bannerSizes(Size... values) { bannerSizes = List.of(values); return this; }
    SlotSpec videoSize(Size value) { videoSize = value; return this; }
    SlotSpec site(String value) { site = value; app = null; return this; }
    SlotSpec app(String value) { app = value; site = null; return this; }
    SlotSpec country(String value) { country = value; return this; }
    SlotSpec device(Integer value) { device = value; return this; }
    SlotSpec deals(boolean privateOnly, String... ids) { deals = Set.of(ids); privateAuction = privateOnly; return this; }
    SlotSpec blockedAdomains(String... values) { blockedAdomains = Set.of(values); return this; }
    SlotSpec blockedCategories(String... values) { blockedCategories = Set.of(values); return this; }

    AdSlot build() {
      return new AdSlot("1", mediaTypes, bannerSizes, videoSize, site, app, country, device, deals,
          privateAuction, blockedAdomains, blockedCategories);
    }
  }
}
