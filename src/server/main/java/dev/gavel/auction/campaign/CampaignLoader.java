package dev.gavel.auction.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the campaign file (conf/campaigns.json). Pure: it parses bytes that the caller has read
 * off the event loop. The format is meant for ad ops people:
 *
 * <pre>
 * { "campaigns": [ {
 *     "id": "acme-shoes-spring-mrec", "advertiserDomain": "acmeshoes.com",
 *     "bidCpm": "2.50", "dailyBudget": "500.00", "totalBudget": "12000.00",
 *     "categories": ["IAB18"], "deals": [], "openAuction": true,
 *     "targeting": { "mediaTypes": ["banner"], "sizes": ["300x250"], "siteDomains": [],
 *                    "appBundles": [], "countries": ["USA"], "deviceTypes": [2, 4, 5] },
 *     "creative": { "id": "acme-mrec-01", "type": "banner", "size": "300x250",
 *                   "clickThroughUrl": "https://acmeshoes.com/spring",
 *                   "markup": "&lt;a href=\"${CLICK_URL}\"&gt;...&lt;/a&gt;" } } ] }
 * </pre>
 *
 * Money is in USD, as a decimal string or number with at most 6 decimals. Absent lists mean
 * "any" (targeting) or "none" (categories, deals); "openAuction" defaults to true; a creative
 * without "size" is fluid; "markup" may be an array of lines. "startsAt" and "endsAt" (ISO 8601
 * with an offset) bound its flight, "pacing" is "asap" (default) or "even", and "frequencyCap"
 * ({"impressions": N, "perSeconds": S}) caps what one user sees ({@link Delivery}). Keys starting with "_" are
 * comments; any other unknown key is an error, so typos do not go unnoticed.
 */
public final class CampaignLoader {

