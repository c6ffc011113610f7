package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gavel.testkit.LowerPriority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where Linux schedules sessions as groups, a child in a session of its own is lowered as a group, and this JVM's group is not. */
class LowerPriorityTest {

  @Test
  void aChildInASessionOfItsOwnIsLoweredAsAGroupAndThisProcessIsNot() throws Exception {
    Path own = Path.of("/proc/self/autogroup");
    assumeTrue(Files.exists(own) && "1".equals(Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).trim()),
        "no autogroup scheduling here");
    String before = Files.readString(own);
    List<String> command = new ArrayList<>(LowerPriority.prefix());
    assumeTrue(command.stream().anyMatch(p -> p.endsWith("setsid")), "no setsid here");
    command.addAll(List.of("sleep", "30"));
    Process child = new ProcessBuilder(command).start();
    try {
      LowerPriority.lowerSession(child.pid());
      assertThat(Files.readString(Path.of("/proc", String.valueOf(child.pid()), "autogroup"))).endsWith("nice " + LowerPriority.NICENESS + "\n");
      assertThat(Files.readString(own)).as("this JVM's own group").isEqualTo(before);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }
}
