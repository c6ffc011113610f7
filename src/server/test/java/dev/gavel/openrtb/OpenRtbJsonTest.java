package dev.gavel.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRtbJsonTest {
  /** Gavel primes its codec at start: its sample request and response must stay acceptable to the strict reader. */
  @Test
  void primingReadsAndWritesItsSamplesWithoutComplaint() {
    OpenRtbJson json = new OpenRtbJson();
    json.prime();
    assertThat(json.readBidRequest("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).id())
        .isEqualTo("r");
  }


  @org.junit.jupiter.api.Nested
  class Peeking {
    private final OpenRtbJson json = new OpenRtbJson();

    private OpenRtbJson.Peek peek(String text) {
      return json.peek(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTopLevelIdAndTestFlagWhereverTheyAre() {
      assertThat(peek("{\"id\":\"r1\",\"imp\":[{\"id\":\"1\"}]}")).isEqualTo(new OpenRtbJson.Peek("r1", false, null));
      assertThat(peek("{\"imp\":[{\"id\":\"nested\",\"tmax\":9,\"ext\":{\"test\":1}}],\"test\":1,\"id\":\"r2\",\"tmax\":150}"))
          .isEqualTo(new OpenRtbJson.Peek("r2", true, 150));
      assertThat(peek("{\"id\":\"r3\",\"test\":0}")).isEqualTo(new OpenRtbJson.Peek("r3", false, null));
      // "test" inside a string value is not the flag.
      assertThat(peek("{\"id\":\"r4\",\"site\":{\"page\":\"https://x.example/\\\"test\\\"\"}}"))
          .isEqualTo(new OpenRtbJson.Peek("r4", false, null));
      assertThat(peek("{\"tmax\":1e3,\"id\":\"r5\"}")).isEqualTo(new OpenRtbJson.Peek("r5", false, null));
    }

    @Test
    void theOnePassScanFindsEitherFieldAnywhereUpToTheLastByte() {
      java.util.function.ToIntFunction<String> scan =
          t -> OpenRtbJson.fieldsPresent(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(scan.applyAsInt("\"test\"")).isEqualTo(1);
      assertThat(scan.applyAsInt("{\"a\":1,\"tmax\"")).isEqualTo(2);
      assertThat(scan.applyAsInt("\"tmax\":1,\"test\"")).isEqualTo(3);
      assertThat(scan.applyAsInt("\"tes\" \"tma\" \"testing\" \"t\"")).isZero();
      assertThat(scan.applyAsInt("\"tmax")).isZero();
      assertThat(scan.applyAsInt("")).isZero();
    }

    @Test
    void givesUpOnWhatItCannotReadTheQuickWay() {
      assertThat(peek("")).isNull();
      assertThat(peek("[1,2]")).isNull();
      assertThat(peek("{\"id\":7}")).isNull();
      assertThat(peek("{\"id\":\"  \"}")).isNull();
      assertThat(peek("{\"imp\":[}")).isNull();
      assertThat(peek("{\"test\":1,\"imp\":[")).isNull();
    }
  }

  /** A lenient, independent reader used only to compare JSON documents structurally. */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** Like PLAIN, but keeps decimals exact so "2.50" survives being decorated and re-written. */
  private static final ObjectMapper EXACT = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private final OpenRtbJson json = new OpenRtbJson();

  @Test
  void readsAFullRequest() throws IOException {
    BidRequest r = json.readBidRequest(fullRequest());

    assertThat(r.id()).isEqualTo("80ce30c53c16e6ede735f123ef6e32361bfc7b22");
    assertThat(r.tmax()).isEqualTo(120);
    assertThat(r.at()).isEqualTo(1);
    assertThat(r.cur()).containsExactly("USD", "EUR");
    assertThat(r.imp()).hasSize(2);

    Imp banner = r.imp().get(0);
    assertThat(banner.bidfloor()).isEqualTo(new BigDecimal("0.55"));
    assertThat(banner.banner().format()).containsExactly(
        new Format(300, 250, null, null, null, null), new Format(728, 90, null, null, null, null));
    assertThat(banner.pmp().privateAuction()).isEqualTo(1);
    assertThat(banner.pmp().deals()).extracting(Deal::id).containsExactly("deal-a", "deal-b");
    assertThat(banner.pmp().deals().get(0).bidfloor()).isEqualTo(new BigDecimal("2.50"));
    assertThat(banner.metric().get(0).value()).isEqualTo(0.85);
    assertThat(banner.ext().at("/prebid/bidder/gavel/placementId").asInt()).isEqualTo(42);

    Imp video = r.imp().get(1);
    assertThat(video.video().maxduration()).isEqualTo(30);
    assertThat(video.video().mimes()).containsExactly("video/mp4", "application/javascript");
    assertThat(video.bidfloor()).isEqualTo(new BigDecimal("3.125"));

    assertThat(r.site().publisher().id()).isEqualTo("pub-8953");
    assertThat(r.device().geo().lat()).isEqualTo(52.52);
    assertThat(r.device().geo().country()).isEqualTo("DEU");
    assertThat(r.user().eids().get(0).get("source").asText()).isEqualTo("id5-sync.com");
    assertThat(r.regs().usPrivacy()).isEqualTo("1---");
    assertThat(r.regs().gppSid()).containsExactly(2);
    assertThat(r.source().schain().at("/nodes/0/asi").asText()).isEqualTo("exchange.example");
    assertThat(r.app()).isNull();
  }

  @Test
  void fullRequestRoundTripsWithoutLosingOrAddingAnything() throws IOException {
    byte[] original = fullRequest();
    BidRequest parsed = json.readBidRequest(original);

    byte[] written = json.write(parsed);

    assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(original));
    assertThat(json.readBidRequest(written)).isEqualTo(parsed);
  }

  @Test
  void unknownFieldsAreToleratedAtEveryLevel() throws IOException {
    JsonNode tree = EXACT.readTree(fullRequest());
    int decorated = addUnknownFields(tree);

    BidRequest withUnknowns = json.readBidRequest(EXACT.writeValueAsBytes(tree));

    assertThat(decorated).isGreaterThan(15);
    assertThat(withUnknowns).isEqualTo(json.readBidRequest(fullRequest()));
  }

  @Test
  void nativeIsMappedToNativeAd() {
    BidRequest r = json.readBidRequest(bytes(
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":\"{\\\"ver\\\":\\\"1.2\\\"}\","
            + "\"ver\":\"1.2\",\"api\":[3]}}]}"));

    Native n = r.imp().get(0).nativeAd();
    assertThat(n.request()).isEqualTo("{\"ver\":\"1.2\"}");
    assertThat(n.api()).containsExactly(3);
    assertThat(r.imp().get(0).offersMedia()).isTrue();
    String written = new String(json.write(r), StandardCharsets.UTF_8);
    assertThat(written).contains("\"native\":{\"request\"").doesNotContain("nativeAd");
  }

  @Test
  void integerBidfloorAndNullExtAndEmptyObjectsAreAccepted() {
    BidRequest r = json.readBidRequest(bytes(
        "{\"id\":\"r\",\"ext\":null,\"site\":{},\"imp\":[{\"id\":\"1\",\"bidfloor\":1}]}"));

    assertThat(r.ext()).isNull();
    assertThat(r.site()).isEqualTo(new Site(null, null, null, null, null, null, null, null, null,
        null));
    assertThat(r.imp().get(0).bidfloor()).isEqualByComparingTo("1");
  }

  @Test
  void nullsAreOmittedOnWrite() {
    BidResponse noBid = new BidResponse("r-1", null, null, null, null, 2, null);

    assertThat(new String(json.write(noBid), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"r-1\",\"nbr\":2}");
  }

  @Test
  void bidResponseRoundTripsWithExactPrices() {
    String body = "{\"id\":\"r-1\",\"seatbid\":[{\"bid\":[{\"id\":\"b1\",\"impid\":\"1\","
        + "\"price\":1.23,\"adm\":\"<div/>\",\"adomain\":[\"brand.example\"],\"crid\":\"c9\","
        + "\"w\":300,\"h\":250,\"mtype\":1},{\"id\":\"b2\",\"impid\":\"2\",\"price\":0.10}],"
        + "\"seat\":\"seat-1\"}],\"bidid\":\"x\",\"cur\":\"USD\"}";

    BidResponse response = json.readBidResponse(bytes(body));
    List<Bid> bids = response.seatbid().get(0).bid();

    assertThat(bids.get(0).price()).isEqualTo(new BigDecimal("1.23"));
    assertThat(bids.get(1).price()).isEqualTo(new BigDecimal("0.10"));
    assertThat(bids.get(0).adomain()).containsExactly("brand.example");
    String written = new String(json.write(response), StandardCharsets.UTF_8);
    assertThat(written).isEqualTo(body);
  }

  @Test
  void bigDecimalPricesAreWrittenPlain() {
    Bid bid = new Bid("b", "1", new BigDecimal("1E+1"), null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);

    assertThat(new String(json.write(bid), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"b\",\"impid\":\"1\",\"price\":10}");
  }

  static Stream<Arguments> mistypedRequests() {
    return Stream.of(
        Arguments.of("{\"id\":\"r\",\"tmax\":\"100\"}", "tmax", "expected an integer"),
        Arguments.of("{\"id\":\"r\",\"tmax\":\"\"}", "tmax", "expected an integer"),
        Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":\"0.5\"}]}",
            "imp[0].bidfloor", "expected a number"),
        Arguments.of("{\"id\":\"r\",\"tmax\":1.5}", "tmax", "expected an integer"),
        Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300.0}}]}",
            "imp[0].banner.w", "expected an integer"),
        Arguments.of("{\"id\":\"r\",\"test\":true}", "test", "expected an integer"),
        Arguments.of("{\"id\":\"r\",\"tmax\":[100]}", "tmax", "expected an integer"),
        Arguments.of("{\"id\":7}", "id", "expected a string"),
        Arguments.of("{\"id\":1.5}", "id", "expected a string"),
        Arguments.of("{\"id\":false}", "id", "expected a string"),
        Arguments.of("{\"id\":{}}", "id", "expected a string"),
        Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":1}]}", "imp[0].id", "expected a string"),
        Arguments.of("{\"id\":\"r\",\"cur\":\"USD\"}", "cur", "expected an array"),
        Arguments.of("{\"id\":\"r\",\"cur\":\"\"}", "cur", "expected an array"),
        Arguments.of("{\"id\":\"r\",\"imp\":{\"id\":\"1\"}}", "imp", "expected an array"),
        Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":{\"w\":1}}}]}",
            "imp[0].banner.format", "expected an array"),
        Arguments.of("{\"id\":\"r\",\"site\":3}", "site", "expected an object"),
        Arguments.of("{\"id\":\"r\",\"site\":\"x\"}", "site", "expected an object"),
        Arguments.of("{\"id\":\"r\",\"site\":\"\"}", "site", "expected an object"),
        Arguments.of("{\"id\":\"r\",\"ext\":3}", "ext", "expected an object"),
        Arguments.of("{\"id\":\"r\",\"imp\":[3]}", "imp[0]", "expected an object"),
        Arguments.of("{\"id\":\"r\",\"imp\":[null]}", "imp[0]", "null is not allowed here"),
        Arguments.of("{\"id\":\"r\",\"cur\":[\"USD\",null]}", "cur[1]",
            "null is not allowed here"),
        Arguments.of("{\"id\":\"r\",\"tmax\":99999999999999999999}", "tmax",
            "number out of range"),
        Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"exp\":-3000000000}]}", "imp[0].exp",
            "number out of range"),
        Arguments.of("{\"id\":\"r\",\"id\":\"s\"}", "id", "duplicate field"));
  }

  @ParameterizedTest
  @MethodSource("mistypedRequests")
  void mistypedFieldsAreRejectedWithPathAndPlainMessage(String body, String path, String reason) {
    assertThatThrownBy(() -> json.readBidRequest(bytes(body)))
        .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).isEqualTo(path + ": " + reason);
          assertNoImplementationDetails(e.getMessage());
        });
  }

  @Test
  void malformedJsonNamesWhereItBroke() {
    assertThatThrownBy(() -> json.readBidRequest(bytes("{\"id\":\"r\",\"tmax\":}")))
        .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
          assertThat(e.path()).isEqualTo("tmax");
          assertThat(e.reason()).isEqualTo("malformed JSON at line 1, column 18");
          assertNoImplementationDetails(e.getMessage());
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}", "{\"id\":\"r\",}",
      "{\"id\":'r'}", "{\"tmax\":NaN}", "{\"tmax\":012}", "{\"id\":\"r\u00ff\"}"})
  void malformedJsonIsRejectedWithoutInternals(String body) {
    assertThatThrownBy(() -> json.readBidRequest(body.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
          assertThat(e.reason()).startsWith("malformed JSON at line 1, column ");
          assertNoImplementationDetails(e.getMessage());
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"id\":\"r\"}]", "\"x\"", "3", "null", "true"})
  void topLevelMustBeAnObject(String body) {
    assertRejectedAsWhole(body, "request body must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":\"r\"} {\"id\":\"s\"}", "{\"id\":\"r\"}x", "{\"id\":\"r\"}]",
      "{\"id\":\"r\"} 1"})
  void trailingContentIsRejected(String body) {
    assertRejectedAsWhole(body, "unexpected content after the JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void emptyBodyIsRejected(String body) {
    assertRejectedAsWhole(body, "request body is empty");
  }

  @Test
  void nullBodyIsRejectedAsEmpty() {
    assertThatThrownBy(() -> json.readBidRequest(null))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("request body is empty");
  }

  @Test
  void responseErrorsSayResponse() {
    assertThatThrownBy(() -> json.readBidResponse(bytes("[]")))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("response body must be a JSON object");
  }

  @Test
  void responseIsAsStrictAsRequest() {
    String body = "{\"id\":\"r\",\"seatbid\":[{\"bid\":[{\"id\":\"b\",\"impid\":\"1\","
        + "\"price\":\"1.0\"}]}]}";

    assertThatThrownBy(() -> json.readBidResponse(bytes(body)))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("seatbid[0].bid[0].price: expected a number");
  }

  @Test
  void pathologicallyNestedJsonIsRejectedQuickly() {
    String deepObject = "{\"id\":\"r\",\"ext\":" + "{\"a\":".repeat(1000) + "1"
        + "}".repeat(1000) + "}";
    String deepArray = "{\"id\":\"r\",\"ext\":{\"a\":" + "[".repeat(1000) + "]".repeat(1000)
        + "}}";

    String deepUnknown = "{\"id\":\"r\",\"ext\":{},\"zz\":" + "[".repeat(1000)
        + "]".repeat(1000) + "}";

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      assertThatThrownBy(() -> json.readBidRequest(bytes(deepUnknown)))
          .isInstanceOf(InvalidJsonException.class)
          .hasMessage("zz[0][0][0][0][0][0][0]...: nested deeper than 32 levels");
      for (String body : List.of(deepObject, deepArray)) {
        assertThatThrownBy(() -> json.readBidRequest(bytes(body)))
            .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
              assertThat(e.path()).isEqualTo("ext");
              assertThat(e.reason()).isEqualTo("nested deeper than 32 levels");
            });
      }
    });
  }

  @Test
  void nestingLimitIsConfigurable() {
    OpenRtbJson shallow = new OpenRtbJson(4, 1000);

    assertThat(shallow.readBidRequest(bytes("{\"id\":\"r\",\"ext\":{\"a\":{\"b\":{}}}}")).id())
        .isEqualTo("r");
    assertThatThrownBy(() -> shallow.readBidRequest(
        bytes("{\"id\":\"r\",\"ext\":{\"a\":{\"b\":{\"c\":{}}}}}")))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("ext: nested deeper than 4 levels");
  }

  @Test
  void overlongStringsAreRejected() {
    OpenRtbJson tight = new OpenRtbJson(32, 10);

    assertThat(tight.readBidRequest(bytes("{\"id\":\"0123456789\"}")).id()).hasSize(10);
    assertThatThrownBy(() -> tight.readBidRequest(bytes("{\"id\":\"0123456789A\"}")))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("id: value exceeds the size limit");
  }

  private void assertRejectedAsWhole(String body, String message) {
    assertThatThrownBy(() -> json.readBidRequest(bytes(body)))
        .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
          assertThat(e.path()).isEmpty();
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  private static void assertNoImplementationDetails(String message) {
    assertThat(message).doesNotContain("java", "`", "Integer", "BigDecimal", "String", "dev.gavel",
        "Cannot", "Jackson", "deserialize", "Source:", "\n");
  }

  /** Adds unknown fields to every model object; pass-through JSON (ext, schain) is left alone. */
  private static int addUnknownFields(JsonNode node) {
    int count = 0;
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (!List.of("ext", "schain", "eids").contains(field.getKey())) {
          count += addUnknownFields(field.getValue());
        }
      }
      object.put("zz_unknown_number", 1.5);
      object.putObject("zz_unknown_object").putArray("deep").add(1).addObject().put("x", "y");
      object.putNull("zz_unknown_null");
      count++;
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        count += addUnknownFields(element);
      }
    }
    return count;
  }

  private static byte[] fullRequest() throws IOException {
    try (InputStream in = OpenRtbJsonTest.class.getResourceAsStream("/openrtb/full-request.json")) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
