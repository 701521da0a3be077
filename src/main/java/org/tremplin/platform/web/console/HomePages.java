package org.tremplin.platform.web.console;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Map;

/** Sign-in, and the home that each role lands on. */
@ConsolePage
class HomePages {

    /** Each group's home, in the order a person with several groups is sent (pole staff first). */
    static final Map<String, String> HOMES = new java.util.LinkedHashMap<>();

    static {
        HOMES.put(Roles.POLE_STAFF, "/staff");
        HOMES.put(Roles.ADMIN, "/staff");
        HOMES.put(Roles.FUNDER, "/funder");
        HOMES.put(Roles.CARRIER, "/carrier");
        HOMES.put(Roles.REVIEWER, "/reviews");
        HOMES.put(Roles.INVESTOR, "/investor");
        HOMES.put(Roles.AUDITOR, "/audit");
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Authentication user) {
        List<String> groups = CurrentUser.groups(user);
        return HOMES.entrySet().stream().filter(home -> groups.contains(home.getKey())).findFirst()
                .map(home -> "redirect:" + home.getValue()).orElse("redirect:/tasks");
    }
}
