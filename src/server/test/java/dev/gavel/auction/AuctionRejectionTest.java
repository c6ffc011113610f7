package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a short JSON error with the right 4xx status, never a 5xx. */
class AuctionRejectionTest {
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    gavel = GavelHarness.fromJson("rejection", new JsonObject()
        .put("http", new JsonObject().put("maxBodyBytes", 4096))
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json")));
  }

  @AfterAll
  static void stop() {
    gavel.close();
  }

  static Stream<Arguments> invalidRequests() {
    JsonObject ok = AuctionHttpTest.request();
    return Stream.of(
        Arguments.of("missing id", copy(ok, r -> r.remove("id")), "invalid_request", "id"),
        Arguments.of("no imp", copy(ok, r -> r.put("imp", new JsonArray())), "invalid_request", "imp"),
        // (a duplicate imp id, or any fault of one imp among others, drops only that imp: AuctionHttpTest)
        Arguments.of("imp without media", copy(ok, r -> r.getJsonArray("imp").getJsonObject(0).remove("banner")),
            "invalid_request", "imp[0]"),
        Arguments.of("site and app", copy(ok, r -> r.put("app", new JsonObject().put("bundle", "com.x"))), "invalid_request", "app"),
        Arguments.of("negative floor", copy(ok, r -> r.getJsonArray("imp").getJsonObject(0).put("bidfloor", -1)),
            "invalid_request", "imp[0].bidfloor"),
        Arguments.of("bad floor currency", copy(ok, r -> r.getJsonArray("imp").getJsonObject(0).put("bidfloorcur", "US$")),
            "invalid_request", "imp[0].bidfloorcur"),
        Arguments.of("bad cur entry", copy(ok, r -> r.put("cur", new JsonArray().add("XXQ"))), "invalid_request", "cur[0]"),
        Arguments.of("string for a number", copy(ok, r -> r.put("tmax", "100")), "invalid_json", "tmax"),
        Arguments.of("tmax overflow", ok.encode().replaceFirst("\\{", "{\"tmax\":99999999999999999999,"), "invalid_json", "tmax"),
        Arguments.of("absurd tmax", copy(ok, r -> r.put("tmax", 3_600_000)), "invalid_request", "tmax"),
        Arguments.of("array for an object", copy(ok, r -> r.put("site", new JsonArray())), "invalid_json", "site"),
        Arguments.of("absurd floor", ok.encode().replaceFirst("\\{\"id\":\"1\"", "{\"id\":\"1\",\"bidfloor\":1e20"),
            "invalid_request", "imp[0].bidfloor"),
        Arguments.of("floor too precise to compute", ok.encode().replaceFirst("\\{\"id\":\"1\"", "{\"id\":\"1\",\"bidfloor\":1e-50000000"),
            "invalid_request", "imp[0].bidfloor"),
        Arguments.of("fixed-price deal without a price", copy(ok, r -> r.getJsonArray("imp").getJsonObject(0).put("pmp",
            new JsonObject().put("deals", new JsonArray().add(new JsonObject().put("id", "d").put("at", 3))))),
            "invalid_request", "imp[0].pmp.deals[0].bidfloor"));
  }

  private static String copy(JsonObject base, java.util.function.Consumer<JsonObject> change) {
    JsonObject c = base.copy();
    change.accept(c);
    return c.encode();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void invalidRequestsGet400WithTheField(String name, String body, String error, String field) {
    HttpResponse<String> response = gavel.postAuction(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonObject json = new JsonObject(response.body());
    assertThat(json.getString("error")).isEqualTo(error);
    assertThat(json.getString("field")).isEqualTo(field);
    assertThat(json.getString("message")).isNotBlank().doesNotContain("java.").doesNotContain("Exception");
  }

  @Test
  void oddButValidValuesAreNeverA500() {
    JsonObject zeroSizes = AuctionHttpTest.request();
    zeroSizes.getJsonArray("imp").getJsonObject(0).getJsonObject("banner")
        .put("format", new JsonArray().add(new JsonObject().put("w", 0).put("h", 0)).add(new JsonObject().put("w", 100_000).put("h", 1)));
    JsonObject video = AuctionHttpTest.request();
    video.getJsonArray("imp").getJsonObject(0).remove("banner");
    video.getJsonArray("imp").getJsonObject(0).put("video", new JsonObject().put("w", 0).put("h", 0));
    JsonObject blanks = AuctionHttpTest.request().put("badv", new JsonArray().add("Example.com").add(""))
        .put("bcat", new JsonArray().add(" "));
    for (JsonObject request : new JsonObject[] {zeroSizes, video, blanks}) {
      HttpResponse<String> response = gavel.postAuction(request.encode());
      assertThat(response.statusCode()).as(request.encode() + " -> " + response.body()).isIn(200, 204);
    }
  }

  @Test
  void blockingTheHouseSeatKeepsTheCampaignsOut() {
    assertThat(gavel.postAuction(AuctionHttpTest.request().put("bseat", new JsonArray().add("gavel")).encode()).statusCode())
        .isEqualTo(204);
    assertThat(gavel.postAuction(AuctionHttpTest.request().put("wseat", new JsonArray().add("somebody")).encode()).statusCode())
        .isEqualTo(204);
    assertThat(gavel.postAuction(AuctionHttpTest.request().put("wseat", new JsonArray().add("gavel")).encode()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void malformedAndPathologicalJsonGet400() {
    for (String body : new String[] {"{\"id\": ", "", "[]", "null", "{\"id\":\"a\"} trailing", "[".repeat(2000)}) {
      HttpResponse<String> response = gavel.postAuction(body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_json");
    }
  }

  @Test
  void deeplyNestedJsonInsideTheLimitIsRefusedByDepth() {
    String nested = "{\"id\":\"x\",\"ext\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
    HttpResponse<String> response = gavel.postAuction(nested);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("nested deeper than 32");
  }

  @Test
  void bodyOverTheLimitGets413() {
    String big = AuctionHttpTest.request().put("pad", "x".repeat(5000)).encode();
    HttpResponse<String> response = gavel.postAuction(big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("body_too_large");
  }

  @Test
  void notJsonGets415() {
    HttpResponse<String> response = gavel.send(HttpRequest.newBuilder(gavel.uri("/openrtb2/auction"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(new JsonObject(response.body()).getString("message")).contains("application/json");
  }

  @Test
  void wrongMethodGets405AndUnknownPath404() {
    HttpResponse<String> get = gavel.get("/openrtb2/auction");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(new JsonObject(get.body()).getString("error")).isEqualTo("method_not_allowed");
    HttpResponse<String> missing = gavel.get("/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("not_found");
  }

  @Test
  void corruptGzipIsA400NotA500() {
    HttpResponse<String> response = gavel.send(HttpRequest.newBuilder(gavel.uri("/openrtb2/auction"))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {31, -117, 8, 0, 1, 2, 3, 4, 5, 6, 7})).build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_gzip");
  }

  @Test
  void gzipBombIsRefusedWith413() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
      gzip.write(("{\"id\":\"" + " ".repeat(1_000_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(bytes.size()).isLessThan(4096);
    HttpResponse<String> response = gavel.send(HttpRequest.newBuilder(gavel.uri("/openrtb2/auction"))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build());
    assertThat(response.statusCode()).isEqualTo(413);
  }
}
