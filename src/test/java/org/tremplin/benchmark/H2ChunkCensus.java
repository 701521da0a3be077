package org.tremplin.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.table.Table;

/**
 * What an H2 file's commits wrote, table by table: the bytes of the pages in a range of its chunks (one chunk per
 * store of the MVStore; with {@code WRITE_DELAY=0}, one per commit that changed something), grouped by the table whose
 * data or index each page belongs to (session 52).
 *
 * <p>H2 never updates a page in place: each commit writes every page it changed again, with the pages above it up to
 * the root of each tree and the store's layout map (where each tree's root and each chunk's occupancy are kept). So a
 * commit's cost grows with the number of trees it touches (a table's data and each of its indexes) rather than with the
 * size of its rows. The chunks' ids grow by one per store: read the newest id before and after a workload
 * ({@code --newest}), then count the range between.
 *
 * <pre>java -cp "target/test-classes:$(cat target/test-classpath.txt)" org.tremplin.benchmark.H2ChunkCensus \
 *     ./data/tremplin.mv.db --newest
 * java -cp ... org.tremplin.benchmark.H2ChunkCensus ./data/tremplin.mv.db 15993 19726 400</pre>
 *
 * The second form counts the chunks after 15993 up to 19726 and divides by 400 (labellings, say). H2 gives the space of
 * a chunk whose pages were all written again to newer chunks, so some chunks of the range may be gone: the census
 * says how many it found (97 % of a range of 3,733 in session 52's files). It also sorts the chunks by the set of
 * tables each wrote, which tells the kinds of commit apart (a step through Camunda writes a dozen of Camunda's tables;
 * a consortium's write only the event store's and the {@code projects} model's; session 53). The file must not be
 * open in another process for the names (the census itself only reads it).
 */
public final class H2ChunkCensus {

    /** The size of the file's blocks: a chunk starts on a block and spans whole blocks. */
    private static final int BLOCK = 4096;

    private H2ChunkCensus() {
    }