  private static final Set<String> CAMPAIGN_FIELDS = Set.of("id", "advertiserDomain", "bidCpm",
      "dailyBudget", "totalBudget", "categories", "deals", "openAuction", "targeting", "creative", "startsAt", "endsAt", "pacing",
      "frequencyCap");
  private static final Set<String> TARGETING_FIELDS = Set.of(
      "mediaTypes", "sizes", "siteDomains", "appBundles", "countries", "deviceTypes");
  private static final Set<String> CREATIVE_FIELDS =
      Set.of("id", "type", "size", "markup", "clickThroughUrl");

  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Parses the campaign file; throws {@link IllegalArgumentException} naming the bad field. */
  public List<Campaign> parse(byte[] json) {
    JsonNode root = readTree(json);
    JsonNode array = root.isObject() ? root.get("campaigns") : null;
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(
          "campaign file must be an object with a \"campaigns\" array");
    }
    new JsonFields(root, "campaign file", "").allowOnly(Set.of("campaigns"));
    List<Campaign> campaigns = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Campaign campaign = campaign(array.get(i), i);
      if (!ids.add(campaign.id())) {
        throw new IllegalArgumentException(
            "campaigns[" + i + "]: id: duplicate campaign id \"" + campaign.id() + "\"");
      }
      campaigns.add(campaign);
    }
    return List.copyOf(campaigns);
  }

  /** JSON as the campaign file reads it (duplicate keys refused, decimals exact); throws {@link IllegalArgumentException} saying where it is broken. */
  public JsonNode readTree(byte[] json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("campaign file is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("campaign file could not be read: " + e.getMessage(), e);
    }
  }

  private Campaign campaign(JsonNode node, int index) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("campaigns[" + index + "]: must be an object");
    }
    JsonNode idNode = node.get("id");
    return campaign(node, "campaigns[" + index + "]"
        + (idNode != null && idNode.isTextual() ? " (id \"" + idNode.asText() + "\")" : ""));
  }

  /**
   * One campaign object, as an entry of the file's array (the admin API's body); throws
   * {@link InvalidCampaignException} naming the field, its message starting with {@code where}.
   */
  public Campaign campaign(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new InvalidCampaignException(where + ": must be an object", "");
    }
    JsonFields fields = new JsonFields(node, where, "");
    fields.allowOnly(CAMPAIGN_FIELDS);
    String id = fields.text("id");
    String adomain = fields.text("advertiserDomain");
    long bid = money(fields, "bidCpm");
    if (bid == 0) {
      throw fields.error("bidCpm", "must be greater than 0");
    }
    long daily = money(fields, "dailyBudget");
    long total = money(fields, "totalBudget");
    List<String> categories = fields.texts("categories");
    Set<String> deals = new LinkedHashSet<>(fields.texts("deals"));
    boolean openAuction = fields.bool("openAuction", true);
    JsonFields targetingFields = fields.object("targeting", false);
    Targeting targeting = targetingFields == null ? Targeting.ANY : targeting(targetingFields);
    Creative creative = creative(fields.object("creative", true));
    try {
      Delivery delivery = new Delivery(instant(fields, "startsAt"), instant(fields, "endsAt"), pacing(fields), frequencyCap(fields));
      return new Campaign(id, adomain, bid, daily, total, categories, targeting, creative, deals,
          openAuction, delivery);
    } catch (InvalidCampaignException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidCampaignException(where + ": " + e.getMessage(), "");
    }
  }

  /**
   * The entries of a campaign file {@link #parse} has accepted, as JSON, each as written (the admin
   * API seeds its store with them).
   */
  public List<JsonNode> entries(byte[] json) {
    List<JsonNode> out = new ArrayList<>();
    readTree(json).get("campaigns").forEach(out::add);
    return out;
  }

  /** An ISO 8601 time with its offset ("2026-12-01T00:00:00Z"), or null when absent. */
  private static Instant instant(JsonFields fields, String field) {
    String text = fields.optionalText(field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw fields.error(field, "expected an ISO 8601 time with an offset, e.g. 2026-12-01T00:00:00Z, got '" + text + "'");
    }
  }

  /** {@code {"impressions": 3, "perSeconds": 86400}}, or null when absent. */
  private static Delivery.FrequencyCap frequencyCap(JsonFields fields) {
    JsonFields cap = fields.object("frequencyCap", false);
    if (cap == null) {
      return null;
    }
    cap.allowOnly(Set.of("impressions", "perSeconds"));
    long impressions = cap.integer("impressions");
    long perSeconds = cap.integer("perSeconds");
    try {
      return new Delivery.FrequencyCap((int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, impressions)), perSeconds);
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().startsWith("frequencyCap.impressions") ? "impressions" : "perSeconds";
      throw cap.error(field, e.getMessage().substring(e.getMessage().indexOf(':') + 2));
    }
  }

  private static Delivery.Pacing pacing(JsonFields fields) {
    String text = fields.optionalText("pacing");
    if (text == null) {
      return Delivery.Pacing.ASAP;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "asap" -> Delivery.Pacing.ASAP;
      case "even" -> Delivery.Pacing.EVEN;
      default -> throw fields.error("pacing", "expected asap or even, got '" + text + "'");
    };
  }

  private static long money(JsonFields fields, String field) {
    BigDecimal usd = fields.decimal(field);
    try {
      return Money.exactMicros(usd);
    } catch (IllegalArgumentException e) {
      throw fields.error(field, e.getMessage());
    }
  }

  private static Targeting targeting(JsonFields fields) {
    fields.allowOnly(TARGETING_FIELDS);
    Set<MediaType> mediaTypes = new LinkedHashSet<>();
    List<String> typeNames = fields.texts("mediaTypes");
    for (int i = 0; i < typeNames.size(); i++) {
      mediaTypes.add(mediaType(fields, "mediaTypes[" + i + "]", typeNames.get(i)));
    }
    Set<Size> sizes = new LinkedHashSet<>();
    List<String> sizeTexts = fields.texts("sizes");
    for (int i = 0; i < sizeTexts.size(); i++) {
      sizes.add(size(fields, "sizes[" + i + "]", sizeTexts.get(i)));
    }
    List<String> countries = fields.texts("countries");
    for (int i = 0; i < countries.size(); i++) {
      check(fields, "countries[" + i + "]", Targeting::checkCountry, countries.get(i));
    }
    List<Integer> deviceTypes = fields.ints("deviceTypes");
    for (int i = 0; i < deviceTypes.size(); i++) {
      check(fields, "deviceTypes[" + i + "]", Targeting::checkDeviceType, deviceTypes.get(i));
    }
    try {
      return new Targeting(mediaTypes, sizes, new LinkedHashSet<>(fields.texts("siteDomains")),
          new LinkedHashSet<>(fields.texts("appBundles")), new LinkedHashSet<>(countries),
          new LinkedHashSet<>(deviceTypes));
    } catch (IllegalArgumentException e) {
      throw fields.error("", e.getMessage());
    }
  }

  private static <T> void check(JsonFields fields, String field, Consumer<T> check, T value) {
    try {
      check.accept(value);
    } catch (IllegalArgumentException e) {
      throw fields.error(field, e.getMessage());
    }
  }

  private static Creative creative(JsonFields fields) {
    fields.allowOnly(CREATIVE_FIELDS);
    String crid = fields.text("id");
    MediaType type = mediaType(fields, "type", fields.text("type"));
    String sizeText = fields.optionalText("size");
    Size size = sizeText == null ? null : size(fields, "size", sizeText);
    String markup = fields.textOrLines("markup");
    String clickThroughUrl = fields.text("clickThroughUrl");
    if (!clickThroughUrl.startsWith("https://") && !clickThroughUrl.startsWith("http://")) {
      throw fields.error("clickThroughUrl", "must be an http(s) URL, got \"" + clickThroughUrl + "\"");
    }
    return size == null
        ? new Creative(crid, type, 0, 0, markup, clickThroughUrl)
        : Creative.sized(crid, type, size, markup, clickThroughUrl);
  }

  private static MediaType mediaType(JsonFields fields, String field, String name) {
    try {
      return MediaType.fromName(name);
    } catch (IllegalArgumentException e) {
      throw fields.error(field, e.getMessage());
    }
  }

  private static Size size(JsonFields fields, String field, String text) {
    try {
      return Size.parse(text);
    } catch (IllegalArgumentException e) {
      throw fields.error(field, e.getMessage());
    }
  }
}
