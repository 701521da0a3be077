package org.tremplin.platform.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tremplin.platform.process.RefusalLogFilter;
import org.tremplin.platform.web.CorrelationIdFilter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs of a request name its correlation id and its user: as text by default, as one JSON object per line (Elastic
 * Common Schema) with the {@code json-logs} profile. The logging system is set up by Spring Boot from the project's own
 * configuration files, as when the application starts, with no application around it (no database, no engine): the
 * request goes through the real filters, {@link CorrelationIdFilter} and {@link UserMdcFilter}, to a servlet that logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    /** Nothing but the logging setup (the quiet-refusals filter is installed as the application does). */
    @Configuration(proxyBeanMethods = false)
    @Import(RefusalLogFilter.class)
    static class LoggingOnly {
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /**
     * Leaves the JVM's logging as the other tests expect it (their test profile, text lines). Spring Boot hands the
     * format to Logback as a system property that it never overwrites once set: it goes first.
     */
    @AfterAll
    static void restoreTextLogs() {
        System.clearProperty(STRUCTURED_FORMAT);
        start("test").close();
    }

    private static final String STRUCTURED_FORMAT = "CONSOLE_LOG_STRUCTURED_FORMAT";

    @Test
    void with_the_json_logs_profile_a_request_logs_json_with_its_correlation_id_and_user(CapturedOutput output) throws Exception {
        String correlationId = "json-" + UUID.randomUUID();
        try (ConfigurableApplicationContext ignored = start("test", "json-logs")) {
            int mark = output.getOut().length();
            serve(correlationId, "jane.doe");
            String line = servedLine(output.getOut().substring(mark), correlationId);

            Map<String, Object> json = new ObjectMapper().readValue(line, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(json).containsEntry("correlationId", correlationId).containsEntry("user", "jane.doe")
                    .containsEntry("message", "served " + correlationId).containsKey("@timestamp")
                    .containsEntry("log", Map.of("level", "INFO", "logger", "org.tremplin.observed"));
        }
    }

    @Test
    void by_default_the_line_is_text_with_the_correlation_id_and_the_user_in_brackets(CapturedOutput output) {
        String correlationId = "text-" + UUID.randomUUID();
        try (ConfigurableApplicationContext ignored = start("test")) {
            int mark = output.getOut().length();
            serve(correlationId, "jane.doe");
            String line = servedLine(output.getOut().substring(mark), correlationId);

            assertThat(line).doesNotStartWith("{").contains(" INFO ")
                    .contains("[" + correlationId + "] [jane.doe] ").endsWith("served " + correlationId);
        }
    }

    @Test
    void an_anonymous_request_logs_no_user(CapturedOutput output) throws Exception {
        String correlationId = "anon-" + UUID.randomUUID();
        try (ConfigurableApplicationContext ignored = start("test", "json-logs")) {
            int mark = output.getOut().length();
            serve(correlationId, null);
            Map<String, Object> json = new ObjectMapper().readValue(servedLine(output.getOut().substring(mark), correlationId), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(json).containsEntry("correlationId", correlationId).doesNotContainKey("user");
        }
    }

    /** Boot's logging set up for these profiles (and no other format left over from a previous start). */
    private static ConfigurableApplicationContext start(String... profiles) {
        System.clearProperty(STRUCTURED_FORMAT);
        // Boot configures Logback once per JVM until the logging system is cleaned up: with the other tests' contexts
        // still open (cached) it would keep their text format, so the slate is cleaned first
        LoggingSystem.get(JsonLogsTest.class.getClassLoader()).cleanUp();
        return new SpringApplicationBuilder(LoggingOnly.class).web(WebApplicationType.NONE).profiles(profiles)
                .properties("spring.main.banner-mode=off").logStartupInfo(false).run();
    }

    /** One request through the correlation and user filters to a servlet that logs one INFO line. */
    private static void serve(String correlationId, String user) {
        if (user != null) {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/projects");
        request.addHeader(CorrelationIdFilter.HEADER, correlationId);
        HttpServlet logs = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                LoggerFactory.getLogger("org.tremplin.observed").info("served {}", correlationId);
            }
        };
        try {
            new MockFilterChain(logs, new CorrelationIdFilter(), new UserMdcFilter()).doFilter(request,
                    new MockHttpServletResponse());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String servedLine(String logged, String correlationId) {
        List<String> lines = Arrays.stream(logged.split("\\R")).filter(l -> l.contains("served " + correlationId)).toList();
        assertThat(lines).as("logged:%n%s", logged).hasSize(1);
        return lines.get(0);
    }
}
