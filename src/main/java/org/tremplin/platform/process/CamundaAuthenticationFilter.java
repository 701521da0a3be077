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

/**
 * Hands the authenticated API caller to the process engine for the request, so that process steps
 * (and Camunda's own operation log) know who acts, exactly as they do for Tasklist users.
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
        try {
            identityService.setAuthentication(authentication.getName(), authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_"))
                    .map(a -> a.substring(5))
                    .toList());
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
