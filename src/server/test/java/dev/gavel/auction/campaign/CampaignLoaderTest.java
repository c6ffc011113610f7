package dev.gavel.auction.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.money.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignLoaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CampaignLoader loader = new CampaignLoader();

  private static ObjectNode base() throws IOException {
    return (ObjectNode) JSON.readTree("""
        { "id": "c1", "advertiserDomain": "www.AcmeShoes.com",
          "bidCpm": "2.50", "dailyBudget": "500.00", "totalBudget": 12000,
          "categories": ["IAB18"],
          "targeting": { "sizes": ["300x250"], "countries": ["usa"], "deviceTypes": [2, 4] },
          "creative": { "id": "cr1", "type": "banner", "size": "300x250",
                        "clickThroughUrl": "https://acmeshoes.com/",
                        "markup": "<a href=\\"${CLICK_URL}\\">ad</a>" } }
        """);
  }

  private List<Campaign> parse(ObjectNode... campaigns) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("campaigns").addAll(List.of(campaigns));
    return loader.parse(root.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void assertRejected(ObjectNode campaign, String... messageParts) {
    assertThatThrownBy(() -> parse(campaign)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void shippedCampaignFileParses() throws IOException {
    List<Campaign> campaigns = loader.parse(Files.readAllBytes(Path.of("conf/campaigns.json")));

    assertThat(campaigns).hasSizeGreaterThanOrEqualTo(24);
    assertThat(campaigns.stream().map(Campaign::id).collect(Collectors.toSet())).hasSize(campaigns.size());
    assertThat(campaigns).allSatisfy(c ->
        assertThat(c.creative().markup()).contains(Creative.CLICK_URL_MACRO));
    assertThat(campaigns).extracting(Campaign::mediaType)
        .contains(MediaType.BANNER, MediaType.VIDEO, MediaType.AUDIO, MediaType.NATIVE);
    Campaign acme = campaigns.get(0);
    assertThat(acme.id()).isEqualTo("acme-spring-run-mrec");
    assertThat(acme.bidCpmMicros()).isEqualTo(2_500_000L);
    assertThat(acme.dailyBudgetMicros()).isEqualTo(500_000_000L);
    assertThat(acme.creative().size()).isEqualTo(new Size(300, 250));
  }

  @Test
  void shippedCampaignsBidOnATypicalRequest() throws IOException {
    CampaignIndex index = CampaignIndex.of(
        loader.parse(Files.readAllBytes(Path.of("conf/campaigns.json"))));
    AdSlot usDesktopNews = new AdSlot("1", Set.of(MediaType.BANNER),
        List.of(new Size(300, 250), new Size(728, 90)), null, "www.dailyledger-news.com", null,
        "USA", 2, Set.of(), false, Set.of(), Set.of());

    assertThat(index.match(usDesktopNews, BudgetSnapshot.EMPTY))
        .extracting(c -> c.campaign().id())
        .contains("acme-spring-run-mrec", "acme-spring-run-leaderboard", "northgate-morning-mrec")
        .doesNotContain("fieldhouse-playoffs-billboard", "ridgecrest-suv-ctv");
  }

  @Test
  void readsMoneyExactlyAndNormalisesTargeting() throws IOException {
    ObjectNode json = base();
    json.put("bidCpm", "0.000001");
    json.put("dailyBudget", new java.math.BigDecimal("0.1"));
    Campaign c = parse(json).get(0);

    assertThat(c.bidCpmMicros()).isEqualTo(1L);
    assertThat(c.dailyBudgetMicros()).isEqualTo(100_000L);
    assertThat(c.totalBudgetMicros()).isEqualTo(12_000_000_000L);
    assertThat(c.advertiserDomain()).isEqualTo("acmeshoes.com");
    assertThat(c.targeting().countries()).containsExactly("USA");
    assertThat(c.targeting().deviceTypes()).containsExactlyInAnyOrder(2, 4);
    assertThat(c.openAuction()).isTrue();
    assertThat(c.dealIds()).isEmpty();
  }

  @Test
  void markupMayBeGivenAsLines() throws IOException {
    ObjectNode json = base();
    ((ObjectNode) json.get("creative")).putArray("markup").add("<VAST version=\"4.0\">").add("</VAST>");

    assertThat(parse(json).get(0).creative().markup()).isEqualTo("<VAST version=\"4.0\">\n</VAST>");
  }

  @Test
  void rejectsBadMoneyNamingTheCampaignAndField() throws IOException {
    ObjectNode tooPrecise = base();
    tooPrecise.put("bidCpm", "1.0000001");
    assertRejected(tooPrecise, "campaigns[0] (id \"c1\")", "bidCpm", "more than 6 decimals");
    ObjectNode negative = base();
    negative.put("dailyBudget", "-5");
    assertRejected(negative, "dailyBudget", "must not be negative");
    ObjectNode zeroBid = base();
    zeroBid.put("bidCpm", 0);
    assertRejected(zeroBid, "bidCpm", "greater than 0");
    ObjectNode text = base();
    text.put("totalBudget", "lots");
    assertRejected(text, "totalBudget", "decimal amount");
    ObjectNode missing = base();
    missing.remove("dailyBudget");
    assertRejected(missing, "dailyBudget", "is required");
  }

  @Test
  void rejectsDuplicateIds() throws IOException {
    assertThatThrownBy(() -> parse(base(), base())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("campaigns[1]: id: duplicate campaign id \"c1\"");
  }

  @Test
  void rejectsUnknownFieldsButAllowsComments() throws IOException {
    ObjectNode typo = base();
    typo.put("dailyBudjet", "1.00");
    assertRejected(typo, "campaigns[0] (id \"c1\"): dailyBudjet: unknown field");
    ObjectNode nestedTypo = base();
    ((ObjectNode) nestedTypo.get("targeting")).put("country", "USA");
    assertRejected(nestedTypo, "targeting.country: unknown field");
    ObjectNode commented = base();
    commented.put("_comment", "spring push");
    assertThat(parse(commented)).hasSize(1);
  }

  @Test
  void rejectsBadTargetingAndCreativeNamingTheField() throws IOException {
    ObjectNode country = base();
    ((ObjectNode) country.get("targeting")).putArray("countries").add("US");
    assertRejected(country, "targeting.countries[0]", "alpha-3", "'US'");
    ObjectNode device = base();
    ((ObjectNode) device.get("targeting")).putArray("deviceTypes").add("phone");
    assertRejected(device, "targeting.deviceTypes[0]", "must be an integer");
    ObjectNode size = base();
    ((ObjectNode) size.get("creative")).put("size", "300by250");
    assertRejected(size, "creative.size", "300x250");
    ObjectNode type = base();
    ((ObjectNode) type.get("creative")).put("type", "popup");
    assertRejected(type, "creative.type", "unknown media type 'popup'");
    ObjectNode noCreative = base();
    noCreative.remove("creative");
    assertRejected(noCreative, "campaigns[0] (id \"c1\"): creative: is required");
    ObjectNode mismatch = base();
    ((ObjectNode) mismatch.get("targeting")).putArray("sizes").add("728x90");
    assertRejected(mismatch, "campaigns[0] (id \"c1\")", "exclude the creative's 300x250");
  }

  @Test
  void rejectsMalformedFiles() {
    assertThatThrownBy(() -> loader.parse("{\"campaigns\": [".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> loader.parse("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"campaigns\" array");
  }

  @Test
  void usdMicrosRoundTrips() {
    assertThat(Money.exactMicros(new java.math.BigDecimal("1.50"))).isEqualTo(1_500_000L);
    assertThat(Money.format(1_500_000L)).isEqualTo("1.50");
    assertThat(Money.format(125L)).isEqualTo("0.000125");
    assertThat(Money.format(15_000_000L)).isEqualTo("15.00");
  }
}
