package dev.gavel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.admin.AdminTokens.Principal;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.config.AdminConfig;
import dev.gavel.db.PgPools;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.http.JsonErrors;
import dev.gavel.http.RouteModule;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.kafka.AckedProducer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign admin API ({@code /admin/...} on {@code admin.port}): campaigns in PostgreSQL, each
 * change audited and sent to the campaigns topic that every serving node follows. The body of a
 * campaign is an entry of {@code conf/campaigns.json}; answers add its version, status and last
 * change. Bearer tokens with a role: {@code read} may GET, {@code write} may change.
 */
public final class AdminRoutes implements RouteModule {
  private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
  private static final String PRINCIPAL = "admin.principal";
  private static final long OUTBOX_INTERVAL_MS = 1000;
  private static final int MAX_AUDIT = 1000;

  /** The largest campaign body taken. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** What the admin API is built from; {@code seed} is what fills an empty store (conf/campaigns.json). */
  public record Deps(List<AdminConfig.Token> tokens, PostgresEndpoint postgres, String bootstrapServers, String topic,
      Degradations degradations, Seed seed) {}

  /** The campaign file's entries and where they came from (the audit's actor for them). */
  public record Seed(String source, List<JsonNode> entries) {}

  private final Deps deps;
  private final AdminTokens tokens;
  private final CampaignLoader loader = new CampaignLoader();
  private Pool pool;
  private AckedProducer producer;
  private CampaignStore store;
  private CampaignOutbox outbox;
  private long timer = -1;
  private Vertx vertx;

