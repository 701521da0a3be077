package org.tremplin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation in the repository stays true to the repository: every relative link of {@code README.md} and
 * {@code src/docs/**}{@code /*.md} leads to a file that exists (and to a heading that exists, when it names one), and
 * {@code src/docs/aggregates.md} names every aggregate and every command and event record of the code, and no
 * message the code no longer has. Run alone: {@code mvn -q -o test -Dtest=DocsTest}.
 */
class DocsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DOCS = ROOT.resolve("src/docs");
    static final Path SOURCES = ROOT.resolve("src/main/java/org/tremplin");
    static final Path AGGREGATES = DOCS.resolve("aggregates.md");

    // ---------------------------------------------------------------- the repository's docs

    @Test
    void every_relative_link_of_the_docs_resolves() {
        List<Path> files = markdownFiles(ROOT);
        assertThat(files).as("README.md and src/docs/**/*.md").hasSizeGreaterThan(10);
        assertThat(files.stream().mapToLong(file -> links(read(file)).size()).sum()).as("links found").isGreaterThan(50);
        List<String> broken = brokenLinks(files);
        assertThat(broken).as("links that lead nowhere (file: link -> why)").isEmpty();
    }

    @Test
    void the_aggregates_table_names_every_aggregate_command_and_event_of_the_code() {
        Set<String> code = messageRecords(SOURCES);
        code.addAll(aggregates(SOURCES));
        assertThat(code).as("the scan found the code's messages").hasSizeGreaterThan(100);
        String table = read(AGGREGATES);
        List<String> missing = missingFrom(table, code);
        assertThat(missing).as("in the code but not in src/docs/aggregates.md").isEmpty();
    }

    @Test
    void the_aggregates_table_names_no_message_the_code_no_longer_has() {
        Set<String> code = messageRecords(SOURCES);
        List<String> stale = staleIn(read(AGGREGATES), code);
        assertThat(stale).as("in src/docs/aggregates.md but no *Command/*Event record of an api package").isEmpty();
    }

    // ---------------------------------------------------------------- the checks fail when they should

    @Test
    void a_link_to_a_missing_file_or_heading_is_reported_and_a_good_one_is_not(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src/docs/decisions"));
        Files.writeString(dir.resolve("README.md"), String.join("\n",
                "# Title", "See [docs](src/docs/a.md), [a heading](src/docs/a.md#one-step-per-transaction),",
                "[gone](src/docs/gone.md), [bad anchor](src/docs/a.md#nowhere), [web](https://example.org/x.md),",
                "[self](#title), `[code](not/checked.md)`", "```", "[fenced](not/checked/either.md)", "```"));
        Files.writeString(dir.resolve("src/docs/a.md"), String.join("\n",
                "## One step per transaction", "[up](../../README.md) ![img](decisions/missing.png) [dir](decisions/)"));
        List<String> broken = brokenLinks(markdownFiles(dir));
        assertThat(broken).hasSize(3);
        assertThat(String.join("\n", broken)).contains("src/docs/gone.md", "#nowhere", "decisions/missing.png")
                .doesNotContain("checked", "example.org", "#title", "one-step-per-transaction");
    }

    @Test
    void a_message_missing_from_the_table_or_left_in_it_is_reported(@TempDir Path dir) throws IOException {
        Path api = Files.createDirectories(dir.resolve("shop/api"));
        Path command = Files.createDirectories(dir.resolve("shop/command"));
        Files.writeString(api.resolve("PlaceOrderCommand.java"), "package shop.api;\npublic record PlaceOrderCommand(String id) {}");
        Files.writeString(api.resolve("OrderPlacedEvent.java"), "package shop.api;\npublic record OrderPlacedEvent(String id) {}");
        Files.writeString(api.resolve("OrderEvent.java"), "package shop.api;\npublic sealed interface OrderEvent {}");
        Files.writeString(command.resolve("Order.java"), "package shop.command;\n@Aggregate\npublic class Order {}");
        Set<String> code = messageRecords(dir);
        assertThat(code).containsExactlyInAnyOrder("PlaceOrderCommand", "OrderPlacedEvent");
        code.addAll(aggregates(dir));
        String table = "| `Order` | `PlaceOrderCommand` | `OrderShippedEvent` |";
        assertThat(missingFrom(table, code)).containsExactly("OrderPlacedEvent");
        assertThat(staleIn(table, code)).containsExactly("OrderShippedEvent");
        assertThat(missingFrom("| `PlaceOrderCommand`, `OrderPlacedEvent` |", code)).containsExactly("Order");
    }

    // ---------------------------------------------------------------- links

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /** README.md and every Markdown file under src/docs. */
    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("src/docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Each broken relative link as "file: target -> why"; links to the web and inside code are not followed. */
    static List<String> brokenLinks(List<Path> files) {
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            for (String target : links(read(file))) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: ...
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                String where = file.getFileName() + " (" + file + "): " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " -> no such file " + resolved);
                } else if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                        && !anchors(read(resolved)).contains(anchor)) {
                    broken.add(where + " -> no heading #" + anchor + " in " + resolved);
                }
            }
        }
        return broken;
    }

    /** The link targets of a Markdown text, fenced code blocks and inline code left out. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (matcher.find()) {
                targets.add(matcher.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
            String slug = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFC)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }

    // ---------------------------------------------------------------- messages and aggregates

    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+([A-Z][A-Za-z0-9]*(?:Command|Event))\\s*[(<]");
    private static final Pattern AGGREGATE = Pattern.compile("(?m)^@Aggregate\\b[\\s\\S]*?\\bclass\\s+([A-Z][A-Za-z0-9]*)");
    private static final Pattern NAMED_MESSAGE = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Command|Event))`");

    /** The {@code *Command} and {@code *Event} records declared in the api packages under the root. */
    static Set<String> messageRecords(Path root) {
        Set<String> names = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            if (file.getParent().getFileName().toString().equals("api")) {
                Matcher record = RECORD.matcher(read(file));
                while (record.find()) {
                    names.add(record.group(1));
                }
            }
        }
        return names;
    }

    /** The classes annotated {@code @Aggregate} under the root. */
    static Set<String> aggregates(Path root) {
        Set<String> names = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            Matcher aggregate = AGGREGATE.matcher(read(file));
            if (aggregate.find()) {
                names.add(aggregate.group(1));
            }
        }
        return names;
    }

    /** The names the table does not mention as a word, in alphabetical order. */
    static List<String> missingFrom(String table, Set<String> names) {
        return names.stream().filter(name -> !Pattern.compile("\\b" + name + "\\b").matcher(table).find()).sorted().toList();
    }

    /** The {@code `XxxCommand`} / {@code `XxxEvent`} names in the table that the code does not declare. */
    static List<String> staleIn(String table, Set<String> code) {
        Set<String> stale = new TreeSet<>();
        Matcher named = NAMED_MESSAGE.matcher(table);
        while (named.find()) {
            if (!code.contains(named.group(1))) {
                stale.add(named.group(1));
            }
        }
        return List.copyOf(stale);
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
