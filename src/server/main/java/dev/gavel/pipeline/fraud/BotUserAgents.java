package dev.gavel.pipeline.fraud;

import java.util.Optional;
import java.util.Set;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * {@code ivt.bot_user_agent}: robots, crawlers, spiders and hacking tools by their declared user
 * agent, as Yauaa classifies them (curl, python-requests and Googlebot all come out as Robot).
 * A missing user agent counts too: every browser sends one.
 */
final class BotUserAgents {

  private static final Set<String> BOT_DEVICE_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");
  private static final Set<String> BOT_AGENT_CLASSES = Set.of("Robot", "Robot Mobile", "Special", "Hacker");
  private static final int MAX_QUOTED_CHARS = 100;
  private static final int PREHEAT_CASES = 2000;

  private final UserAgentAnalyzer analyzer;

  /** @param analyzer shared and thread-safe; build it once with {@link #newAnalyzer()} */
  BotUserAgents(UserAgentAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * Loads Yauaa's rules (over a second, and tens of MB) with only the fields this rule reads and a
   * cache for the few user agents that make up most traffic. Build one per process, on a worker
   * thread (it takes about a second), and share it.
   */
  public static UserAgentAnalyzer newAnalyzer() {
    return UserAgentAnalyzer.newBuilder()
        .hideMatcherLoadStats()
        .withCache(10_000)
        .withField(UserAgent.DEVICE_CLASS)
        .withField(UserAgent.AGENT_CLASS)
        .withField(UserAgent.AGENT_NAME)
        // Matchers otherwise initialise lazily on the first parse: ~1 s on an event loop.
        .immediateInitialization()
        // Parses Yauaa's own test user agents first (about a second), so its parser is compiled
        // before traffic: cold, it kept the JIT busy for seconds after Gavel reported ready.
        .preheat(PREHEAT_CASES)
        // ... and then lets go of them: 5,600 test cases are 25 MB of heap that nothing else reads.
        .dropTests()
        .build();
  }

  /** The evidence when the user agent is a bot's, e.g. "user agent 'curl/8.5.0' is Robot". */
  Optional<String> botEvidence(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return Optional.of("no user agent");
    }
    UserAgent parsed = analyzer.parse(userAgent);
    String deviceClass = parsed.getValue(UserAgent.DEVICE_CLASS);
    String agentClass = parsed.getValue(UserAgent.AGENT_CLASS);
    String verdict = BOT_DEVICE_CLASSES.contains(deviceClass) ? deviceClass
        : BOT_AGENT_CLASSES.contains(agentClass) ? "agent class " + agentClass
        : null;
    return Optional.ofNullable(verdict).map(v -> "user agent '" + quoted(userAgent) + "' is " + v);
  }

  private static String quoted(String userAgent) {
    String shown = userAgent.length() <= MAX_QUOTED_CHARS ? userAgent : userAgent.substring(0, MAX_QUOTED_CHARS) + "...";
    // Keep evidence one printable line whatever the client sent.
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
