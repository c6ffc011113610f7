package dev.gavel.auction.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.Spend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetFileTest {
  private static final Instant READ_AT = Instant.parse("2026-12-01T10:15:00Z");
  @TempDir Path dir;

  @Test
  void aKeptSnapshotIsReadBackTheSameDay() throws IOException {
    Path file = dir.resolve("nested/budgets.json");
    BudgetFile.write(file, BudgetSnapshot.of(Map.of("a", new Spend(1_500, 90_000))), READ_AT);

    BudgetFile.Kept kept = BudgetFile.read(file, READ_AT.plusSeconds(3600));

    assertThat(kept.readAt()).isEqualTo(READ_AT);
    assertThat(kept.snapshot().known()).isTrue();
    assertThat(kept.snapshot().spentTodayMicros("a")).isEqualTo(1_500);
    assertThat(kept.snapshot().spentTotalMicros("a")).isEqualTo(90_000);
    assertThat(Files.list(file.getParent())).as("no temporary file left behind").containsExactly(file);
  }

  @Test
  void aSnapshotOfAnEarlierDayKeepsTotalsButNotThatDaysSpend() throws IOException {
    Path file = dir.resolve("budgets.json");
    BudgetFile.write(file, BudgetSnapshot.of(Map.of("a", new Spend(1_500, 90_000))), READ_AT);

    BudgetSnapshot next = BudgetFile.read(file, Instant.parse("2026-12-02T00:00:01Z")).snapshot();

    assertThat(next.spentTodayMicros("a")).isZero();
    assertThat(next.spentTotalMicros("a")).isEqualTo(90_000);
  }

  @Test
  void noFileIsNoSnapshotAndAnUnreadableOneSaysWhere() throws IOException {
    assertThat(BudgetFile.read(dir.resolve("absent.json"), READ_AT)).isNull();
    Path torn = dir.resolve("torn.json");
    Files.writeString(torn, "{\"readAt\":\"2026-12-01T10:");
    assertThatThrownBy(() -> BudgetFile.read(torn, READ_AT)).isInstanceOf(IOException.class).hasMessageContaining(torn.toString());
  }

  @Test
  void unknownSpendIsNotTheSameAsNothingSpent() {
    assertThat(BudgetSnapshot.UNKNOWN.known()).isFalse();
    assertThat(BudgetSnapshot.EMPTY.known()).isTrue();
  }
}
