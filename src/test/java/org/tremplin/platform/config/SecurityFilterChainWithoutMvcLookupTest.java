package org.tremplin.platform.config;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.tremplin.support.ApiTestSupport;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's filter chain is the chain it built from the application's {@code SecurityFilterChain}s, without
 * the Spring MVC handler look-up Spring Security puts before it ({@link SecurityFilterChainWithoutMvcLookup}): a
 * request goes through the security filters with no cached handler look-up made for it, and is still let through or
 * refused by the application's rules (the whole suite signs in through the same chain).
 */
class SecurityFilterChainWithoutMvcLookupTest extends ApiTestSupport {

    /** Where {@link HandlerMappingIntrospector}'s cache filter keeps the handler it looked up for the request. */
    private static final String CACHED_LOOKUP = HandlerMappingIntrospector.class.getName() + ".CachedResult";

    @Autowired
    @Qualifier(SecurityFilterChainWithoutMvcLookup.FILTER_CHAIN)
    private Filter springSecurityFilterChain;

    @Test
    void the_filter_chain_is_spring_securitys_own_and_makes_no_handler_lookup() throws Exception {
        assertThat(springSecurityFilterChain).isInstanceOf(FilterChainProxy.class);
        assertThat(((FilterChainProxy) springSecurityFilterChain).getFilterChains()).as("the application's chains")
                .hasSizeGreaterThanOrEqualTo(3);

        List<Object> seen = new ArrayList<>();
        springSecurityFilterChain.doFilter(request("GET", "/actuator/health"), new MockHttpServletResponse(),
                (request, response) -> seen.add(String.valueOf(request.getAttribute(CACHED_LOOKUP))));
        assertThat(seen).as("let through, with no handler looked up before").containsExactly("null");

        MockHttpServletResponse refused = new MockHttpServletResponse();
        springSecurityFilterChain.doFilter(request("POST", "/api/projects"), refused,
                (request, response) -> seen.add("passed"));
        assertThat(refused.getStatus()).as("an API write without credentials").isEqualTo(401);
        assertThat(seen).hasSize(1);
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return request;
    }
}
