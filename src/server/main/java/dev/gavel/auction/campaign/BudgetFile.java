package dev.gavel.auction.campaign;

import dev.gavel.events.Spend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The last spend a serving node read, kept on its local disk so that a restart during a
 * PostgreSQL outage still knows the budgets ({@code auction.budgetSnapshotFile}). It is a lower
 * bound of spend: what was spent after it was written is not in it. A snapshot of an earlier UTC
 * day keeps its totals and forgets its day's spend, which belongs to that day. Blocking: call
 * from a worker.
 */
public final class BudgetFile {

  /** A snapshot and when it was read from billing. */
  public record Kept(BudgetSnapshot snapshot, Instant readAt) {}

  private BudgetFile() {}

  /** Replaces the file in one step (a reader never sees half of it). */
  public static void write(Path file, BudgetSnapshot snapshot, Instant readAt) throws IOException {
    JsonObject spend = new JsonObject();
    snapshot.spend().forEach((id, s) -> spend.put(id, new JsonArray().add(s.todayMicros()).add(s.totalMicros())));
    byte[] bytes = new JsonObject().put("readAt", readAt.toString()).put("spend", spend).encode().getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The kept snapshot, or null when none was kept; an IOException when it cannot be read. */
  public static Kept read(Path file, Instant now) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    JsonObject json;
    Instant readAt;
    try {
      json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      readAt = Instant.parse(json.getString("readAt"));
    } catch (RuntimeException e) {
      throw new IOException("budget snapshot " + file + " is unreadable: " + e.getMessage(), e);
    }
    boolean sameDay = readAt.atZone(ZoneOffset.UTC).toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate());
    Map<String, Spend> spend = new HashMap<>();
    JsonObject entries = json.getJsonObject("spend", new JsonObject());
    for (String id : entries.fieldNames()) {
      JsonArray pair = entries.getJsonArray(id);
      spend.put(id, new Spend(sameDay ? pair.getLong(0) : 0, pair.getLong(1)));
    }
    return new Kept(BudgetSnapshot.of(spend), readAt);
  }
}
