package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenRTB 2.6 Source (section 3.2.2). The supply chain is forwarded as-is, so it stays a JSON
 * object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(Integer fd, String tid, String pchain, ObjectNode schain, ObjectNode ext) {}
