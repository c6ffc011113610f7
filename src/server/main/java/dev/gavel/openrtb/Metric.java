package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenRTB 2.6 Metric (section 3.2.5); {@code value} is a probability, not money. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(String type, Double value, String vendor, ObjectNode ext) {}
