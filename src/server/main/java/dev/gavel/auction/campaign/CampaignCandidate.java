package dev.gavel.auction.campaign;

/**
 * A campaign that may bid on a slot, and how.
 *
 * @param size the size the bid is for: the creative's, or for a fluid creative the slot size it
 *     fills; null when neither gives one (native, audio, a video slot without a player size)
 * @param dealId the deal the bid is for, or null for the open auction
 */
public record CampaignCandidate(Campaign campaign, MediaType mediaType, Size size, String dealId) {

  public boolean isDeal() {
    return dealId != null;
  }
}
