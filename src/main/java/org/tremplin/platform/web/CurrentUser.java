package org.tremplin.platform.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

/** The signed-in user's groups, as Spring Security roles without their prefix. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static List<String> groups(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .sorted()
                .toList();
    }

    public static boolean hasGroup(Authentication authentication, String group) {
        return groups(authentication).contains(group);
    }
}
