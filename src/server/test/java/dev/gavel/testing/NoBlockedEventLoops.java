package dev.gavel.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails any test during which Vert.x reported a blocked event loop or worker. Registered for every
 * test through the JUnit service loader (see junit-platform.properties).
 */
public final class NoBlockedEventLoops implements BeforeEachCallback, AfterEachCallback {
  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final Recorder RECORDER = new Recorder();

  static {
    Logger logger = (Logger) LoggerFactory.getLogger(CHECKER);
    RECORDER.setContext(logger.getLoggerContext());
    RECORDER.start();
    logger.addAppender(RECORDER);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    RECORDER.warnings.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!RECORDER.warnings.isEmpty()) {
      throw new AssertionError("Vert.x reported a blocked thread during this test: " + RECORDER.warnings.get(0));
    }
  }

  private static final class Recorder extends AppenderBase<ILoggingEvent> {
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
        warnings.add(event.getFormattedMessage());
      }
    }
  }
}
