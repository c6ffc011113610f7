package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenRTB 2.6 Format (section 3.2.10): an exact size or a flexible ratio. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Format(
    Integer w, Integer h, Integer wratio, Integer hratio, Integer wmin, ObjectNode ext) {}
