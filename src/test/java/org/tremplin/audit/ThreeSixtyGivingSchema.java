package org.tremplin.audit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The official 360Giving package schema (src/test/resources/360giving, see its README), loaded offline with
 * networknt's validator: the grant schema's published URLs (1.4.2, referred to by the package; 1.4.3, its own id) are
 * mapped to the local copy. Formats are asserted, so that {@code oneOf [date-time, YYYY-MM-DD]} tells them apart.
 */
final class ThreeSixtyGivingSchema {

    static final String PACKAGE = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json";
    private static final String GRANT_142 = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json";
    private static final String GRANT_143 = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json";

    private static final Schema SCHEMA = load();

    private ThreeSixtyGivingSchema() {
    }

    /** The schema's errors for that JSON document (empty when valid). */
    static List<Error> validate(String json) {
        return SCHEMA.validate(json, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    private static Schema load() {
        String pack = resource("360giving/360-giving-package-schema.json");
        String grant = resource("360giving/360-giving-schema.json");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemas(Map.of(PACKAGE, pack, GRANT_142, grant, GRANT_143, grant)));
        return registry.getSchema(SchemaLocation.of(PACKAGE));
    }

    private static String resource(String path) {
        try (InputStream in = ThreeSixtyGivingSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
