package dev.gavel.pipeline.fraud;

import nl.basjes.parse.useragent.UserAgentAnalyzer;

/** Yauaa takes over a second to build: one analyzer per test JVM, built on first use (holder idiom). */
final class SharedAnalyzer {

  static final UserAgentAnalyzer INSTANCE = InvalidTrafficDetector.newUserAgentAnalyzer();

  private SharedAnalyzer() {}
}
