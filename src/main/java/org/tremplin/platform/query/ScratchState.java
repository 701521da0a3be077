package org.tremplin.platform.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Every row of a scratch database's read-model tables written as compact bytes (a table's name and columns, then its
 * rows, each value tagged with its type, the whole deflated), and written back into another scratch database: the
 * state an {@link AsOfCheckpoints "as of" checkpoint} keeps. The read models' columns are text, numbers, booleans,
 * dates and times, and JSON bytes; any other type is refused (the checkpoint is then not written). Restoring reads
 * only what was written so: no class is instantiated from the bytes.
 */
final class ScratchState {

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int INT = 2;
    private static final int LONG = 3;
    private static final int DECIMAL = 4;
    private static final int BOOLEAN = 5;
    private static final int TIMESTAMP = 6;
    private static final int OFFSET_DATE_TIME = 7;
    private static final int DATE = 8;
    private static final int BYTES = 9;
    private static final int DOUBLE = 10;
    private static final int BATCH = 1_000;

    private ScratchState() {
    }

    /** The rows of these tables (unqualified: the connection's schema and search path choose them), empty ones left out. */
    static byte[] write(Connection connection, Collection<String> tables) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16));
             Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + quote(table))) {
                    if (!rows.next()) {
                        continue;
                    }
                    ResultSetMetaData meta = rows.getMetaData();
                    int columns = meta.getColumnCount();
                    out.writeUTF(table);
                    out.writeShort(columns);
                    for (int column = 1; column <= columns; column++) {
                        out.writeUTF(meta.getColumnName(column));
                    }
                    do {
                        out.writeBoolean(true);
                        for (int column = 1; column <= columns; column++) {
                            writeValue(out, rows.getObject(column), table, meta.getColumnName(column));
                        }
                    } while (rows.next());
                    out.writeBoolean(false);
                }
            }
            out.writeUTF("");
        } catch (IOException e) {
            throw new IllegalStateException("A scratch database's state could not be written", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** Called before a table's rows are inserted (to create it). */
    @FunctionalInterface
    interface TableFirst {
        void accept(String table) throws SQLException;
    }

    /**
     * Inserts the rows written by {@link #write} into the tables of that schema (null: the connection's), which must be
     * empty, calling {@code first} before each table's rows; returns how many rows.
     */
    static long read(Connection connection, byte[] state, Collection<String> known, String schema, TableFirst first)
            throws SQLException {
        long count = 0;
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(state), inflater,
                1 << 16))) {
            for (String table = in.readUTF(); !table.isEmpty(); table = in.readUTF()) {
                if (!known.contains(table)) {
                    throw new IllegalStateException("A checkpoint names a table the read models do not have: " + table);
                }
                first.accept(table);
                int columns = in.readShort();
                StringBuilder names = new StringBuilder();
                StringBuilder marks = new StringBuilder();
                for (int column = 0; column < columns; column++) {
                    names.append(column == 0 ? "" : ", ").append(quote(in.readUTF()));
                    marks.append(column == 0 ? "?" : ", ?");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                        + (schema == null ? "" : quote(schema) + ".") + quote(table) + " (" + names
                        + ") VALUES (" + marks + ")")) {
                    int pending = 0;
                    while (in.readBoolean()) {
                        for (int column = 1; column <= columns; column++) {
                            insert.setObject(column, readValue(in));
                        }
                        insert.addBatch();
                        count++;
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A checkpoint's state could not be read", e);
        } finally {
            inflater.end();
        }
        return count;
    }

    private static void writeValue(DataOutputStream out, Object value, String table, String column) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String text) {
            out.writeByte(STRING);
            writeString(out, text);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeByte(INT);
            out.writeInt(((Number) value).intValue());
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof BigDecimal decimal) {
            out.writeByte(DECIMAL);
            out.writeInt(decimal.scale());
            writeBytes(out, decimal.unscaledValue().toByteArray());
        } else if (value instanceof Boolean flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag);
        } else if (value instanceof Timestamp timestamp) {
            LocalDateTime local = timestamp.toLocalDateTime();
            out.writeByte(TIMESTAMP);
            out.writeLong(local.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(local.getNano());
        } else if (value instanceof OffsetDateTime at) {
            out.writeByte(OFFSET_DATE_TIME);
            out.writeLong(at.toEpochSecond());
            out.writeInt(at.getNano());
            out.writeInt(at.getOffset().getTotalSeconds());
        } else if (value instanceof java.sql.Date date) {
            out.writeByte(DATE);
            out.writeLong(date.toLocalDate().toEpochDay());
        } else if (value instanceof LocalDate date) {
            out.writeByte(DATE);
            out.writeLong(date.toEpochDay());
        } else if (value instanceof byte[] raw) {
            out.writeByte(BYTES);
            writeBytes(out, raw);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        } else {
            throw new IllegalStateException("A checkpoint cannot hold " + table + "." + column + " of type "
                    + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int type = in.readByte();
        return switch (type) {
            case NULL -> null;
            case STRING -> new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case BOOLEAN -> in.readBoolean();
            case TIMESTAMP -> {
                long seconds = in.readLong();
                yield Timestamp.valueOf(LocalDateTime.ofEpochSecond(seconds, in.readInt(), ZoneOffset.UTC));
            }
            case OFFSET_DATE_TIME -> {
                long seconds = in.readLong();
                int nanos = in.readInt();
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
                yield OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos), offset);
            }
            case DATE -> java.sql.Date.valueOf(LocalDate.ofEpochDay(in.readLong()));
            case BYTES -> readBytes(in);
            case DOUBLE -> in.readDouble();
            default -> throw new IOException("Unknown value type " + type + " in a checkpoint");
        };
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] raw) throws IOException {
        out.writeInt(raw.length);
        out.write(raw);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) {
            throw new IOException("A value of " + length + " bytes in a checkpoint");
        }
        byte[] raw = new byte[length];
        in.readFully(raw);
        return raw;
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
