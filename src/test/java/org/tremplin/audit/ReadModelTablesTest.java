package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.replay.ReadModelTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table a read model's reset handler empties is listed under its processing group in {@link ReadModelTables}:
 * otherwise the replay's checksums would not cover it (a row altered by hand would go unreported) and the H2 replay's
 * first mark would not name it. Read from the sources: the handlers that name their tables in the call.
 */
class ReadModelTablesTest {

    /** {@code @ProcessingGroup("name")} or {@code @ProcessingGroup(SomeProjection.PROCESSING_GROUP)}. */
    private static final Pattern GROUP = Pattern.compile("@ProcessingGroup\\((?:\"([^\"]+)\"|(\\w+)\\.PROCESSING_GROUP)\\)");
    private static final Pattern GROUP_CONSTANT = Pattern.compile("PROCESSING_GROUP = \"([^\"]+)\"");
    /** The tables named in the call, or the name of the constant list it is given. */
    private static final Pattern EMPTY = Pattern.compile("ReadModelReset\\.empty\\(jdbc,([^;]*)\\);");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z_0-9]+)\"");

    @Test
    void every_table_a_reset_handler_empties_is_listed_under_its_processing_group() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        Map<String, List<String>> emptied = new TreeMap<>();
        sources.forEach((name, code) -> {
            Matcher group = GROUP.matcher(code);
            Matcher empty = EMPTY.matcher(code);
            if (!group.find() || !empty.find()) {
                return;
            }
            String processingGroup = group.group(1);
            if (processingGroup == null) {
                Matcher constant = GROUP_CONSTANT.matcher(sources.get(group.group(2)));
                assertThat(constant.find()).as("%s.PROCESSING_GROUP", group.group(2)).isTrue();
                processingGroup = constant.group(1);
            }
            String arguments = empty.group(1).trim();
            if (arguments.matches("[A-Z_]+")) {
                // a constant list of the same class: its literals
                Matcher list = Pattern.compile(arguments + " = List\\.of\\(([^;]*)\\);").matcher(code);
                assertThat(list.find()).as("%s.%s", name, arguments).isTrue();
                arguments = list.group(1);
            }
            Matcher literal = LITERAL.matcher(arguments);
            while (literal.find()) {
                emptied.computeIfAbsent(processingGroup, g -> new ArrayList<>()).add(literal.group(1));
            }
        });

        assertThat(emptied).as("the handlers found").containsOnlyKeys(ReadModelTables.BY_PROCESSING_GROUP.keySet());
        emptied.forEach((group, tables) -> assertThat(ReadModelTables.BY_PROCESSING_GROUP.get(group))
                .as("ReadModelTables for %s", group).containsAll(tables));
    }

    @Test
    void the_models_replayed_in_segments_are_mapped_models() {
        assertThat(ReadModelTables.BY_AGGREGATE).isNotEmpty()
                .allSatisfy(group -> assertThat(ReadModelTables.BY_PROCESSING_GROUP).containsKey(group));
    }
}
