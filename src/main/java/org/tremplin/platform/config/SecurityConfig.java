package org.tremplin.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.tremplin.platform.process.CamundaAuthenticationFilter;
import org.tremplin.platform.web.DatabaseOutOfReach;
import org.tremplin.shared.Roles;

import java.io.IOException;
import java.net.URI;

/**
 * HTTP basic for the API and Camunda's engine REST, checked against Camunda's identity service.
 * Cockpit, Tasklist and Admin under /camunda keep their own login (same users) and CSRF protection.
 * The console (every other address) signs in with a form and a session, with CSRF protection.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    private static final java.util.Set<String> READ_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

    @Bean
    public AuthenticationManager authenticationManager(AuthenticationProvider camundaIdentityAuthenticationProvider) {
        return new ProviderManager(camundaIdentityAuthenticationProvider);
    }

    /**
     * No observation of the filter chains themselves: with Micrometer present, Spring Security otherwise wraps each of
     * the dozen filters of every request in an observation (a timer and its tags per filter chain, before and after),
     * about 2% of the CPU of a step in a profile of the step path, for figures nobody reads. Authentications and
     * authorizations are still observed ({@code spring_security_authentications_*}, {@code spring_security_authorizations_*}),
     * and each request is timed once by Spring MVC ({@code http_server_requests_seconds}).
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /**
     * Spring Security's strict firewall as it is by default (the same paths, methods and characters refused), its
     * header names' and values' characters checked without a regular expression ({@link HeaderCharacters}).
     */
    @Bean
    public StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    @Bean
    @Order(1)
    public SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                           CamundaAuthenticationFilter camundaAuthenticationFilter,
                                           ObjectMapper objectMapper) throws Exception {
        AuthenticationEntryPoint unauthenticated = unauthenticated(objectMapper);
        AccessDeniedHandler denied = (request, response, e) -> writeProblem(response, objectMapper,
                HttpStatus.FORBIDDEN, READ_METHODS.contains(request.getMethod()) || !isAuditor()
                        ? "Your groups do not allow this request."
                        : "Auditors read everything and change nothing: this request would change data.",
                request.getRequestURI());
        return http
                // Path matchers on the raw URI: the engine REST is a Jersey servlet, outside Spring MVC's mappings.
                .securityMatcher(new OrRequestMatcher(new AntPathRequestMatcher("/api/**"),
                        new AntPathRequestMatcher("/engine-rest/**"), new AntPathRequestMatcher("/actuator/**")))
                .authenticationManager(authenticationManager)
                // The engine REST is the low-level integration door, under Camunda's own authorizations too
                // (CamundaAuthenticationFilter); only administrators and pole staff may use it. Users work through
                // /api and Tasklist.
                // Auditors read everything and change nothing: outside the audit tools themselves, every
                // write to the API is refused to an auditor account.
                .authorizeHttpRequests(auth -> auth
                        // health and info open to all (details only to pole staff and auditors); metrics and prometheus to staff
                        .requestMatchers(new AntPathRequestMatcher("/actuator/health"),
                                new AntPathRequestMatcher("/actuator/health/**"), new AntPathRequestMatcher("/actuator/info"))
                        .permitAll()
                        .requestMatchers(new AntPathRequestMatcher("/actuator/**"))
                        .hasAnyRole(Roles.ADMIN, Roles.POLE_STAFF, Roles.AUDITOR)
                        .requestMatchers(new AntPathRequestMatcher("/engine-rest/**"))
                        .hasAnyRole(Roles.ADMIN, Roles.POLE_STAFF)
                        .requestMatchers(new AntPathRequestMatcher("/api/audit/**")).authenticated()
                        .requestMatchers(request -> !READ_METHODS.contains(request.getMethod()))
                        .access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                                (authentication, context) -> new AuthorizationDecision(authentication.get()
                                        .getAuthorities().stream()
                                        .noneMatch(a -> ("ROLE_" + Roles.AUDITOR).equals(a.getAuthority())))))
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(camundaAuthenticationFilter, AuthorizationFilter.class)
                .build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain webappsAndDocs(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(new AntPathRequestMatcher("/camunda/**"),
                        new AntPathRequestMatcher("/swagger-ui/**"), new AntPathRequestMatcher("/swagger-ui.html"),
                        new AntPathRequestMatcher("/v3/api-docs/**"), new AntPathRequestMatcher("/v3/api-docs")))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /**
     * The console: every other address. Form login with a session and CSRF protection, the same users and groups
     * as the API; the process steps see the caller as they do for the API ({@link CamundaAuthenticationFilter}).
     */
    @Bean
    @Order(3)
    public SecurityFilterChain console(HttpSecurity http, AuthenticationManager authenticationManager,
                                       CamundaAuthenticationFilter camundaAuthenticationFilter) throws Exception {
        return http
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(new AntPathRequestMatcher("/login"), new AntPathRequestMatcher("/css/**"),
                                new AntPathRequestMatcher("/js/**"), new AntPathRequestMatcher("/img/**"),
                                new AntPathRequestMatcher("/webjars/**"), new AntPathRequestMatcher("/favicon.ico"),
                                new AntPathRequestMatcher("/error"))
                        .permitAll()
                        // as in the API: auditors read everything and change nothing, outside the audit tools
                        .requestMatchers(request -> !READ_METHODS.contains(request.getMethod())
                                && !request.getRequestURI().startsWith(request.getContextPath() + "/audit/")
                                && !request.getRequestURI().equals(request.getContextPath() + "/logout"))
                        .access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                                (authentication, context) -> new AuthorizationDecision(authentication.get()
                                        .getAuthorities().stream()
                                        .noneMatch(a -> ("ROLE_" + Roles.AUDITOR).equals(a.getAuthority())))))
                        .anyRequest().authenticated())
                // a page or action the caller may not reach answers as a missing one; an expired form says so
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, denied) -> {
                    if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
                        response.sendError(HttpStatus.FORBIDDEN.value(),
                                "This form has expired (or was not sent by the console): reload the page and try again.");
                    } else {
                        response.sendError(HttpStatus.NOT_FOUND.value());
                    }
                }))
                // a password that could not be checked (the database out of reach) is not called wrong
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        .failureHandler((request, response, e) -> {
                            boolean away = e instanceof InternalAuthenticationServiceException
                                    && DatabaseOutOfReach.of(e) != null;
                            if (away) {
                                log.warn("Console sign-in: {}", DatabaseOutOfReach.of(e).detail());
                            }
                            response.sendRedirect(request.getContextPath() + (away ? "/login?unavailable" : "/login?error"));
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'; form-action 'self'")))
                .addFilterAfter(camundaAuthenticationFilter, AuthorizationFilter.class)
                .build();
    }

    private static boolean isAuditor() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.AUDITOR).equals(a.getAuthority()));
    }

    /**
     * A request without valid credentials: 401 problem+json asking to sign in; but when the password could not be
     * checked because the database is out of reach, 503 with {@code Retry-After} (the person did nothing wrong).
     */
    static AuthenticationEntryPoint unauthenticated(ObjectMapper objectMapper) {
        return (request, response, e) -> {
            DatabaseOutOfReach away = e instanceof InternalAuthenticationServiceException ? DatabaseOutOfReach.of(e) : null;
            if (away != null) {
                // the password could not be checked: nothing wrong with it, the database is out of reach
                log.warn("Refused {}: 503 {}", request.getRequestURI(), away.detail());
                response.setHeader("Retry-After", String.valueOf(DatabaseOutOfReach.RETRY_AFTER_SECONDS));
                writeProblem(response, objectMapper, HttpStatus.SERVICE_UNAVAILABLE, away.detail(), request.getRequestURI());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Tremplin\"");
            writeProblem(response, objectMapper, HttpStatus.UNAUTHORIZED,
                    "Sign in with HTTP basic authentication (a Tremplin user and password).", request.getRequestURI());
        };
    }

    static void writeProblem(HttpServletResponse response, ObjectMapper objectMapper, HttpStatus status,
                             String detail, String instance) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(instance));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
