package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * OpenRTB 2.6 User (section 3.2.20). Extended ids are passed through untouched, so they stay
 * JSON objects rather than a model of their own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
    String id,
    String buyeruid,
    Integer yob,
    String gender,
    String keywords,
    String consent,
    Geo geo,
    List<ObjectNode> eids,
    ObjectNode ext) {

  public User {
    eids = Lists.copyOrNull(eids);
  }
}
