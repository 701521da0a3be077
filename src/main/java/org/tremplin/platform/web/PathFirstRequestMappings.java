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
 * path matches is checked in full by Spring as before.
 */
@Component
public class PathFirstRequestMappings implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstHandlerMapping();
    }

    static final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

        /** The path of the request being looked up on this thread, parsed once for all the mappings tried. */
        private static final ThreadLocal<PathContainer> LOOKUP_PATH = new ThreadLocal<>();

        /** Without a parsed path (none is set), every mapping is checked by Spring alone, as before. */
        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
                LOOKUP_PATH.set(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
            }
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                LOOKUP_PATH.remove();
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathContainer path = LOOKUP_PATH.get();
            PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
            if (path != null && patterns != null && !matchesAny(patterns, path)) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        private static boolean matchesAny(PathPatternsRequestCondition patterns, PathContainer path) {
            for (PathPattern pattern : patterns.getPatterns()) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }
}
