package org.tremplin.platform.process;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Tells the process steps who acts. Calls to Tremplin's API run as trusted internal code with the
 * caller in {@link Caller} (the API applies its own access rules); calls to the engine REST run under
 * Camunda's authentication, so that Camunda's authorizations apply to them, as they do in Tasklist.
 */
public class CamundaAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    public CamundaAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                || "anonymousUser".equals(authentication.getName())) {
            chain.doFilter(request, response);
            return;
        }
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .toList();
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest")) {
            Caller.as(authentication.getName(), groups, () -> {
                doFilter(chain, request, response);
                return null;
            });
            return;
        }
        try {
            identityService.setAuthentication(authentication.getName(), groups);
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static void doFilter(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }
}
