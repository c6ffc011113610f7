package dev.gavel.pipeline.fraud;

/** The stable ids of the invalid-traffic rules; they are stored with verdicts, so never rename one. */
public final class RuleIds {
  public static final String DUPLICATE_TOKEN = "ivt.duplicate_token";
  public static final String UNKNOWN_AUCTION = "ivt.unknown_auction";
  public static final String EXPIRED_TOKEN = "ivt.expired_token";
  public static final String CLICK_WITHOUT_IMPRESSION = "ivt.click_without_impression";
  public static final String BOT_USER_AGENT = "ivt.bot_user_agent";
  public static final String IP_RATE = "ivt.ip_rate";
  public static final String DATACENTER_IP = "ivt.datacenter_ip";

  private RuleIds() {}
}
