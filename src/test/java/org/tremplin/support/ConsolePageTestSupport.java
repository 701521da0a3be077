package org.tremplin.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Console pages through the whole application (MockMvc on the real context, Spring Security's chains included):
 * what a page shows a user, what it hides, and what it answers to one who may not reach it. The page tests share the
 * API tests' application context ({@link ApiTestSupport} configures MockMvc for both).
 */
public abstract class ConsolePageTestSupport extends ApiTestSupport {

    @Autowired
    protected MockMvc mvc;

    /** GET a console page as a signed-in user of the given groups. */
    protected ResultActions page(String path, String userId, String... groups) throws Exception {
        return mvc.perform(as(MockMvcRequestBuilders.get(path), userId, groups));
    }

    /** POST a console form (with its CSRF token) as a signed-in user of the given groups. */
    protected ResultActions submit(MockHttpServletRequestBuilder post, String userId, String... groups) throws Exception {
        return mvc.perform(as(post.with(csrf()), userId, groups));
    }

    protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String userId, String... groups) {
        return request.with(user(userId).roles(groups));
    }

    protected static List<String> groupsOf(String... groups) {
        return List.of(groups);
    }
}
