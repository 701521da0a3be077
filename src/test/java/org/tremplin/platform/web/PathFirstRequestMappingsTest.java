package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.tremplin.support.ApiTestSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's request mappings, matched path first ({@link PathFirstRequestMappings}), choose the same handler
 * as Spring MVC's own matching for every path the application maps (its variables filled in), under every method,
 * with and without a JSON body, as a CORS pre-flight, and for unmapped paths, also with a letter percent-encoded, a
 * path parameter or in upper case; and refuse what Spring refuses, with the same exception (404, 405, 415).
 */
class PathFirstRequestMappingsTest extends ApiTestSupport {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;
    @Autowired
    private ApplicationContext context;

    @Test
    void every_mapped_path_under_every_method_finds_the_handler_spring_finds() throws Exception {
        assertThat(mapping).isInstanceOf(PathFirstRequestMappings.PathFirstHandlerMapping.class);
        Map<RequestMappingInfo, HandlerMethod> registered = mapping.getHandlerMethods();
        assertThat(registered).as("the application's mappings").hasSizeGreaterThan(150);

        // Spring's own matching over the same mappings
        RequestMappingHandlerMapping spring = new RequestMappingHandlerMapping();
        registered.forEach((info, handler) -> spring.registerMapping(info, handler.getBean() instanceof String name
                ? context.getBean(name) : handler.getBean(), handler.getMethod()));

        TreeSet<String> paths = new TreeSet<>(List.of("/", "/api/nothing-here", "/api/projects/p-1/nothing-here"));
        for (RequestMappingInfo info : registered.keySet()) {
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", "x-1");
                paths.add(path);
                // what a string comparison of the path would get wrong: an encoded letter, a path parameter, the case
                paths.add(encodedFirstLetter(path));
                paths.add(path.replaceFirst("/([^/]+)", "/$1;v=1"));
                paths.add(path.toUpperCase(java.util.Locale.ROOT));
            }
        }
        int requests = 0;
        int found = 0;
        List<String> different = new ArrayList<>();
        for (String path : paths) {
            for (String method : METHODS) {
                for (int variant = 0; variant < 3; variant++) {
                    String ours = outcome(mapping, request(method, path, variant));
                    String theirs = outcome(spring, request(method, path, variant));
                    requests++;
                    if (!ours.equals(theirs)) {
                        different.add(method + " " + path + " (" + variant + "): " + ours + " vs " + theirs);
                    }
                    if (ours.startsWith("handler")) {
                        found++;
                    }
                }
            }
        }
        assertThat(different).as("requests answered differently, of %d", requests).isEmpty();
        assertThat(found).as("requests that found a handler").isGreaterThan(registered.size());
        assertThat(requests - found).as("requests refused (404, 405, 415)").isGreaterThan(100);
    }

    /** The path with the first letter of its first segment percent-encoded ({@code /api} as {@code /%61pi}). */
    private static String encodedFirstLetter(String path) {
        java.util.regex.Matcher letter = java.util.regex.Pattern.compile("/([a-z])").matcher(path);
        return letter.find() ? path.substring(0, letter.start(1)) + "%" + Integer.toHexString(letter.group(1).charAt(0))
                + path.substring(letter.end(1)) : path;
    }

    /** 0: no body; 1: a JSON body; 2: a CORS pre-flight of the method. */
    private static MockHttpServletRequest request(String method, String path, int variant) {
        MockHttpServletRequest request = new MockHttpServletRequest(variant == 2 ? "OPTIONS" : method, path);
        request.addHeader("Accept", "application/json, text/html, */*");
        if (variant == 1) {
            request.setContentType("application/json");
            request.setContent("{}".getBytes());
        }
        if (variant == 2) {
            request.addHeader("Origin", "https://elsewhere.example");
            request.addHeader("Access-Control-Request-Method", method);
        }
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private static String outcome(RequestMappingHandlerMapping mapping, MockHttpServletRequest request) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            return chain.getHandler() instanceof HandlerMethod handler ? "handler " + handler.getMethod()
                    : "handler " + chain.getHandler().getClass().getName();
        } catch (Exception refused) {
            return "refused " + refused.getClass().getName();
        }
    }
}
