package dev.gavel.auction;

/**
 * One reason a bid request cannot be auctioned: where ({@code imp[2].id}) and what, in a few
 * words fit to send back to the caller.
 */
public record ValidationProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
