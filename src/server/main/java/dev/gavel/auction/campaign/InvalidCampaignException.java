package dev.gavel.auction.campaign;

/** A campaign definition that cannot be used, naming the field at fault (empty: the whole campaign). */
public final class InvalidCampaignException extends IllegalArgumentException {
  private final String field;

  InvalidCampaignException(String message, String field) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
