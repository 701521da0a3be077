package org.tremplin.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.process.ProjectLifecycle;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Server time of the console's pages (prints figures; asserts nothing about speed). On the demo data, each demo user
 * opens their home and every console page and fragment it links to ({@code href} and {@code hx-get}), 20 times each;
 * then the staff home and the projects list again with 1,000 more projects. Time is measured around the request in
 * the server (MockMvc on the whole application: security, controllers, read models, templates), without a network.
 * Run with {@code mvn -o test -Dtest=ConsoleBenchmark -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(properties = "tremplin.demo.enabled=true")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleBenchmark {

    private static final int ROUNDS = 20;
    private static final int PROJECTS = 1_000;
    private static final Pattern LINK = Pattern.compile("(?:href|hx-get)=\"(/[^\"#]*)\"");

    /** Demo users and their groups (see DemoData). */
    private static final Map<String, String[]> USERS = new LinkedHashMap<>();

    static {
        USERS.put("claire", new String[] {Roles.POLE_STAFF});
        USERS.put("sophie", new String[] {Roles.CARRIER});
        USERS.put("rachid", new String[] {Roles.REVIEWER});
        USERS.put("fanny", new String[] {Roles.FUNDER});
        USERS.put("gaelle", new String[] {Roles.FUNDER});
        USERS.put("ivan", new String[] {Roles.INVESTOR});
        USERS.put("aude", new String[] {Roles.AUDITOR});
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ProjectLifecycle lifecycle;
    @Autowired
    private Identity identity;
    @Autowired
    private CommandGateway commandGateway;

    @Test
    void prints_the_server_time_of_every_page_on_the_demo_and_of_the_staff_home_with_a_thousand_projects() throws Exception {
        System.out.println("\n=== Console pages on the demo: server time, ms (median / p95 / max of " + ROUNDS + ") ===");
        for (var entry : USERS.entrySet()) {
            for (String path : pagesOf(entry.getKey(), entry.getValue())) {
                print(entry.getKey(), path, measure(entry.getKey(), entry.getValue(), path));
            }
        }

        String carrier = "bench.carrier";
        identity.ensureUser(carrier, "Bench", "Carrier", "secret", List.of(Roles.CARRIER));
        String organisation = "OTHER-BENCHCONSOLE";
        identity.runAs("claire", () -> {
            commandGateway.sendAndWait(new RegisterOrganisationCommand(organisation, "Bench SME", NationalIdScheme.OTHER,
                    "BENCHCONSOLE", OrganisationKind.SME, 12, "Auvergne-Rhône-Alpes", List.of("benchmarks")));
            commandGateway.sendAndWait(new AddOrganisationMemberCommand(organisation, carrier));
        });
        long start = System.nanoTime();
        for (int i = 0; i < PROJECTS; i++) {
            String projectId = "PRJ-CONSOLE-" + i;
            identity.runAs(carrier, () -> lifecycle.submitIdea(new ProjectLifecycle.IdeaSubmission(projectId,
                    "Benchmark project " + projectId, "A project to fill the staff home.", "Benchmarks",
                    ConfidentialityLevel.CONSORTIUM, organisation, "Bench SME", OrganisationKind.SME,
                    new BigDecimal("100000.00"), carrier)));
        }
        System.out.printf("%n(1,000 projects submitted in %.1f s)%n", (System.nanoTime() - start) / 1e9);
        Thread.sleep(2_000);
        System.out.println("=== With 1,000 more projects ===");
        for (String path : List.of("/staff", "/projects", "/projects?page=20")) {
            print("claire", path, measure("claire", USERS.get("claire"), path));
        }
    }

    /** The user's home and every console page or fragment it links to. */
    private List<String> pagesOf(String userId, String[] groups) throws Exception {
        MvcResult home = mvc.perform(get("/").with(user(userId).roles(groups))).andReturn();
        String start = home.getResponse().getRedirectedUrl();
        Set<String> pages = new LinkedHashSet<>();
        pages.add(start);
        pages.add("/tasks");
        String html = mvc.perform(get(start).with(user(userId).roles(groups))).andReturn().getResponse().getContentAsString();
        Matcher links = LINK.matcher(html);
        while (links.find()) {
            String path = links.group(1).replace("&amp;", "&");
            if (!path.startsWith("/camunda") && !path.startsWith("/swagger") && !path.startsWith("/css")
                    && !path.startsWith("/js") && !path.startsWith("/webjars") && !path.contains("lang=")
                    && !path.startsWith("/logout") && !path.contains("export")) {
                pages.add(path);
            }
        }
        return new ArrayList<>(pages);
    }

    private List<Double> measure(String userId, String[] groups, String path) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 3; i++) {
            long start = System.nanoTime();
            int status = mvc.perform(get(path).with(user(userId).roles(groups))).andReturn().getResponse().getStatus();
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (status >= 500) {
                throw new IllegalStateException(path + " answered " + status + " to " + userId);
            }
            if (i >= 3) {
                millis.add(elapsed);
            }
        }
        Collections.sort(millis);
        return millis;
    }

    private static void print(String userId, String path, List<Double> millis) {
        System.out.printf("%-8s %-60s %7.1f %7.1f %7.1f%n", userId, path, millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
    }
}
