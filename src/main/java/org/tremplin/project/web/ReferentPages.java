package org.tremplin.project.web;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

/** The staff home's panel "My SMEs' projects" (issue 13): the same list as {@code GET /api/referents/me/projects}. */
@ConsolePage
class ReferentPages {

    private final ReferentController referents;

    ReferentPages(ReferentController referents) {
        this.referents = referents;
    }

    @GetMapping("/referents/panel")
    String panel(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF)) {
            throw DomainException.notFound("No such page");
        }
        model.addAttribute("referentProjects", referents.myProjects(user));
        return "project/referent :: panel";
    }
}
