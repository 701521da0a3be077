package org.tremplin.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The replay's wider H2 page buffer: raised on an H2 file, put back after, left alone elsewhere. */
class H2WriteBufferTest {

    @TempDir
    Path directory;

    @Test
    void an_h2_file_gets_the_wider_buffer_until_it_is_closed_then_its_own_again() throws Exception {
        JdbcDataSource dataSource = h2(directory.resolve("store") + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        int own = H2WriteBuffer.current(dataSource);
        assertThat(own).isPositive();
        int wider = own * 4;

        try (H2WriteBuffer widened = H2WriteBuffer.widen(dataSource, wider)) {
            assertThat(widened).isNotNull();
            assertThat(H2WriteBuffer.current(dataSource)).isEqualTo(wider);
            // the database goes on working, and a commit still reaches the file
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE page_buffer_probe (id INT PRIMARY KEY, label VARCHAR(100))");
            jdbc.update("INSERT INTO page_buffer_probe VALUES (1, 'written while widened')");
        }

        assertThat(H2WriteBuffer.current(dataSource)).isEqualTo(own);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT label FROM page_buffer_probe WHERE id = 1",
                String.class)).isEqualTo("written while widened");
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }

    @Test
    void a_buffer_already_as_wide_is_left_as_it_is() throws Exception {
        JdbcDataSource dataSource = h2(directory.resolve("wide") + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        int own = H2WriteBuffer.current(dataSource);

        assertThat(H2WriteBuffer.widen(dataSource, own)).isNull();
        assertThat(H2WriteBuffer.widen(dataSource, own / 2)).isNull();
        assertThat(H2WriteBuffer.current(dataSource)).isEqualTo(own);
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }

    @Test
    void an_h2_database_in_memory_has_no_file_and_no_buffer_to_widen() throws Exception {
        JdbcDataSource dataSource = h2("mem:page-buffer-" + System.nanoTime());

        assertThat(H2WriteBuffer.current(dataSource)).isEqualTo(-1);
        assertThat(H2WriteBuffer.widen(dataSource, 256 * 1024 * 1024)).isNull();
    }

    private static JdbcDataSource h2(String path) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + (path.startsWith("mem:") ? path : "file:" + path));
        dataSource.setUser("sa");
        return dataSource;
    }
}
