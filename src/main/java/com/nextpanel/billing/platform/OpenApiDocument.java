package com.nextpanel.billing.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Corrects the OpenAPI document Payara generates (mp.openapi.filter), so that it describes the
 * API as it is on the wire and passes a validator.
 */
public class OpenApiDocument implements OASFilter {

    /** JsonConfig reads and writes snake_case; the generator names properties after the Java fields. */
    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(Naming.snakeCase(name), property));
            schema.setProperties(renamed);
        }
        List<String> required = schema.getRequired();
        if (required != null && !required.isEmpty()) {
            schema.setRequired(required.stream().map(Naming::snakeCase).toList());
        }
        return schema;
    }

    /**
     * Each tag once; and Payara 6 adds a top-level "endpoints" map that is not part of OpenAPI
     * (validators reject it; later Payara names it x-endpoints); no setting turns it off, so it is
     * emptied here, which leaves it out of the document.
     */
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        dropRepeatedTags(openAPI);
        try {
            if (openAPI.getClass().getMethod("getEndpoints").invoke(openAPI) instanceof Map<?, ?> endpoints) {
                endpoints.clear();
            }
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            // another server, or a Payara without the map: nothing to remove
        }
    }

    /** Payara lists a tag once per resource class that names it; a document names each tag once. */
    private static void dropRepeatedTags(OpenAPI openAPI) {
        List<Tag> tags = openAPI.getTags();
        if (tags != null) {
            Map<String, Tag> once = new LinkedHashMap<>();
            tags.forEach(tag -> once.putIfAbsent(tag.getName(), tag));
            openAPI.setTags(new ArrayList<>(once.values()));
        }
    }
}
