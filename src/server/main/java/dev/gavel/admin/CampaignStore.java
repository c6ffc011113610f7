package dev.gavel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.campaign.CampaignLoader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The campaigns in PostgreSQL, with the audit of every change in the same transaction. Versions
 * make concurrent edits safe: an edit names the version it was made from, and loses (409) if
 * another landed first. The row is locked for the check, so two nodes' admin APIs agree too.
 */
final class CampaignStore {
  private static final String COLUMNS = "id, body::text AS body, version, paused, deleted, updated_at, updated_by";
  private static final String SELECT_LOCKED = "SELECT " + COLUMNS + " FROM campaigns WHERE id = $1 FOR UPDATE";
  private static final String UPSERT = "INSERT INTO campaigns (id, body, version, paused, deleted, updated_at, updated_by) "
      + "VALUES ($1, $2::text::jsonb, $3, $4, $5, now(), $6) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, "
      + "version = EXCLUDED.version, paused = EXCLUDED.paused, deleted = EXCLUDED.deleted, updated_at = now(), "
      + "updated_by = EXCLUDED.updated_by RETURNING " + COLUMNS;
  private static final String AUDIT = "INSERT INTO campaign_audit (actor, action, campaign_id, version, before, after) "
      + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb)";
  private static final String AUDIT_READ = "SELECT seq, at, actor, action, campaign_id, version, before::text AS before, "
      + "after::text AS after FROM campaign_audit WHERE ($1::text IS NULL OR campaign_id = $1) ORDER BY seq DESC LIMIT $2";

  private final Pool pool;
  private final CampaignLoader loader = new CampaignLoader();

  CampaignStore(Pool pool) {
    this.pool = pool;
  }

  Future<List<StoredCampaign>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM campaigns WHERE NOT deleted ORDER BY id").execute().map(this::campaigns);
  }

  Future<StoredCampaign> get(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaigns WHERE id = $1 AND NOT deleted").execute(Tuple.of(id))
        .map(rows -> {
          List<StoredCampaign> found = campaigns(rows);
          if (found.isEmpty()) {
            throw AdminError.notFound(id);
          }
          return found.get(0);
        });
  }

  /** A new campaign at version 1, or above a deleted one of the same id. */
  Future<StoredCampaign> create(String id, JsonNode body, boolean paused, String actor) {
    return pool.withTransaction(conn -> locked(conn, id).compose(held -> {
      if (held != null && !held.deleted()) {
        throw new AdminError(409, "exists", "campaign \"" + id + "\" exists (version " + held.version() + "): PUT to change it", "id");
      }
      StoredCampaign next = new StoredCampaign(id, body, held == null ? 1 : held.version() + 1, paused, false, null, actor);
      return write(conn, held, next, "create");
    }));
  }

  /**
   * Changes a campaign that exists: {@code edit} makes the next state from the held one (the same
   * object: nothing to do). {@code expectedVersion} null: no check (pause and resume).
   */
  Future<StoredCampaign> change(String id, Integer expectedVersion, String actor, String action, UnaryOperator<StoredCampaign> edit) {
    return pool.withTransaction(conn -> locked(conn, id).compose(held -> {
      if (held == null || held.deleted()) {
        throw AdminError.notFound(id);
      }
      if (expectedVersion != null && expectedVersion != held.version()) {
        throw new AdminError(409, "version_conflict", "campaign \"" + id + "\" is at version " + held.version()
            + ", the change was made from version " + expectedVersion + ": read it again and retry", "version");
      }
      StoredCampaign next = edit.apply(held);
      if (next == held) {
        return Future.succeededFuture(held);
      }
      return write(conn, held, new StoredCampaign(id, next.body(), held.version() + 1, next.paused(), next.deleted(), null, actor), action);
    }));
  }

  /** Fills an empty store (never one that has held anything) from the campaign file; how many were added. */
  Future<Integer> seedIfEmpty(List<JsonNode> entries, String actor) {
    return pool.withTransaction(conn -> conn.query("LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE").execute()
        .compose(v -> conn.query("SELECT count(*) FROM campaigns").execute())
        .compose(count -> {
          if (count.iterator().next().getLong(0) > 0) {
            return Future.succeededFuture(0);
          }
          Future<StoredCampaign> chain = Future.succeededFuture();
          for (JsonNode entry : entries) {
            ObjectNode body = ((ObjectNode) entry).deepCopy();
            String id = body.get("id").asText();
            chain = chain.compose(x -> write(conn, null, new StoredCampaign(id, body, 1, false, false, null, actor), "seed"));
          }
          return chain.map(x -> entries.size());
        }));
  }

  /** Rows whose newest version has not reached the campaigns topic yet. */
  Future<List<StoredCampaign>> unpublished() {
    return pool.query("SELECT " + COLUMNS + " FROM campaigns WHERE published_version < version ORDER BY updated_at").execute()
        .map(this::campaigns);
  }

  Future<Void> markPublished(String id, int version) {
    return pool.preparedQuery("UPDATE campaigns SET published_version = GREATEST(published_version, $2) WHERE id = $1")
        .execute(Tuple.of(id, version)).mapEmpty();
  }

  /** The newest changes first; {@code campaignId} null: of every campaign. */
  Future<List<ObjectNode>> audit(String campaignId, int limit) {
    return pool.preparedQuery(AUDIT_READ).execute(Tuple.of(campaignId, limit)).map(rows -> {
      List<ObjectNode> out = new ArrayList<>();
      for (Row r : rows) {
        ObjectNode e = JsonNodeFactory.instance.objectNode().put("seq", r.getLong("seq"))
            .put("at", r.getOffsetDateTime("at").toInstant().toString()).put("actor", r.getString("actor"))
            .put("action", r.getString("action")).put("campaignId", r.getString("campaign_id")).put("version", r.getInteger("version"));
        e.set("before", json(r.getString("before")));
        e.set("after", json(r.getString("after")));
        out.add(e);
      }
      return out;
    });
  }

  private Future<StoredCampaign> locked(SqlConnection conn, String id) {
    return conn.preparedQuery(SELECT_LOCKED).execute(Tuple.of(id)).map(rows -> {
      List<StoredCampaign> found = campaigns(rows);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  private Future<StoredCampaign> write(SqlConnection conn, StoredCampaign before, StoredCampaign next, String action) {
    Tuple row = Tuple.of(next.id(), next.body().toString(), next.version(), next.paused(), next.deleted(), next.updatedBy());
    return conn.preparedQuery(UPSERT).execute(row).compose(rows -> {
      StoredCampaign written = campaigns(rows).get(0);
      Tuple audit = Tuple.of(next.updatedBy(), action, next.id(), next.version(), text(before == null ? null : before.auditState()),
          text(written.auditState()));
      return conn.preparedQuery(AUDIT).execute(audit).map(written);
    });
  }

  private static String text(ObjectNode node) {
    return node == null ? null : node.toString();
  }

  private JsonNode json(String text) {
    return text == null ? JsonNodeFactory.instance.nullNode() : loader.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private List<StoredCampaign> campaigns(RowSet<Row> rows) {
    List<StoredCampaign> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new StoredCampaign(r.getString("id"), json(r.getString("body")), r.getInteger("version"), r.getBoolean("paused"),
          r.getBoolean("deleted"), r.getOffsetDateTime("updated_at"), r.getString("updated_by")));
    }
    return out;
  }
}
