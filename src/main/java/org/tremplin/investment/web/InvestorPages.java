package org.tremplin.investment.web;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

/**
 * An investor's home: the rounds its investors are invited to, each as {@link RoundController#list} cuts it (before the
 * NDA: the name, status and closing date only), with the NDA, the commitment and the allocation; and the tasks waiting.
 */
@ConsolePage
class InvestorPages {

    private final RoundController rounds;
    private final InvestorController investors;

    InvestorPages(RoundController rounds, InvestorController investors) {
        this.rounds = rounds;
        this.investors = investors;
    }

    @GetMapping("/investor")
    String home(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.INVESTOR)) {
            throw DomainException.notFound("No page /investor for you");
        }
        model.addAttribute("investors", investors.list(null, user));
        model.addAttribute("rounds", rounds.list(user));
        return "investment/investor";
    }
}
