package org.tremplin.audit.replay;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * SHA-256 of read-model tables, identical for identical content on any database: rows in primary-key order,
 * columns in alphabetical order of their names, values normalised (timestamps as UTC instants, decimals without
 * trailing zeros, dates as ISO dates, binary as hex, NULL distinct from every value). Read only: a read-only
 * transaction of SELECTs and JDBC metadata.
 */
@Component
public class ReadModelChecksums {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public ReadModelChecksums(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        // Rows streamed in pages (PostgreSQL's driver otherwise loads a whole table before the first row): the
        // checksum's memory does not grow with the model.
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The checksum of one model: its tables' checksums, chained in the given order. */
    public ModelChecksum checksum(List<String> tables) {
        return readOnly.execute(status -> {
            MessageDigest model = sha256();
            List<TableChecksum> result = new ArrayList<>();
            for (String table : tables) {
                TableChecksum checksum = table(table);
                result.add(checksum);
                update(model, table);
                update(model, checksum.sha256());
            }
            return new ModelChecksum(HexFormat.of().formatHex(model.digest()), result);
        });
    }

    private TableChecksum table(String table) {
        Shape shape = jdbc.execute((ConnectionCallback<Shape>) connection -> shape(connection, table));
        String sql = "SELECT " + String.join(", ", shape.columns()) + " FROM " + table
                + " ORDER BY " + String.join(", ", shape.orderBy());
        MessageDigest digest = sha256();
        long[] rows = {0};
        int[][] types = {null};
        String[][] typeNames = {null};
        jdbc.query(sql, rs -> {
            if (types[0] == null) {
                // The columns' types once per table, not once per row.
                ResultSetMetaData meta = rs.getMetaData();
                types[0] = new int[meta.getColumnCount() + 1];
                typeNames[0] = new String[meta.getColumnCount() + 1];
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    types[0][i] = meta.getColumnType(i);
                    typeNames[0][i] = meta.getColumnTypeName(i);
                }
            }
            for (int i = 1; i < types[0].length; i++) {
                update(digest, normalised(rs, i, types[0][i], typeNames[0][i]));
            }
            update(digest, "\n");
            rows[0]++;
        });
        return new TableChecksum(table, rows[0], HexFormat.of().formatHex(digest.digest()));
    }

    private record Shape(List<String> columns, List<String> orderBy) {
    }

    private static Shape shape(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String schema = connection.getSchema();
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, name, null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("Read-model table " + table + " does not exist in schema " + schema
                    + " (see ReadModelTables)");
        }
        columns.sort(Comparator.comparing(c -> c.toLowerCase(Locale.ROOT)));
        TreeMap<Short, String> keys = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), schema, name)) {
            while (rs.next()) {
                keys.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        // Without a primary key, every column orders the rows (duplicates are then indistinguishable anyway).
        return new Shape(columns, keys.isEmpty() ? columns : new ArrayList<>(keys.values()));
    }

    /** A column's value in a database-independent form; null for SQL NULL. */
    static String normalised(ResultSet rs, int column, int type, String typeName) throws SQLException {
        String lowerTypeName = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        String value;
        switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                if (type == Types.TIMESTAMP_WITH_TIMEZONE || lowerTypeName.contains("tz") || lowerTypeName.contains("time zone")) {
                    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
                    value = at == null ? null : at.toInstant().toString();
                } else {
                    Timestamp at = rs.getTimestamp(column);
                    value = at == null ? null : at.toInstant().toString();
                }
            }
            case Types.DATE -> {
                LocalDate date = rs.getObject(column, LocalDate.class);
                value = date == null ? null : date.toString();
            }
            case Types.DECIMAL, Types.NUMERIC, Types.FLOAT, Types.DOUBLE, Types.REAL -> {
                BigDecimal number = rs.getBigDecimal(column);
                value = number == null ? null : number.stripTrailingZeros().toPlainString();
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long number = rs.getLong(column);
                value = rs.wasNull() ? null : Long.toString(number);
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean flag = rs.getBoolean(column);
                value = rs.wasNull() ? null : Boolean.toString(flag);
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(column);
                value = bytes == null ? null : HexFormat.of().formatHex(bytes);
            }
            default -> value = rs.getString(column);
        }
        return value;
    }

    /** Length-prefixed, so that no two different sequences of values hash the same input; NULL is "N". */
    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 'N');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // "S<length>:" then the bytes, without building the prefix as a string.
        digest.update((byte) 'S');
        int length = bytes.length;
        if (length == 0) {
            digest.update((byte) '0');
        } else {
            byte[] digits = new byte[10];
            int at = digits.length;
            while (length > 0) {
                digits[--at] = (byte) ('0' + length % 10);
                length /= 10;
            }
            digest.update(digits, at, digits.length - at);
        }
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One model's checksum, with its tables'. */
    public record ModelChecksum(String sha256, List<TableChecksum> tables) {
    }

    public record TableChecksum(String table, long rows, String sha256) {
    }

    /**
     * Diagnostics for a processor that does not claim its segment: its rows of Axon's token table (segment, owner, claim
     * time) and, on PostgreSQL, the sessions that are not idle (a lock held by a stuck transaction shows there).
     */
    java.util.List<java.util.Map<String, Object>> claimDiagnostics(String processorName) {
        java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>(
                jdbc.queryForList("SELECT segment, owner, timestamp FROM TokenEntry WHERE processorName = ?", processorName));
        try {
            rows.addAll(jdbc.queryForList("SELECT pid, state, wait_event_type, wait_event, xact_start, left(query, 200) AS query "
                    + "FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid()"));
        } catch (RuntimeException e) {
            // not PostgreSQL
        }
        return rows;
    }
}
