package org.talentpool.council;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Short JSON descriptions of states for the audit log's before/after columns. */
final class AuditStates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditStates() {}

    /** {@code json("status", "known", "reason", null)} → {@code {"status":"known"}}; null values are left out. */
    static String json(Object... namesAndValues) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                state.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
            }
        }
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit state cannot be written as JSON", e);
        }
    }

    static String of(Council council) {
        return json("status", council.status().dbValue(), "reason", council.statusReason());
    }
}
