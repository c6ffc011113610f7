package dev.gavel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.Sha256;
import dev.gavel.testing.GavelHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The campaign admin API over HTTP: tokens and roles, every verb, versions, bad bodies, the audit. */
class AdminApiTest {
  static final String WRITE_TOKEN = "write-token-for-tests-0123456789";
  static final String READ_TOKEN = "read-token-for-tests-0123456789";
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    gavel = GavelHarness.fromJson("admin", adminConfig());
  }

  /** Test campaigns, a bootstrap write token and a read token named "auditor". */
  static JsonObject adminConfig() {
    return new JsonObject()
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json"))
        .put("admin", new JsonObject().put("bootstrapToken", WRITE_TOKEN).put("tokens", new JsonArray().add(new JsonObject()
            .put("name", "auditor").put("role", "read").put("sha256", HexFormat.of().formatHex(Sha256.of(READ_TOKEN))))));
  }

  @AfterAll
  static void stop() {
    gavel.close();
  }

  static HttpResponse<String> call(GavelHarness node, String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.adminUri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return node.send(b.build());
  }

  private static HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
    return call(gavel, method, path, token, body, headers);
  }

  /** A valid campaign body: a 300x250 banner bidding {@code cpm}. */
  static JsonObject campaign(String id, String cpm) {
    return new JsonObject().put("id", id).put("advertiserDomain", id + ".example").put("bidCpm", cpm)
        .put("dailyBudget", "100.00").put("totalBudget", "1000.00")
        .put("targeting", new JsonObject().put("mediaTypes", new JsonArray().add("banner")).put("sizes", new JsonArray().add("300x250")))
        .put("creative", new JsonObject().put("id", "cr-" + id).put("type", "banner").put("size", "300x250")
            .put("clickThroughUrl", "https://" + id + ".example/").put("markup", "<a href=\"${CLICK_URL}\">" + id + "</a>"));
  }

  private static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  @Test
  void anEmptyStoreIsSeededFromTheCampaignFileAndTheSeedIsAudited() {
    HttpResponse<String> list = call("GET", "/admin/campaigns", READ_TOKEN, null);
    assertThat(list.statusCode()).isEqualTo(200);
    List<String> ids = json(list).getJsonArray("campaigns").stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toList());
    assertThat(ids).contains("house-mrec-200", "house-mrec-150", "house-tiny-budget");
    JsonObject first = json(call("GET", "/admin/campaigns/house-mrec-150", READ_TOKEN, null));
    assertThat(first.getString("bidCpm")).isEqualTo("1.50");
    assertThat(first.getString("status")).isEqualTo("active");
    assertThat(first.getString("updatedBy")).startsWith("seed:");
    JsonArray audit = json(call("GET", "/admin/audit?campaign=house-mrec-150", READ_TOKEN, null)).getJsonArray("entries");
    assertThat(audit.getJsonObject(audit.size() - 1).getString("action")).isEqualTo("seed");
  }

  @Test
  void noTokenOrAWrongOneIs401AndAReadTokenCannotWrite() {
    HttpResponse<String> none = call("GET", "/admin/campaigns", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(none).getString("error")).isEqualTo("unauthorized");
    assertThat(call("GET", "/admin/campaigns", "not-a-token-of-ours-at-all", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/admin/campaigns", "read-token-for-tests-012345678", null).statusCode()).isEqualTo(401);

    HttpResponse<String> readWrites = call("POST", "/admin/campaigns", READ_TOKEN, campaign("by-reader", "1.00").encode());
    assertThat(readWrites.statusCode()).isEqualTo(403);
    assertThat(json(readWrites).getString("error")).isEqualTo("forbidden");
    assertThat(call("DELETE", "/admin/campaigns/house-mrec-150", READ_TOKEN, null).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/admin/campaigns/by-reader", WRITE_TOKEN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aCampaignIsCreatedReadEditedUnderItsVersionAndDeleted() {
    HttpResponse<String> created = call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("crud-1", "1.00").encode());
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/admin/campaigns/crud-1");
    assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(json(created).getInteger("version")).isEqualTo(1);
    assertThat(json(created).getString("propagation")).isEqualTo("sent");
    assertThat(call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("crud-1", "1.00").encode()).statusCode()).isEqualTo(409);

    HttpResponse<String> read = call("GET", "/admin/campaigns/crud-1", READ_TOKEN, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");

    String edit = campaign("crud-1", "1.25").encode();
    HttpResponse<String> noVersion = call("PUT", "/admin/campaigns/crud-1", WRITE_TOKEN, edit);
    assertThat(noVersion.statusCode()).isEqualTo(428);
    HttpResponse<String> edited = call("PUT", "/admin/campaigns/crud-1", WRITE_TOKEN, edit, "If-Match", "\"1\"");
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(json(edited).getInteger("version")).isEqualTo(2);
    assertThat(json(edited).getString("bidCpm")).isEqualTo("1.25");

    // A second editor who read version 1 loses, and is told the version now.
    HttpResponse<String> stale = call("PUT", "/admin/campaigns/crud-1", WRITE_TOKEN, campaign("crud-1", "9.00").encode(), "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).getString("error")).isEqualTo("version_conflict");
    assertThat(json(stale).getString("message")).contains("version 2");

    // What GET answers can be sent back as it is, its version in the body.
    JsonObject roundTrip = json(call("GET", "/admin/campaigns/crud-1", READ_TOKEN, null)).put("bidCpm", "1.30");
    HttpResponse<String> again = call("PUT", "/admin/campaigns/crud-1", WRITE_TOKEN, roundTrip.encode());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).getInteger("version")).isEqualTo(3);

    assertThat(call("DELETE", "/admin/campaigns/crud-1", WRITE_TOKEN, null, "If-Match", "\"2\"").statusCode()).isEqualTo(409);
    assertThat(call("DELETE", "/admin/campaigns/crud-1", WRITE_TOKEN, null).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/admin/campaigns/crud-1", READ_TOKEN, null).statusCode()).isEqualTo(404);
    assertThat(call("PUT", "/admin/campaigns/crud-1", WRITE_TOKEN, edit, "If-Match", "\"4\"").statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/admin/campaigns/crud-1", WRITE_TOKEN, null).statusCode()).isEqualTo(404);

    JsonArray audit = json(call("GET", "/admin/audit?campaign=crud-1", READ_TOKEN, null)).getJsonArray("entries");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("action")).toList()).containsExactly("delete", "update", "update", "create");
    JsonObject firstEdit = audit.getJsonObject(2);
    assertThat(firstEdit.getString("actor")).isEqualTo("bootstrap");
    assertThat(firstEdit.getJsonObject("before").getJsonObject("campaign").getString("bidCpm")).isEqualTo("1.00");
    assertThat(firstEdit.getJsonObject("after").getJsonObject("campaign").getString("bidCpm")).isEqualTo("1.25");
    assertThat(audit.getJsonObject(0).getValue("after")).isNull();
  }

  @Test
  void pauseAndResumeChangeTheStatusOnceEach() {
    assertThat(call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("pausable", "1.00").encode()).statusCode()).isEqualTo(201);
    JsonObject paused = json(call("POST", "/admin/campaigns/pausable/pause", WRITE_TOKEN, null));
    assertThat(paused.getString("status")).isEqualTo("paused");
    assertThat(paused.getInteger("version")).isEqualTo(2);
    assertThat(json(call("POST", "/admin/campaigns/pausable/pause", WRITE_TOKEN, null)).getInteger("version")).isEqualTo(2);
    JsonObject resumed = json(call("POST", "/admin/campaigns/pausable/resume", WRITE_TOKEN, null));
    assertThat(resumed.getString("status")).isEqualTo("active");
    assertThat(resumed.getInteger("version")).isEqualTo(3);
    assertThat(call("POST", "/admin/campaigns/nobody/pause", WRITE_TOKEN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void badBodiesAre400WithTheFieldAtFault() {
    HttpResponse<String> notJson = call("POST", "/admin/campaigns", WRITE_TOKEN, "{\"id\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).getString("error")).isEqualTo("invalid_json");

    HttpResponse<String> zeroBid = call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("bad-1", "0").encode());
    assertThat(zeroBid.statusCode()).isEqualTo(400);
    assertThat(json(zeroBid).getString("field")).isEqualTo("bidCpm");

    HttpResponse<String> typo = call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("bad-2", "1.00").put("dailyBudjet", "1").encode());
    assertThat(json(typo).getString("field")).isEqualTo("dailyBudjet");
    JsonObject badSize = campaign("bad-3", "1.00");
    badSize.getJsonObject("targeting").put("sizes", new JsonArray().add("300by250"));
    assertThat(json(call("POST", "/admin/campaigns", WRITE_TOKEN, badSize.encode())).getString("field")).isEqualTo("targeting.sizes[0]");
    assertThat(json(call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("bad id!", "1.00").encode())).getString("field")).isEqualTo("id");
    assertThat(json(call("POST", "/admin/campaigns", WRITE_TOKEN, "[1, 2]")).getString("error")).isEqualTo("invalid_campaign");
    assertThat(call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("bad-4", "1.00").put("status", "gone").encode()).statusCode())
        .isEqualTo(400);

    HttpResponse<String> otherId = call("PUT", "/admin/campaigns/house-mrec-150", WRITE_TOKEN, campaign("bad-5", "1.00").encode(),
        "If-Match", "\"1\"");
    assertThat(json(otherId).getString("field")).isEqualTo("id");

    HttpResponse<String> text = gavel.send(HttpRequest.newBuilder(gavel.adminUri("/admin/campaigns"))
        .header("Authorization", "Bearer " + WRITE_TOKEN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(campaign("bad-6", "1.00").encode())).build());
    assertThat(text.statusCode()).isEqualTo(415);
    HttpResponse<String> huge = call("POST", "/admin/campaigns", WRITE_TOKEN, campaign("bad-7", "1.00")
        .put("_comment", "x".repeat(AdminRoutes.MAX_BODY_BYTES)).encode());
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(call("GET", "/admin/audit?limit=0", READ_TOKEN, null).statusCode()).isEqualTo(400);
    for (String id : List.of("bad-1", "bad-2", "bad-3", "bad-4", "bad-6", "bad-7")) {
      assertThat(call("GET", "/admin/campaigns/" + id, READ_TOKEN, null).statusCode()).as(id).isEqualTo(404);
    }
  }
}