    /** One chunk: its id and the bytes of its pages by map id. */
    record Chunk(int id, Map<Integer, Long> bytesByMap) {
        long bytes() {
            return bytesByMap.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * What a range of chunks wrote: the chunks found, their bytes by group (a table, the layout, the undo logs), and the
     * chunks by the tables they wrote ({@link Stores}, the kinds of commit behind them).
     */
    record Census(int chunks, long bytes, Map<String, Long> bytesByGroup, Map<String, Stores> storesByTables) {
    }

    /** The chunks that wrote one same set of tables, and their bytes (layout and undo logs included). */
    record Stores(int chunks, long bytes) {
        Stores plus(Stores other) {
            return new Stores(chunks + other.chunks, bytes + other.bytes);
        }
    }

    /** Camunda's tables, one name in {@link Census#storesByTables()}: a step writes a dozen of them. */
    static final String CAMUNDA = "ACT_* (Camunda)";
    static final String LAYOUT = "layout (roots and chunks)";
    static final String UNDO = "undo logs";

    public static void main(String[] arguments) throws IOException, SQLException {
        if (arguments.length == 2 && arguments[1].equals("--newest")) {
            System.out.println(newestChunk(Path.of(arguments[0])));
            return;
        }
        if (arguments.length != 4) {
            System.err.println("usage: H2ChunkCensus <file.mv.db> --newest | <file.mv.db> <after chunk> <up to chunk> <divisor>");
            System.exit(2);
        }
        Path file = Path.of(arguments[0]);
        double divisor = Double.parseDouble(arguments[3]);
        Census census = census(file, Integer.parseInt(arguments[1]), Integer.parseInt(arguments[2]));
        int ids = Integer.parseInt(arguments[2]) - Integer.parseInt(arguments[1]);
        System.out.printf(Locale.ROOT, "%d chunks of the %d in the range still in the file, %,d bytes; per unit (÷ %s):"
                + " %.1f chunks, %,.0f bytes (of the chunks found)%n", census.chunks(), ids, census.bytes(), arguments[3],
                ids / divisor, census.bytes() / divisor);
        census.bytesByGroup().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "%,12.0f bytes per unit  %5.1f %%  %s%n",
                        e.getValue() / divisor, 100.0 * e.getValue() / census.bytes(), e.getKey()));
        System.out.println("chunks by the tables they wrote (the layout and undo logs left out of the names):");
        census.storesByTables().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Stores> e) -> e.getValue().bytes()).reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "%8.2f chunks per unit, %,9.0f bytes each  %s%n",
                        e.getValue().chunks() / divisor, (double) e.getValue().bytes() / e.getValue().chunks(), e.getKey()));
    }

    /** The newest chunk's id in the file (0 when there is none). */
    static int newestChunk(Path file) throws IOException {
        return chunks(file).stream().mapToInt(Chunk::id).max().orElse(0);
    }

    /** The chunks after {@code after} up to {@code upTo} that are still in the file, by table (names read from the file). */
    static Census census(Path file, int after, int upTo) throws IOException, SQLException {
        List<Chunk> range = chunks(file).stream().filter(c -> c.id() > after && c.id() <= upTo).toList();
        Map<Integer, Long> byMap = new HashMap<>();
        range.forEach(c -> c.bytesByMap().forEach((map, bytes) -> byMap.merge(map, bytes, Long::sum)));
        Map<Integer, String> groups = groups(file, byMap.keySet());
        Map<String, Long> byGroup = new TreeMap<>();
        byMap.forEach((map, bytes) -> byGroup.merge(groups.getOrDefault(map, "map " + map), bytes, Long::sum));
        Map<String, Stores> byTables = new TreeMap<>();
        for (Chunk chunk : range) {
            TreeSet<String> tables = new TreeSet<>();
            for (int map : chunk.bytesByMap().keySet()) {
                String group = groups.getOrDefault(map, "map " + map);
                if (!group.equals(LAYOUT) && !group.equals(UNDO)) {
                    tables.add(group.startsWith("ACT_") ? CAMUNDA : group);
                }
            }
            byTables.merge(tables.isEmpty() ? "(the layout alone)" : String.join(" + ", tables),
                    new Stores(1, chunk.bytes()), Stores::plus);
        }
        return new Census(range.size(), range.stream().mapToLong(Chunk::bytes).sum(), byGroup, byTables);
    }

    /**
     * Every chunk found in the file: a block that starts with a chunk header ({@code chunk:<id>,...,len:<blocks>,
     * pages:<count>,...} and a line feed), then its pages, each starting with its length, a check value, its number
     * in the chunk, its map's id (the format H2's own {@code MVStoreTool.dump} reads).
     */
    static List<Chunk> chunks(Path file) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            for (long position = 0; position < size; ) {
                block.clear();
                channel.read(block, position);
                block.flip();
                Map<String, String> header = block.limit() > 0 && block.get(0) == 'c' ? header(block) : null;
                if (header == null || !header.containsKey("chunk") || !header.containsKey("len") || !header.containsKey("pages")) {
                    position += BLOCK;
                    continue;
                }
                int blocks = Integer.parseInt(header.get("len"), 16);
                if (blocks <= 0 || blocks > Integer.MAX_VALUE / BLOCK) {
                    // not a chunk after all (a page's bytes that look like a header), or none this census can hold
                    position += BLOCK;
                    continue;
                }
                ByteBuffer chunk = ByteBuffer.allocate(blocks * BLOCK);
                channel.read(chunk, position);
                chunk.flip();
                chunks.add(new Chunk(Integer.parseInt(header.get("chunk"), 16),
                        pages(chunk, Integer.parseInt(header.get("header-length")), Integer.parseInt(header.get("pages"), 16))));
                position += (long) blocks * BLOCK;
            }
        }
        chunks.sort(Comparator.comparingInt(Chunk::id));
        return chunks;
    }

    /** A chunk header's fields (hexadecimal values), and its length with the line feed, or null when it is none. */
    private static Map<String, String> header(ByteBuffer block) {
        int end = -1;
        for (int i = 0; i < Math.min(block.limit(), 1024); i++) {
            if (block.get(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        byte[] bytes = new byte[end];
        block.get(0, bytes);
        String line = new String(bytes, StandardCharsets.ISO_8859_1).trim();
        if (!line.startsWith("chunk:")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : line.split(",")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.put(field.substring(0, colon), field.substring(colon + 1));
            }
        }
        fields.put("header-length", String.valueOf(end + 1));
        return fields;
    }

    /** The bytes of a chunk's pages by map id; a chunk cut short (overwritten since) counts the pages read. */
    private static Map<Integer, Long> pages(ByteBuffer chunk, int start, int count) {
        Map<Integer, Long> bytes = new HashMap<>();
        int position = start;
        for (int page = 0; page < count && position + 8 < chunk.limit(); page++) {
            chunk.position(position);
            int length = chunk.getInt();
            chunk.getShort();
            readVarInt(chunk);
            int map = readVarInt(chunk);
            if (length <= 0) {
                break;
            }
            bytes.merge(map, (long) length, Long::sum);
            position += length;
        }
        return bytes;
    }

    private static int readVarInt(ByteBuffer buffer) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = buffer.get() & 0xff;
            value |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
    }

    /**
     * Each map's group: the table of a table's data ({@code table.<id>}) or index ({@code index.<id>}) by the
     * database's object ids, the layout (map 0), the undo logs; the store and the database opened read-only.
     */
    private static Map<Integer, String> groups(Path file, Iterable<Integer> maps) throws SQLException {
        Map<Integer, String> names = new HashMap<>();
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            for (int map : maps) {
                String name = map == 0 ? LAYOUT : store.getMapName(map);
                if (name != null) {
                    names.put(map, name);
                }
            }
        }
        Map<Integer, String> tables = new HashMap<>();
        String url = "jdbc:h2:" + file.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "") + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            for (Table table : session.getDatabase().getAllTablesAndViews()) {
                tables.put(table.getId(), table.getName());
                if (table.getIndexes() != null) {
                    for (Index index : table.getIndexes()) {
                        tables.put(index.getId(), table.getName());
                    }
                }
            }
        }
        Map<Integer, String> groups = new HashMap<>();
        names.forEach((map, name) -> {
            int dot = name.lastIndexOf('.');
            String group = name;
            if (name.startsWith("undoLog")) {
                group = UNDO;
            } else if (dot > 0 && (name.startsWith("table.") || name.startsWith("index."))) {
                group = tables.getOrDefault(Integer.parseInt(name.substring(dot + 1)), name);
            }
            groups.put(map, group);
        });
        return groups;
    }
}
