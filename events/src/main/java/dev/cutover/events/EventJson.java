package dev.cutover.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of events on the wire. Unknown fields are ignored so a producer may add fields
 * within a schema version; a payload of a newer schema version than this build knows is refused.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    public static String write(CutoverEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static CutoverEvent read(String topic, String json) {
        return read(Topics.eventType(topic), json);
    }

    public static <T extends CutoverEvent> T read(Class<T> type, String json) {
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        int known = knownSchemaVersion(type);
        if (event.schemaVersion() > known) {
            throw new MalformedEventException(type.getSimpleName() + " schemaVersion " + event.schemaVersion()
                    + " is newer than this build understands (" + known + ")", null);
        }
        if (event.eventId() == null || event.rolloutId() == null || event.occurredAt() == null) {
            throw new MalformedEventException(type.getSimpleName() + " lacks eventId, rolloutId or occurredAt", null);
        }
        return event;
    }

    private static int knownSchemaVersion(Class<?> type) {
        try {
            return type.getField("SCHEMA_VERSION").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " declares no SCHEMA_VERSION", e);
        }
    }

    /** A payload that is not a valid event of its topic. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
