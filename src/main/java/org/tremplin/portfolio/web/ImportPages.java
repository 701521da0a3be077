package org.tremplin.portfolio.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.portfolio.command.PortfolioImport;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

/**
 * The console's import page (pole staff, Camunda administrators): start the import of the bundled ANR portfolio,
 * follow its progress (polled every second while it runs) and read its report. Reads and starts through the API's own
 * controller, so the page shows and does what the API would; anyone else gets 404.
 */
@ConsolePage
class ImportPages {

    private final ImportController imports;

    ImportPages(ImportController imports) {
        this.imports = imports;
    }

    @GetMapping("/imports")
    String page(@RequestParam(required = false) String id, Authentication user, Model model) {
        staff(user);
        model.addAttribute("runs", imports.runs());
        if (id != null && !id.isBlank()) {
            model.addAttribute("run", imports.run(id.strip()));
        }
        return "portfolio/imports";
    }

    @PostMapping("/imports")
    String start(Authentication user, RedirectAttributes redirect) {
        staff(user);
        String id = (String) imports.importBundled(ImportController.BUNDLED, false).getBody().get("id");
        return "redirect:/imports?id=" + id;
    }

    /** The run's progress as a fragment, polled every second while it runs. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable String id, Authentication user, Model model, HttpServletResponse response) {
        staff(user);
        model.addAttribute("run", imports.run(id));
        return "portfolio/imports :: progress";
    }

    /** Pole staff and administrators; anyone else: 404, as a page that does not exist. */
    private static void staff(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !CurrentUser.hasGroup(user, Roles.ADMIN)) {
            throw DomainException.notFound("No such page");
        }
    }
}
