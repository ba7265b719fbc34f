package dev.cutover.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

class StrictJsonTest {

    record Named(String name, int count) {
    }

    private final ObjectMapper json = StrictJson.strict(new ObjectMapper());

    @Test
    void textPostgresqlCannotStoreIsRefusedNamingTheField() {
        InvalidFormatException nul = assertThrows(InvalidFormatException.class,
                () -> json.readValue("{\"name\": \"a\\u0000b\", \"count\": 1}", Named.class));
        assertEquals("name", nul.getPath().get(0).getFieldName());
        assertThrows(InvalidFormatException.class, () -> json.readValue("{\"name\": \"\\ud800\", \"count\": 1}", Named.class));
        assertEquals("a\uD83D\uDE00b", assertDoesNotThrow("{\"name\": \"a\\ud83d\\ude00b\", \"count\": 1}").name(), "a pair is fine");
    }

    @Test
    void duplicatesTrailingContentAndCoercionAreRefused() {
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\": \"a\", \"name\": \"b\", \"count\": 1}", Named.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\": \"a\", \"count\": 1} {}", Named.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\": \"a\", \"count\": \"1\"}", Named.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\": 5, \"count\": 1}", Named.class));
    }

    @Test
    void storableKnowsPairsFromLoneSurrogates() {
        assertTrue(StrictJson.storable("plain \uD83D\uDE00"));
        assertFalse(StrictJson.storable("a\0"));
        assertFalse(StrictJson.storable("\uDC00"));
        assertFalse(StrictJson.storable("\uD800x"));
    }

    private Named assertDoesNotThrow(String text) {
        try {
            return json.readValue(text, Named.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
