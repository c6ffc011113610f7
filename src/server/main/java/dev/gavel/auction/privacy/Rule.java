package dev.gavel.auction.privacy;

/**
 * What a privacy signal makes Gavel remove from a request before a recipient sees it; the label
 * is the {@code action} of {@code gavel_privacy_actions_total} and what the auction event records.
 */
public enum Rule {
  COPPA("coppa", "child-directed (regs.coppa): user and device ids, eids, yob, gender and keywords removed, IP masked, precise geo removed",
      true, true, true),
  NO_PERSONALISED_ADS("tcf_no_purpose4", "no TCF purpose 4 consent for this vendor: user and device ids and eids removed",
      true, false, false),
  NO_PRECISE_GEO("tcf_no_special_feature1", "no TCF special feature 1 opt-in: IP masked, precise geo removed", false, true, false),
  US_OPT_OUT("us_opt_out", "opted out of sale or sharing (US Privacy / GPP): user and device ids and eids removed, IP masked, "
      + "precise geo removed", true, true, false);

  private final String label;
  private final String description;
  final boolean removesIds;
  final boolean masksGeo;
  final boolean removesDemographics;

  Rule(String label, String description, boolean removesIds, boolean masksGeo, boolean removesDemographics) {
    this.label = label;
    this.description = description;
    this.removesIds = removesIds;
    this.masksGeo = masksGeo;
    this.removesDemographics = removesDemographics;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }
}
