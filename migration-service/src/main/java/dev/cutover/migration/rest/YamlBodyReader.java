package dev.cutover.migration.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.support.rest.StrictJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

/** Reads plans written in YAML, the form DBAs keep them in; errors surface as 400 like JSON ones. */
@Provider
@Consumes({ YamlBodyReader.APPLICATION_YAML, YamlBodyReader.TEXT_YAML })
public class YamlBodyReader implements MessageBodyReader<RolloutPlan> {

    public static final String APPLICATION_YAML = "application/yaml";
    public static final String TEXT_YAML = "text/yaml";

    private final ObjectMapper yaml = StrictJson.strict(YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == RolloutPlan.class;
    }

    @Override
    public RolloutPlan readFrom(Class<RolloutPlan> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return yaml.readValue(entityStream, RolloutPlan.class);
    }
}
