package dev.gavel.auction.privacy;

import com.iab.gpp.encoder.GppModel;
import java.util.List;

/**
 * What Gavel reads from an IAB Global Privacy Platform string: the TCF EU section (id 2), which
 * is a TCF consent string, and the US sections (US Privacy, id 6; US National and the states,
 * 7-22), where a sale, sharing or targeted-advertising opt-out, or Global Privacy Control, means
 * opted out. Only the sections that apply ({@code regs.gpp_sid}; every section when it is empty).
 */
record GppString(String tcfEu, boolean usOptOut, String usReason) {
  private static final int TCF_EU = 2;
  private static final int US_PRIVACY = 6;
  private static final int FIRST_US_SECTION = 7;
  private static final int LAST_US_SECTION = 22;
  private static final List<String> OPT_OUTS = List.of("SaleOptOut", "SharingOptOut", "TargetedAdvertisingOptOut");
  /** In the US sections, 1 is "opted out" (2 is "did not opt out", 0 "not applicable"). */
  private static final int OPTED_OUT = 1;

  /** @throws IllegalArgumentException when the string cannot be read */
  static GppString decode(String gpp, List<Integer> applicable) {
    GppModel model;
    List<Integer> present;
    try {
      model = new GppModel(gpp);
      present = model.getSectionIds();
    } catch (RuntimeException e) { // the decoder's own exceptions are unchecked
      throw new IllegalArgumentException("undecodable GPP string (" + e.getClass().getSimpleName() + ")", e);
    }
    String tcfEu = null;
    String usReason = null;
    String[] parts = gpp.split("~");
    for (int i = 0; i < present.size(); i++) {
      int sid = present.get(i);
      if (!applicable.isEmpty() && !applicable.contains(sid)) {
        continue;
      }
      try {
        if (sid == TCF_EU && i + 1 < parts.length) {
          tcfEu = parts[i + 1]; // the TCF EU section is encoded as a TCF consent string
        } else if (usReason == null) {
          usReason = usOptOut(model, sid);
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("undecodable GPP section " + sid + " (" + e.getClass().getSimpleName() + ")", e);
      }
    }
    return new GppString(tcfEu, usReason != null, usReason);
  }

  /** Why section {@code sid} opts the user out, or null. */
  private static String usOptOut(GppModel model, int sid) {
    if (sid == US_PRIVACY) {
      Object sale = model.getFieldValue(sid, "OptOutSale");
      return Character.valueOf('Y').equals(sale) ? "GPP US Privacy section: opted out of sale" : null;
    }
    if (sid < FIRST_US_SECTION || sid > LAST_US_SECTION) {
      return null;
    }
    for (String field : OPT_OUTS) {
      if (model.hasField(sid, field) && Integer.valueOf(OPTED_OUT).equals(model.getFieldValue(sid, field))) {
        return "GPP section " + sid + ": " + field;
      }
    }
    return model.hasField(sid, "Gpc") && Boolean.TRUE.equals(model.getFieldValue(sid, "Gpc"))
        ? "GPP section " + sid + ": Global Privacy Control" : null;
  }
}
