package dev.gavel.auction.campaign;

/** Why a campaign does not bid on a slot, in the order the checks are explained. */
public enum FilterReason {
  MEDIA_TYPE("media_type"),
  SIZE("size"),
  INVENTORY("inventory"),
  COUNTRY("country"),
  DEVICE_TYPE("device_type"),
  BLOCKED("blocked"),
  FLIGHT("flight"),
  BUDGET_EXHAUSTED("budget_exhausted"),
  PACING("pacing"),
  DEAL("deal");

  private final String key;

  FilterReason(String key) {
    this.key = key;
  }

  /** The snake_case key used in explanations. */
  public String key() {
    return key;
  }
}
