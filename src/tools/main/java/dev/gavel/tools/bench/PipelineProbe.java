package dev.gavel.tools.bench;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the event pipeline has done so far: impressions persisted in {@code tracking_events} and
 * charges in {@code spend_ledger} (read over JDBC), and the consumer groups' lag (Kafka admin).
 */
final class PipelineProbe implements AutoCloseable {

  /** Rows that count: persisted impression hits, and billed charges. */
  record Counts(long impressions, long charges) {
    JsonObject toJson() {
      return new JsonObject().put("impressions", impressions).put("charges", charges);
    }

    static Counts of(JsonObject json) {
      return new Counts(json.getLong("impressions"), json.getLong("charges"));
    }
  }

  private final String jdbcUrl;
  private final Admin admin;
  private final List<String> groups;
  private Connection connection;

  PipelineProbe(String jdbcUrl, String bootstrap, List<String> groups) {
    this.jdbcUrl = jdbcUrl;
    this.groups = groups;
    if (bootstrap == null) {
      this.admin = null;
    } else {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
      this.admin = Admin.create(p);
    }
  }

  Counts counts() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }
    try (Statement s = connection.createStatement()) {
      return new Counts(
          single(s, "SELECT count(*) FROM tracking_events WHERE kind = 'impression'"),
          single(s, "SELECT count(*) FROM spend_ledger WHERE kind = 'charge'"));
    } catch (SQLException e) {
      connection.close();
      connection = null;
      throw e;
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Records the groups have yet to commit, summed over their partitions; -1 when Kafka cannot say. */
  long lag() {
    if (admin == null) {
      return -1;
    }
    try {
      long total = 0;
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
          if (e.getValue() != null && ends.containsKey(e.getKey())) {
            total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
          }
        }
      }
      return total;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  @Override
  public void close() throws SQLException {
    if (admin != null) {
      admin.close();
    }
    if (connection != null) {
      connection.close();
    }
  }
}
