package org.tremplin.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.List;

/**
 * The console's request as the history API reads it: the API takes the repeatable {@code type} parameter from the
 * request itself (so that an empty value is refused), while the console's select sends an empty value for "all
 * types". This wrapper answers the types the person chose, none meaning all.
 */
final class ApiParameters extends HttpServletRequestWrapper {

    private final List<String> types;

    ApiParameters(HttpServletRequest request, List<String> types) {
        super(request);
        this.types = types;
    }

    @Override
    public String[] getParameterValues(String name) {
        if ("type".equals(name)) {
            return types.isEmpty() ? null : types.toArray(String[]::new);
        }
        return super.getParameterValues(name);
    }

    @Override
    public String getParameter(String name) {
        if ("type".equals(name)) {
            return types.isEmpty() ? null : types.get(0);
        }
        return super.getParameter(name);
    }
}
