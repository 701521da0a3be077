package org.tremplin.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring MVC's request mappings, matched path first.
 *
 * <p>A request whose path holds a variable ({@code /api/projects/{id}/...}) has no direct match, so Spring MVC tries
 * every mapping of the application (about two hundred) in turn, each checking the request's method (and whether it is
 * a CORS pre-flight: two header reads), parameters, headers and media types before its path; each such read walks the
 * request's wrappers (security, firewall, body limit: three to five deep in a profile). Spring Security's
 * handler-mapping introspector makes the same lookup once more for every request. Profiled on PostgreSQL under four
 * clients, the two lookups were about 9 % of the request threads' CPU (src/docs/performance.md, session 26).
 *
 * <p>Here a mapping whose path patterns cannot match the request's path is rejected first, from the path parsed once
 * for the lookup. The answer is the same: Spring's own condition rejects a mapping when none of its patterns matches
 * the path (the same {@link PathPattern}s, the same parsed path), whatever its other conditions say; any mapping whose
 * path matches is checked in full by Spring as before. Before its patterns are matched, a mapping is rejected when the
 * path does not begin with any pattern's literal beginning (the characters before its first variable or wildcard): a
 * string comparison instead of a match against the parsed path for almost every mapping (about 3.9 % of the request
 * threads' samples went to the lookup under four clients, session 30). The comparison is made only when the path has
 * no percent-encoding (segments are matched decoded) and no path parameters (left out of the match), and relies on
 * Spring MVC's default parser of patterns being case-sensitive.
 */
@Component
public class PathFirstRequestMappings implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstHandlerMapping();
    }

    static final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

        /** The request being looked up on this thread, for all the mappings tried. */
        private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

        /** Each mapping's patterns' literal beginnings (up to the first variable or wildcard), computed once. */
        private final Map<RequestMappingInfo, String[]> literalPrefixes = new ConcurrentHashMap<>();

        /**
         * The path parsed once, and the path as a string when comparing strings gives the same answer as matching
         * the parsed path: without percent-encoding (a segment is matched decoded) and without path parameters
         * ({@code ;}, left out of the match).
         */
        private record Lookup(PathContainer path, String plainPath) {
        }

        /** Without a parsed path (none is set), every mapping is checked by Spring alone, as before. */
        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
                PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
                String value = path.value();
                LOOKUP.set(new Lookup(path, value.indexOf('%') < 0 && value.indexOf(';') < 0 ? value : null));
            }
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                LOOKUP.remove();
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            Lookup lookup = LOOKUP.get();
            PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
            if (lookup != null && patterns != null && !matchesAny(info, patterns, lookup)) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        private boolean matchesAny(RequestMappingInfo info, PathPatternsRequestCondition patterns, Lookup lookup) {
            if (lookup.plainPath() != null && !startsWithAny(lookup.plainPath(), literalPrefixes(info, patterns))) {
                return false;  // no pattern's literal beginning: none of them can match
            }
            for (PathPattern pattern : patterns.getPatterns()) {
                if (pattern.matches(lookup.path())) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The mapping's literal beginnings, computed once. Read with {@code get} (no lock): a {@code computeIfAbsent}
         * locks the map's bin whenever the mapping is not the first entry of its bin, on every lookup of every request
         * (a third of the lookup's samples under four clients, src/docs/performance.md, session 40).
         */
        private String[] literalPrefixes(RequestMappingInfo info, PathPatternsRequestCondition patterns) {
            String[] prefixes = literalPrefixes.get(info);
            if (prefixes == null) {
                prefixes = literalPrefixes(patterns);
                String[] raced = literalPrefixes.putIfAbsent(info, prefixes);
                return raced != null ? raced : prefixes;
            }
            return prefixes;
        }

        private static boolean startsWithAny(String path, String[] prefixes) {
            for (String prefix : prefixes) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        /** A pattern matches only paths beginning with its characters before its first variable or wildcard. */
        private static String[] literalPrefixes(PathPatternsRequestCondition patterns) {
            return patterns.getPatterns().stream().map(PathPattern::getPatternString).map(pattern -> {
                int end = pattern.length();
                for (char special : new char[]{'{', '*', '?'}) {
                    int at = pattern.indexOf(special);
                    if (at >= 0 && at < end) {
                        end = at;
                    }
                }
                return pattern.substring(0, end);
            }).toArray(String[]::new);
        }
    }
}