  public AdminRoutes(Deps deps) {
    this.deps = deps;
    this.tokens = new AdminTokens(deps.tokens());
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    this.vertx = vertx;
    pool = PgPools.create(vertx, deps.postgres(), 2);
    Properties tuning = new Properties();
    tuning.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
    tuning.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    producer = new AckedProducer(deps.bootstrapServers(), "gavel-admin", vertx.getOrCreateContext(), tuning);
    store = new CampaignStore(pool);
    outbox = new CampaignOutbox(store, producer, deps.topic(), deps.degradations());
    if (tokens.none()) {
      LOG.warn("the admin API has no tokens and refuses every request: set GAVEL_ADMIN_BOOTSTRAP_TOKEN or admin.tokens");
    }
    // Metadata first: a send that finds none fails at once (max.block.ms=0), and the outbox would wait a second.
    producer.warm(vertx, List.of(deps.topic()), 20)
        .compose(v -> store.seedIfEmpty(deps.seed().entries(), "seed:" + deps.seed().source()))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("campaign store was empty: seeded {} campaigns from {}", n, deps.seed().source());
          } else {
            LOG.info("campaigns come from the campaign store; {} only seeds an empty one (change them through /admin/campaigns)",
                deps.seed().source());
          }
        })
        .onFailure(e -> LOG.error("cannot seed the campaign store", e))
        .onComplete(v -> {
          outbox.flush();
          timer = vertx.setPeriodic(OUTBOX_INTERVAL_MS, t -> outbox.flush());
        });

    router.route("/admin/*").handler(this::authenticate);
    router.route("/admin/*").method(HttpMethod.POST).method(HttpMethod.PUT).handler(BodyHandler.create(false)
        .setBodyLimit(MAX_BODY_BYTES));
    router.get("/admin/campaigns").handler(ctx -> answer(ctx, 200, store.list().map(AdminRoutes::listing)));
    router.post("/admin/campaigns").handler(this::create);
    router.get("/admin/campaigns/:id").handler(ctx -> answer(ctx, 200, store.get(ctx.pathParam("id")).map(StoredCampaign::view)));
    router.put("/admin/campaigns/:id").handler(this::update);
    router.delete("/admin/campaigns/:id").handler(this::delete);
    router.post("/admin/campaigns/:id/pause").handler(ctx -> setPaused(ctx, true));
    router.post("/admin/campaigns/:id/resume").handler(ctx -> setPaused(ctx, false));
    router.get("/admin/audit").handler(this::audit);
  }

  @Override
  public Future<Void> close() {
    if (vertx != null) {
      vertx.cancelTimer(timer);
    }
    return pool == null ? Future.succeededFuture()
        : pool.close().compose(v -> vertx.executeBlocking(() -> {
          producer.closeBlocking();
          return null;
        }, false)).mapEmpty();
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Principal who = tokens.authenticate(header);
    if (who == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"gavel-admin\"");
      String why = tokens.none() ? "the admin API has no tokens: set GAVEL_ADMIN_BOOTSTRAP_TOKEN or admin.tokens"
          : header == null ? "an Authorization: Bearer <token> header is required" : "the bearer token is not known";
      JsonErrors.send(ctx, 401, "unauthorized", why);
      return;
    }
    if (ctx.request().method() != HttpMethod.GET && !who.mayWrite()) {
      JsonErrors.send(ctx, 403, "forbidden", "token '" + who.name() + "' may read, not change (role read)");
      return;
    }
    ctx.put(PRINCIPAL, who);
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    ObjectNode body = body(ctx, null);
    if (body == null) {
      return;
    }
    String id = body.get("id").asText();
    Future<StoredCampaign> created = store.create(id, body, CampaignRequests.paused(body, false), actor(ctx));
    answer(ctx, 201, created.compose(c -> propagated(c)).map(view -> {
      ctx.response().putHeader("Location", "/admin/campaigns/" + id);
      return view;
    }));
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ObjectNode body = body(ctx, id);
    if (body == null) {
      return;
    }
    Integer expected = CampaignRequests.expectedVersion(ctx);
    if (expected == null) {
      JsonErrors.send(ctx, 428, "version_required", "say which version this edit was made from: an If-Match header "
          + "(the ETag of GET) or a \"version\" field");
      return;
    }
    Boolean paused = CampaignRequests.paused(body, null);
    answer(ctx, 200, store.change(id, expected, actor(ctx), "update",
        held -> new StoredCampaign(id, body, held.version(), paused == null ? held.paused() : paused, false, null, null))
        .compose(this::propagated));
  }

  private void delete(RoutingContext ctx) {
    Integer expected = CampaignRequests.ifMatch(ctx);
    answer(ctx, 204, store.change(ctx.pathParam("id"), expected, actor(ctx), "delete",
        held -> new StoredCampaign(held.id(), held.body(), held.version(), held.paused(), true, null, null))
        .compose(this::propagated).map(v -> (JsonNode) null));
  }

  private void setPaused(RoutingContext ctx, boolean paused) {
    answer(ctx, 200, store.change(ctx.pathParam("id"), CampaignRequests.ifMatch(ctx), actor(ctx), paused ? "pause" : "resume",
        held -> held.paused() == paused ? held
            : new StoredCampaign(held.id(), held.body(), held.version(), paused, false, null, null))
        .compose(this::propagated));
  }

  private void audit(RoutingContext ctx) {
    String campaign = ctx.queryParams().get("campaign");
    int limit;
    try {
      limit = Integer.parseInt(ctx.queryParams().get("limit") == null ? "100" : ctx.queryParams().get("limit"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_AUDIT) {
      sendError(ctx, new AdminError(400, "invalid_parameter", "limit: expected 1 to " + MAX_AUDIT, "limit"));
      return;
    }
    answer(ctx, 200, store.audit(campaign, limit).map(entries -> {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.putArray("entries").addAll(entries);
      return out;
    }));
  }

  /** The request's campaign, or null when its error has been sent. */
  private ObjectNode body(RoutingContext ctx, String pathId) {
    try {
      return CampaignRequests.body(ctx, pathId, loader);
    } catch (AdminError e) {
      sendError(ctx, e);
      return null;
    }
  }

  private static String actor(RoutingContext ctx) {
    Principal who = ctx.get(PRINCIPAL);
    return who.name();
  }

  /** Sends the change to the campaigns topic, waiting for it; the answer says if it is still pending. */
  private Future<ObjectNode> propagated(StoredCampaign saved) {
    return outbox.flush().map(sent -> {
      ObjectNode view = saved.view();
      view.put("propagation", sent ? "sent" : "pending: saved, and sent to the serving nodes when Kafka takes it");
      return view;
    });
  }

  private static ObjectNode listing(List<StoredCampaign> campaigns) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("campaigns");
    campaigns.forEach(c -> list.add(c.view()));
    return out;
  }

  private static void answer(RoutingContext ctx, int status, Future<? extends JsonNode> result) {
    result.onComplete(done -> {
      if (done.failed()) {
        if (done.cause() instanceof AdminError e) {
          sendError(ctx, e);
        } else {
          LOG.error("admin {} {} failed", ctx.request().method(), ctx.request().path(), done.cause());
          JsonErrors.send(ctx, 503, "unavailable", "the campaign store cannot be reached: " + done.cause().getMessage());
        }
        return;
      }
      if (ctx.response().ended()) {
        return;
      }
      JsonNode node = done.result();
      if (node instanceof ObjectNode o && o.has("version")) {
        ctx.response().putHeader("ETag", "\"" + o.get("version").asInt() + "\"");
      }
      ctx.response().setStatusCode(status);
      if (node == null) {
        ctx.response().end();
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(node.toString());
      }
    });
  }

  private static void sendError(RoutingContext ctx, AdminError e) {
    io.vertx.core.json.JsonObject body = JsonErrors.body(e.code, e.getMessage());
    if (e.field != null) {
      body.put("field", e.field);
    }
    JsonErrors.send(ctx, e.status, body);
  }
}
