package dev.gavel.tools.local;

import dev.gavel.Infrastructure;
import dev.gavel.Main;
import dev.gavel.testkit.ParentWatch;
import java.util.Arrays;

/**
 * The child's entry point ({@link ConsumerProcess}): Gavel as {@link Main} runs it, on the config
 * and environment the local run handed down (the consume role, the embedded services' addresses),
 * stopping when the local run that started it is gone.
 */
public final class LocalConsumers {
  private LocalConsumers() {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains(ParentWatch.FLAG)) {
      ParentWatch.exitWhenClosed(System.in); // the exit runs Main's shutdown hook: a clean stop
    }
    Main.run(args, Infrastructure.NONE);
  }
}
