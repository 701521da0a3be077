package org.tremplin.funding.web;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.tremplin.platform.web.console.ConsolePage;

import java.util.List;

/**
 * The console's capacity page of one organisation ({@code /organisations/{id}/capacity}): the same check and access
 * rules as {@code GET /api/organisations/{id}/capacity} (pole staff and auditors any organisation, a member its own).
 * The labelling tasks show the same fragment ({@code funding/capacity :: checks}) for the carrier and each partner.
 */
@ConsolePage
class CapacityPages {

    private final CapacityController capacity;

    CapacityPages(CapacityController capacity) {
        this.capacity = capacity;
    }

    /** Pole staff and auditors: every member taking part in a running or candidate project, the worst first. */
    @GetMapping("/capacity")
    String overview(Authentication user, Model model) {
        model.addAttribute("overview", capacity.overview(user));
        return "funding/capacity-overview";
    }

    @GetMapping("/organisations/{id}/capacity")
    String organisation(@PathVariable("id") String organisationId, Authentication user, Model model) {
        model.addAttribute("checks", List.of(capacity.organisation(organisationId, user)));
        return "funding/capacity";
    }
}
