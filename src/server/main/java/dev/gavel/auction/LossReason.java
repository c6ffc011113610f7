package dev.gavel.auction;

/** The OpenRTB 2.6 loss reason codes Gavel reports, in one place so reports and events agree. */
public final class LossReason {
  public static final int WON = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int EXPIRED = 2;
  public static final int INVALID_BID_RESPONSE = 3;
  public static final int INVALID_DEAL_ID = 4;
  public static final int INVALID_ADOMAIN = 6;
  public static final int MISSING_MARKUP = 7;
  public static final int MISSING_PRICE = 9;
  public static final int BELOW_AUCTION_FLOOR = 100;
  public static final int BELOW_DEAL_FLOOR = 101;
  public static final int LOST_TO_HIGHER_BID = 102;
  public static final int LOST_TO_DEAL_BID = 103;
  public static final int BUYER_SEAT_BLOCKED = 104;
  public static final int SIZE_NOT_ALLOWED = 203;
  public static final int ADVERTISER_EXCLUSION = 205;
  public static final int CREATIVE_NOT_SECURE = 207;
  public static final int CATEGORY_EXCLUSION = 209;
  public static final int NOT_ALLOWED_IN_PRIVATE_AUCTION = 213;

  private LossReason() {}
}
