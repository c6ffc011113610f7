package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Regs (section 3.2.3): the privacy regulations that apply to the request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Regs(
    Integer coppa,
    Integer gdpr,
    @JsonProperty("us_privacy") String usPrivacy,
    String gpp,
    @JsonProperty("gpp_sid") List<Integer> gppSid,
    ObjectNode ext) {

  public Regs {
    gppSid = Lists.copyOrNull(gppSid);
  }
}
