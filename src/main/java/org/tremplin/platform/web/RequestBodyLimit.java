package org.tremplin.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a request body larger than {@code tremplin.http.max-body-bytes} (1 MiB) before anything reads it: 413
 * problem+json, nothing stored. Without it, eight requests of 19 MB at once (a title of 19 million characters) made the
 * demo's 512 MB heap run out of memory in Jackson and answered 500 (probed on the packaged jar). Multipart uploads (the
 * portfolio import's files) keep their own limits ({@code spring.servlet.multipart.*}). A body sent without a length
 * (chunked) is bounded where it is read: the API's JSON reader stops at the same size ({@link StrictJson}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper objectMapper;

    public RequestBodyLimit(@Value("${tremplin.http.max-body-bytes:" + StrictJson.MAX_BODY_BYTES + "}") long maxBytes,
                            ObjectMapper objectMapper) {
        this.maxBytes = maxBytes;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes && !multipart(request)) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Connection", "close");
            Map<String, Object> problem = ErrorPages.problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(length, maxBytes));
            problem.put("instance", request.getRequestURI());
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The problem's detail for a body of {@code length} bytes (unknown: negative) over {@code maxBytes}. */
    static String tooLarge(long length, long maxBytes) {
        return String.format(Locale.ROOT, "The request body%s is larger than the %,d bytes a request may carry; send less"
                + " (files go through the multipart uploads, which have their own limits)",
                length < 0 ? "" : String.format(Locale.ROOT, " (%,d bytes)", length), maxBytes);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
