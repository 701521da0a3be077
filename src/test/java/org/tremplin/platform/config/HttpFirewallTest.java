package org.tremplin.platform.config;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.tremplin.support.ApiTestSupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the application's firewall ({@link SecurityConfig#httpFirewall()}), a request whose credentials hold a control
 * character is refused by Spring Security's filter chain with a 400 problem+json before any filter acts on them, and a
 * tab (allowed in a value) goes through to the authentication, which does not take it for basic credentials.
 */
class HttpFirewallTest extends ApiTestSupport {

    @Autowired
    @Qualifier(SecurityFilterChainWithoutMvcLookup.FILTER_CHAIN)
    private Filter springSecurityFilterChain;

    @Test
    void a_header_with_a_control_character_is_refused_and_nothing_goes_further() throws Exception {
        assertThat(springSecurityFilterChain).isInstanceOf(FilterChainProxy.class);
        List<String> passed = new ArrayList<>();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        springSecurityFilterChain.doFilter(request("Basic " + basic("claire", "demo") + "\u0001"), refused,
                (request, response) -> passed.add("with a control character"));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(passed).isEmpty();

        MockHttpServletResponse answered = new MockHttpServletResponse();
        springSecurityFilterChain.doFilter(request("Basic\t" + basic("nobody", "wrong")), answered,
                (request, response) -> passed.add("with a tab"));
        assertThat(answered.getStatus()).as("let through the firewall; no basic credentials, so not signed in").isEqualTo(401);
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/projects");
        request.setServletPath("/api/projects");
        request.addHeader("Authorization", authorization);
        return request;
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
