package org.tremplin.demo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.AddFunderUserCommand;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.OpenCallCommand;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.funding.process.FundingConventionProcess;
import org.tremplin.investment.api.AddInvestorUserCommand;
import org.tremplin.investment.api.AddRoundDocumentCommand;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.RegisterInvestorCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.investment.process.InvestmentRounds;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.DeclareReviewerBackgroundCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.AssignSmeReferentCommand;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.InvitePartnerCommand;
import org.tremplin.project.api.JoinConsortiumCommand;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycle;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * First start on the embedded default: demo users, eight real organisations from the ANR open data
 * (Licence Ouverte / Etalab 2.0) and three projects at different stages, each moved through the real
 * process steps and commands, so their histories are genuine.
 */
@Component
@ConditionalOnProperty(name = "tremplin.demo.enabled", havingValue = "true")
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";
    /** The demo's investment round (round ids are ROUND- and 8 hexadecimal capitals). */
    static final String DEMO_ROUND = "ROUND-0000DE30";

    private final Identity identity;
    private final CommandGateway commandGateway;
    private final ProjectLifecycle lifecycle;
    private final UserTasks userTasks;
    private final InvestmentRounds investmentRounds;
    private final Environment environment;
    private final QueryGateway queryGateway;

    public DemoData(Identity identity, CommandGateway commandGateway, ProjectLifecycle lifecycle, UserTasks userTasks,
                    InvestmentRounds investmentRounds, Environment environment, QueryGateway queryGateway) {
        this.investmentRounds = investmentRounds;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.commandGateway = commandGateway;
        this.lifecycle = lifecycle;
        this.userTasks = userTasks;
        this.environment = environment;
    }

    record DemoOrganisation(String id, String name, OrganisationKind kind, String user) {
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void load() {
        if (identity.userExists("claire")) {
            printWelcome(false);
            return;
        }
        createUsers();
        declareReviewerBackgrounds();
        Map<String, DemoOrganisation> organisations = registerOrganisations();
        registerFundersAndCalls();
        DemoOrganisation supersonic = organisations.get("SuperSonic Imagine");
        DemoOrganisation netris = organisations.get("Netris Pharma");
        DemoOrganisation riber = organisations.get("Riber");
        DemoOrganisation thales = organisations.get("Thales Research & Technology France");
        DemoOrganisation airbus = organisations.get("Airbus");
        DemoOrganisation cnrs = organisations.get("CNRS Alpes (Grenoble)");
        DemoOrganisation cea = organisations.get("CEA Saclay");

        // 1. Consortium being built: one partner joined under NDA, one invitation pending.
        String ultrasound = submit("PRJ-DEMO-1", supersonic, "Portable ultrafast ultrasound for emergency cardiology",
                "A hand-held ultrafast ultrasound probe and its AI-assisted reading for emergency rooms and ambulances.",
                "Health technologies", ConfidentialityLevel.CONSORTIUM, "450000.00");
        invite(supersonic, ultrasound, thales, cnrs);
        join(thales, ultrasound, "Signal processing and embedded electronics", "380000.00");

        // 2. Under review: consortium complete, reviewers assigned, one review in.
        String epitaxy = submit("PRJ-DEMO-2", riber, "GaN-on-silicon epitaxy for power electronics",
                "Industrial molecular beam epitaxy of gallium nitride on 200 mm silicon wafers for power converters.",
                "Micro and nano technologies", ConfidentialityLevel.RESTRICTED, "620000.00");
        invite(riber, epitaxy, thales, cea);
        join(thales, epitaxy, "Power converter design and qualification", "410000.00");
        join(cea, epitaxy, "Material characterisation", "350000.00");
        complete("romain", epitaxy, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM,
                Map.of(ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE, true));
        complete("claire", epitaxy, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, Map.of(
                LabellingProcess.Variables.REVIEWERS, "rachid, victor",
                LabellingProcess.Variables.REVIEW_DEADLINE, LocalDate.now(org.tremplin.shared.ParisTime.ZONE).plusDays(21).toString()));
        complete("rachid", epitaxy, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of(
                LabellingProcess.Variables.SCORE, 16L,
                LabellingProcess.Variables.RECOMMENDATION, "GRANT",
                LabellingProcess.Variables.CONCLUSIONS, "Clear industrial route to market; the consortium covers the value chain."));

        // 3. Labelled, with the conclusions delivered to the carrier.
        String antibodies = submit("PRJ-DEMO-3", netris, "Netrin-1 blocking antibodies against resistant gynaecological cancers",
                "Clinical-grade production and companion diagnostic of a first-in-class anti-netrin-1 antibody.",
                "Health technologies", ConfidentialityLevel.MEMBERS, "900000.00");
        invite(netris, antibodies, supersonic, cnrs);
        join(supersonic, antibodies, "Ultrasound imaging biomarkers", "300000.00");
        join(cnrs, antibodies, "Tumour biology and mouse models", "520000.00");
        complete("marc", antibodies, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM,
                Map.of(ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE, true));
        complete("claire", antibodies, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, Map.of(
                LabellingProcess.Variables.REVIEWERS, "rachid,anne",
                LabellingProcess.Variables.REVIEW_DEADLINE, LocalDate.now(org.tremplin.shared.ParisTime.ZONE).plusDays(14).toString()));
        complete("rachid", antibodies, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of(
                LabellingProcess.Variables.SCORE, 17L,
                LabellingProcess.Variables.RECOMMENDATION, "GRANT",
                LabellingProcess.Variables.CONCLUSIONS, "Strong preclinical data; the imaging biomarker is a real differentiator."));
        complete("anne", antibodies, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of(
                LabellingProcess.Variables.SCORE, 14L,
                LabellingProcess.Variables.RECOMMENDATION, "GRANT",
                LabellingProcess.Variables.CONCLUSIONS, "Sound plan; the manufacturing budget looks tight for clinical grade."));
        complete("claire", antibodies, LabellingProcess.Elements.USER_DECIDE_LABEL, Map.of(
                LabellingProcess.Variables.GRANTED, true,
                LabellingProcess.Variables.REASONS, "Innovative therapy with a credible SME-led consortium; review the manufacturing budget before funding."));
        complete("claire", antibodies, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS, Map.of(
                LabellingProcess.Variables.MESSAGE, "Congratulations: the label is granted. The SME referent will help you choose the funding calls."));
        fund(antibodies, netris, supersonic, cnrs);
        openRound(antibodies, netris);
        consortiumAgreements(ultrasound, supersonic, thales, antibodies, netris, cnrs);
        log.info("Demo data loaded: {} organisations, 3 funders with 3 open calls, projects {} (consortium), {} (under review), {} (funding and R&D), investment round {}",
                organisations.size(), ultrasound, epitaxy, antibodies, DEMO_ROUND);
        printWelcome(true);
    }

    private void createUsers() {
        user("demo", "Demo", "Administrator", Roles.ADMIN, Roles.POLE_STAFF);
        user("claire", "Claire", "Martin", Roles.POLE_STAFF);
        user("sophie", "Sophie", "Bernard", Roles.CARRIER);
        user("marc", "Marc", "Petit", Roles.CARRIER);
        user("romain", "Romain", "Roux", Roles.CARRIER);
        user("thomas", "Thomas", "Durand", Roles.CARRIER);
        user("paul", "Paul", "Moreau", Roles.CARRIER);
        user("lea", "Léa", "Laurent", Roles.CARRIER);
        user("ines", "Inès", "Simon", Roles.CARRIER);
        user("hugo", "Hugo", "Michel", Roles.CARRIER);
        user("rachid", "Rachid", "Benali", Roles.REVIEWER);
        user("victor", "Victor", "Garcia", Roles.REVIEWER);
        user("anne", "Anne", "Lefebvre", Roles.REVIEWER);
        user("fanny", "Fanny", "Fournier", Roles.FUNDER);
        user("gaelle", "Gaëlle", "Mercier", Roles.FUNDER);
        user("fabien", "Fabien", "Blanc", Roles.FUNDER);
        user("ivan", "Ivan", "Girard", Roles.INVESTOR);
        user("aude", "Aude", "Bonnet", Roles.AUDITOR);
        user("iris", "Iris", "Lambert", Roles.IP_ADVISER);
    }

    /**
     * The demo reviewers cover the three backgrounds of a mixed panel (src/docs/review-panels.md), so the demo still
     * labels when a pole requires a large company, an SME and a lab ({@code tremplin.labelling.panel-mix}).
     */
    private void declareReviewerBackgrounds() {
        declare("rachid", ReviewerBackground.LARGE_COMPANY, "STMicroelectronics", "Power electronics, 20 years in R&D");
        declare("victor", ReviewerBackground.SME, "Lynred", "Founder of an infrared imaging SME");
        declare("anne", ReviewerBackground.RESEARCH_LAB, "INSERM Lyon", "Oncology and translational research");
    }

    private void declare(String reviewer, ReviewerBackground background, String organisation, String note) {
        identity.runAs(reviewer, () -> commandGateway.sendAndWait(new DeclareReviewerBackgroundCommand(
                DeclareReviewerBackgroundCommand.profileIdOf(reviewer), reviewer, background, organisation, note, true,
                reviewer)));
    }

    private void user(String id, String first, String last, String... groups) {
        identity.ensureUser(id, first, last, PASSWORD, Arrays.asList(groups));
    }

    private Map<String, DemoOrganisation> registerOrganisations() {
        Map<String, DemoOrganisation> organisations = new LinkedHashMap<>();
        identity.runAs("claire", () -> {
            try (Reader reader = new InputStreamReader(new ClassPathResource("demo/anr-partners.csv").getInputStream(),
                    StandardCharsets.UTF_8)) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    String code = row.get("anr_partner_code");
                    String id = NationalIdScheme.OTHER.organisationId(code);
                    OrganisationKind kind = OrganisationKind.valueOf(row.get("kind"));
                    commandGateway.sendAndWait(new RegisterOrganisationCommand(id, row.get("name"), NationalIdScheme.OTHER,
                            code, kind, Integer.parseInt(row.get("headcount")), row.get("region"),
                            List.of(row.get("competences").split(";"))));
                    commandGateway.sendAndWait(new AddOrganisationMemberCommand(id, row.get("user")));
                    if (kind == OrganisationKind.SME) {
                        // claire is the demo SMEs' referent: offered their set-up tasks first (src/docs/sme-services.md)
                        commandGateway.sendAndWait(new AssignSmeReferentCommand(id, "claire", true));
                    }
                    organisations.put(row.get("name"), new DemoOrganisation(id, row.get("name"), kind, row.get("user")));
                }
            } catch (IOException e) {
                throw new IllegalStateException("Demo organisations could not be read", e);
            }
        });
        return organisations;
    }

    /** The State's FUI with an open call, a region with an SME-only call, and the pooled regional fund. */
    private void registerFundersAndCalls() {
        Map<FundingStage, Integer> serviceLevels = new EnumMap<>(FundingStage.class);
        serviceLevels.put(FundingStage.SUBMISSION_TO_DECISION, 120);
        serviceLevels.put(FundingStage.DECISION_TO_CONVENTION, 90);
        serviceLevels.put(FundingStage.CONVENTION_TO_FIRST_PAYMENT, 30);
        serviceLevels.put(FundingStage.FIRST_PAYMENT_TO_BALANCE, 730);
        LocalDate today = LocalDate.now(org.tremplin.shared.ParisTime.ZONE);
        String fui = RegisterFunderCommand.funderId("FUI");
        String region = RegisterFunderCommand.funderId("REGION-ARA");
        identity.runAs("claire", () -> {
            commandGateway.sendAndWait(new RegisterFunderCommand(fui, "FUI", "Fonds unique interministériel (State)",
                    FunderKind.STATE_FUI, null, serviceLevels, List.of()));
            commandGateway.sendAndWait(new RegisterFunderCommand(region, "REGION-ARA", "Région Auvergne-Rhône-Alpes",
                    FunderKind.REGION, null, serviceLevels, List.of()));
            commandGateway.sendAndWait(new RegisterFunderCommand(RegisterFunderCommand.funderId("FONDS-ARA"), "FONDS-ARA",
                    "Fonds régional unique Auvergne-Rhône-Alpes", FunderKind.POOLED_FUND, 3, serviceLevels, List.of(
                    new PooledFundContributor(region, new BigDecimal("50.00")),
                    new PooledFundContributor("Département de l'Isère", new BigDecimal("30.00")),
                    new PooledFundContributor("Grenoble-Alpes Métropole", new BigDecimal("20.00")))));
            commandGateway.sendAndWait(new AddFunderUserCommand(fui, "fanny"));
            commandGateway.sendAndWait(new AddFunderUserCommand(region, "gaelle"));
            commandGateway.sendAndWait(new AddFunderUserCommand(RegisterFunderCommand.funderId("FONDS-ARA"), "fabien"));
            commandGateway.sendAndWait(new OpenCallCommand(OpenCallCommand.callId("FONDS-ARA-27"), RegisterFunderCommand.funderId("FONDS-ARA"),
                    "FONDS-ARA-27", "Regional single fund: labelled collaborative projects", today.minusDays(20), today.plusDays(100),
                    Set.of(OrganisationKind.SME, OrganisationKind.MID_SIZE_COMPANY, OrganisationKind.LARGE_COMPANY,
                            OrganisationKind.RESEARCH_LAB), true, null));
            commandGateway.sendAndWait(new OpenCallCommand(OpenCallCommand.callId("FUI-25"), fui, "FUI-25",
                    "FUI call 25: collaborative R&D projects", today.minusDays(30), today.plusDays(60),
                    Set.of(OrganisationKind.SME, OrganisationKind.MID_SIZE_COMPANY, OrganisationKind.LARGE_COMPANY,
                            OrganisationKind.RESEARCH_LAB), true, null));
            commandGateway.sendAndWait(new OpenCallCommand(OpenCallCommand.callId("ARA-PME"), region, "ARA-PME",
                    "Regional innovation call for SMEs", today.minusDays(10), today.plusDays(80),
                    Set.of(OrganisationKind.SME), false, new BigDecimal("2000000.00")));
        });
    }

    /**
     * 3, continued: the labelled project applies to FUI call 25, the region's SME call and the pooled regional fund.
     * FUI granted (partially for SuperSonic): Netris' convention is signed, its advance and a first instalment paid;
     * CNRS' is signed, awaiting its advance; SuperSonic's awaits signature. The pooled fund granted Netris (convention
     * to sign); the region has not decided yet.
     */
    private void fund(String projectId, DemoOrganisation netris, DemoOrganisation supersonic, DemoOrganisation cnrs) {
        awaitLabelInReadModel(projectId);
        LocalDate today = LocalDate.now(org.tremplin.shared.ParisTime.ZONE);
        complete("claire", projectId, ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS, Map.of(
                ProjectLifecycleProcess.Variables.TARGET_CALLS, "CALL-FUI-25, CALL-ARA-PME, CALL-FONDS-ARA-27"));
        String fuiCall = OpenCallCommand.callId("FUI-25");
        String regionCall = OpenCallCommand.callId("ARA-PME");
        String poolCall = OpenCallCommand.callId("FONDS-ARA-27");
        completeFor("marc", projectId, FundingApplicationProcess.Elements.USER_FILE_APPLICATION, fuiCall, Map.of(
                FundingApplicationProcess.Variables.REQUESTS, netris.id() + "; 250000; 100000; 150000\n"
                        + supersonic.id() + "; 150000; 100000; 100000\n" + cnrs.id() + "; 400000; 100000; 180000"));
        completeFor("marc", projectId, FundingApplicationProcess.Elements.USER_FILE_APPLICATION, regionCall, Map.of(
                FundingApplicationProcess.Variables.REQUESTS, netris.id() + "; 100000; 50000; 50000\n"
                        + supersonic.id() + "; 80000; 40000; 40000"));
        completeFor("marc", projectId, FundingApplicationProcess.Elements.USER_FILE_APPLICATION, poolCall, Map.of(
                FundingApplicationProcess.Variables.REQUESTS, netris.id() + "; 250000; 100000; 60000\n"
                        + cnrs.id() + "; 400000; 100000; 100000"));
        completeFor("fanny", projectId, FundingApplicationProcess.Elements.USER_RECORD_FUNDING_DECISION, fuiCall, Map.of(
                FundingApplicationProcess.Variables.GRANTED, true,
                FundingApplicationProcess.Variables.GRANTS, netris.id() + "; 150000\n" + supersonic.id() + "; 80000\n" + cnrs.id() + "; 180000",
                FundingApplicationProcess.Variables.REASONS, "SuperSonic's imaging work package is reduced to its clinical part."));
        completeFor("fabien", projectId, FundingApplicationProcess.Elements.USER_RECORD_FUNDING_DECISION, poolCall, Map.of(
                FundingApplicationProcess.Variables.GRANTED, true,
                FundingApplicationProcess.Variables.GRANTS, netris.id() + "; 60000",
                FundingApplicationProcess.Variables.REASONS, "The fund finances the regional SME; CNRS is funded by FUI."));
        String fuiApplication = SubmitFundingApplicationCommand.applicationId(projectId, "FUI-25");
        Map<String, Object> schedule = Map.of(
                FundingConventionProcess.Variables.SIGNED_ON, today.toString(),
                FundingConventionProcess.Variables.END_DATE, today.plusYears(3).toString(),
                FundingConventionProcess.Variables.ADVANCE_PERCENT, "20",
                FundingConventionProcess.Variables.INTERIM_CAP_PERCENT, "80");
        for (DemoOrganisation partner : List.of(netris, cnrs)) {
            completeForConvention("fanny", projectId, FundingConventionProcess.Elements.USER_SIGN_CONVENTION,
                    GrantedAid.conventionId(fuiApplication, partner.id()), schedule);
        }
        String netrisConvention = GrantedAid.conventionId(fuiApplication, netris.id());
        completeForConvention("fanny", projectId, FundingConventionProcess.Elements.USER_PAY_ADVANCE, netrisConvention,
                Map.of(FundingConventionProcess.Variables.PAYMENT_REFERENCE, "FUI-2027-000412"));
        completeForConvention("marc", projectId, FundingConventionProcess.Elements.USER_SUBMIT_EXPENSE_STATEMENT, netrisConvention, Map.of(
                FundingConventionProcess.Variables.PERIOD_END, today.toString(),
                FundingConventionProcess.Variables.AMOUNT, "120000.00",
                FundingConventionProcess.Variables.FINAL_STATEMENT, false));
        completeForConvention("fanny", projectId, FundingConventionProcess.Elements.USER_REVIEW_EXPENSE_STATEMENT, netrisConvention, Map.of(
                FundingConventionProcess.Variables.APPROVED, true,
                FundingConventionProcess.Variables.COMMENT, "Certified by the statutory auditor; conform."));
    }

    /**
     * Growth: two investors (Ivan acts for the business angels) and Netris' seed round, opened by pole staff with the
     * project's funding passport shared; both investors invited, a document in the data room. Ivan has not accepted the
     * NDA yet (his Tasklist task, or the API): he sees the round's title only until he does.
     */
    private void openRound(String projectId, DemoOrganisation netris) {
        String angels = RegisterInvestorCommand.investorId("ALPES-ANGELS");
        String fund = RegisterInvestorCommand.investorId("BPI-INNOVATION");
        LocalDate today = LocalDate.now(org.tremplin.shared.ParisTime.ZONE);
        identity.runAs("claire", () -> {
            commandGateway.sendAndWait(new RegisterInvestorCommand(angels, "ALPES-ANGELS", "Alpes Business Angels",
                    InvestorKind.BUSINESS_ANGEL));
            commandGateway.sendAndWait(new AddInvestorUserCommand(angels, "ivan"));
            commandGateway.sendAndWait(new RegisterInvestorCommand(fund, "BPI-INNOVATION", "Bpifrance Innovation Seed Fund",
                    InvestorKind.BPIFRANCE_FUND));
            investmentRounds.open(new InvestmentRounds.RoundOpening(DEMO_ROUND, "Netris Pharma seed round", netris.id(), projectId,
                    new RoundTerms(Instrument.EQUITY, new BigDecimal("1500000"), new BigDecimal("800000"), new BigDecimal("2000000"),
                            new BigDecimal("50000"), new BigDecimal("9000000.00"), today.plusDays(60), false), true, false));
            investmentRounds.invite(DEMO_ROUND, angels, List.of("ivan"));
            investmentRounds.invite(DEMO_ROUND, fund, List.of());
            commandGateway.sendAndWait(new AddRoundDocumentCommand(DEMO_ROUND, "DOC-1", "Business plan 2027-2031",
                    "dataroom://netris/business-plan-2027.pdf"));
        });
    }

    private String submit(String projectId, DemoOrganisation carrier, String title, String summary, String axis,
                          ConfidentialityLevel level, String budget) {
        identity.runAs(carrier.user(), () -> lifecycle.submitIdea(new ProjectLifecycle.IdeaSubmission(projectId, title,
                summary, axis, level, carrier.id(), carrier.name(), carrier.kind(), new BigDecimal(budget), carrier.user())));
        return projectId;
    }

    private void invite(DemoOrganisation carrier, String projectId, DemoOrganisation... partners) {
        identity.runAs(carrier.user(), () -> {
            for (DemoOrganisation partner : partners) {
                commandGateway.sendAndWait(new InvitePartnerCommand(projectId,
                        new PartnerOrganisation(partner.id(), partner.name(), partner.kind())));
            }
        });
    }

    private void join(DemoOrganisation partner, String projectId, String role, String budget) {
        identity.runAs(partner.user(), () -> {
            commandGateway.sendAndWait(new JoinConsortiumCommand(projectId, partner.id(), role, new BigDecimal(budget)));
            commandGateway.sendAndWait(new SignNdaCommand(projectId, partner.id(), partner.user()));
        });
    }

    private void complete(String userId, String projectId, String taskDefinitionKey, Map<String, Object> values) {
        identity.runAs(userId, () -> {
            List<String> groups = identity.groupsOf(userId);
            UserTasks.TaskView task = userTasks.tasksOf(userId, groups, projectId).stream()
                    .filter(t -> projectId.equals(t.projectId()) && taskDefinitionKey.equals(t.taskDefinitionKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No task " + taskDefinitionKey + " for " + userId));
            userTasks.complete(task.id(), userId, groups, values);
        });
    }

    /**
     * Filing an application reads the label from the project read model, which a tracking processor updates just
     * after the commit. The API waits for it on every write (read-your-writes); the demo, which calls the process
     * directly, waits here, so a loaded machine cannot file the demo's applications as unlabelled.
     */
    private void awaitLabelInReadModel(String projectId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Optional<ProjectView> project = queryGateway.query(new FindProjectQuery(projectId),
                    ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
            if (project.map(p -> "GRANTED".equals(p.labelDecision())).orElse(false)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The project read model did not show the label of " + projectId + " within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the label of " + projectId, e);
            }
        }
    }

    /** Completes the user's task of that definition in the application to that call (parallel applications). */
    private void completeFor(String userId, String projectId, String taskDefinitionKey, String callId, Map<String, Object> values) {
        completeWhere(userId, projectId, taskDefinitionKey, FundingApplicationProcess.Variables.CALL_ID, callId, values);
    }

    /** Completes the user's task of that definition in that convention's process. */
    private void completeForConvention(String userId, String projectId, String taskDefinitionKey, String conventionId,
                                       Map<String, Object> values) {
        completeWhere(userId, projectId, taskDefinitionKey, FundingConventionProcess.Variables.CONVENTION_ID, conventionId, values);
    }

    private void completeWhere(String userId, String projectId, String taskDefinitionKey, String subjectKey, String subject,
                               Map<String, Object> values) {
        identity.runAs(userId, () -> {
            List<String> groups = identity.groupsOf(userId);
            UserTasks.TaskView task = userTasks.tasksOf(userId, groups, projectId).stream()
                    .filter(t -> taskDefinitionKey.equals(t.taskDefinitionKey()) && subject.equals(t.subject().get(subjectKey)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No task " + taskDefinitionKey + " of " + subject + " for " + userId));
            userTasks.complete(task.id(), userId, groups, values);
        });
    }

    /**
     * The pole's model agreement (two versions) and two projects' consortium agreements (src/docs/consortium-agreement.md):
     * PRJ-DEMO-3's signed by its three members, PRJ-DEMO-1's signed by its carrier and awaiting Thales's signature.
     */
    private void consortiumAgreements(String ultrasound, DemoOrganisation supersonic, DemoOrganisation thales,
                                      String antibodies, DemoOrganisation netris, DemoOrganisation cnrs) {
        identity.runAs("claire", () -> {
            commandGateway.sendAndWait(new org.tremplin.project.api.PublishModelAgreementCommand("standard", 1,
                    "Standard consortium agreement of the pole", """
                    1. Results belong to the partners who produce them, in the shares stated below.
                    2. Each partner exploits the results in its fields of use and territories; an exclusive right excludes the others.
                    3. Background IP stays with its owner; access as stated per partner.
                    4. Confidential information is kept for the period stated per partner.""", 5, "claire"));
            commandGateway.sendAndWait(new org.tremplin.project.api.PublishModelAgreementCommand("standard", 2,
                    "Standard consortium agreement of the pole (2027)", """
                    1. Results belong to the partners who produce them, in the shares stated below.
                    2. Each partner exploits the results in its fields of use and territories; an exclusive right excludes the others.
                    3. Background IP stays with its owner; access as stated per partner, fair conditions by default.
                    4. Confidential information is kept for the period stated per partner.
                    5. Disputes go to the pole's mediation before any court.""", 5, "claire"));
        });
        agreement(netris.user(), antibodies, List.of(netris, supersonic, cnrs), List.of(
                terms(netris, 5000, "Anti-netrin-1 therapy", "World", true, org.tremplin.project.api.BackgroundAccess.FAIR_CONDITIONS),
                terms(supersonic, 2000, "Ultrasound imaging biomarkers", "Europe", true, org.tremplin.project.api.BackgroundAccess.FAIR_CONDITIONS),
                terms(cnrs, 3000, "Academic research", "World", false, org.tremplin.project.api.BackgroundAccess.FREE)));
        for (DemoOrganisation member : List.of(netris, supersonic, cnrs)) {
            sign(member, antibodies, List.of(netris, supersonic, cnrs));
        }
        agreement(supersonic.user(), ultrasound, List.of(supersonic, thales), List.of(
                terms(supersonic, 6000, "Emergency cardiology devices", "Europe", true, org.tremplin.project.api.BackgroundAccess.FAIR_CONDITIONS),
                terms(thales, 4000, "Embedded signal processing", "World", false, org.tremplin.project.api.BackgroundAccess.FAIR_CONDITIONS)));
        sign(supersonic, ultrasound, List.of(supersonic, thales));
    }

    private static org.tremplin.project.api.PartnerAgreementTerms terms(DemoOrganisation organisation, int basisPoints,
                                                                        String field, String territory, boolean exclusive,
                                                                        org.tremplin.project.api.BackgroundAccess access) {
        return new org.tremplin.project.api.PartnerAgreementTerms(organisation.id(), basisPoints,
                List.of(new org.tremplin.project.api.ExploitationRight(field, territory, exclusive)), access, 5);
    }

    private void agreement(String userId, String projectId, List<DemoOrganisation> members,
                           List<org.tremplin.project.api.PartnerAgreementTerms> terms) {
        identity.runAs(userId, () -> commandGateway.sendAndWait(new org.tremplin.project.api.SetConsortiumAgreementTermsCommand(
                org.tremplin.project.api.SetConsortiumAgreementTermsCommand.idOf(projectId), projectId, "standard", 2,
                members.stream().map(DemoOrganisation::id).toList(), terms, userId)));
    }

    private void sign(DemoOrganisation member, String projectId, List<DemoOrganisation> members) {
        identity.runAs(member.user(), () -> commandGateway.sendAndWait(new org.tremplin.project.api.SignConsortiumAgreementCommand(
                org.tremplin.project.api.SetConsortiumAgreementTermsCommand.idOf(projectId), member.id(), 1, member.user(),
                members.stream().map(DemoOrganisation::id).toList())));
    }

    private void printWelcome(boolean firstStart) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        log.info("""

                ===================================== Tremplin =====================================
                 {}
                 Cockpit, Tasklist, Admin : {}/camunda/app/
                 REST API                 : {}/api   (HTTP basic)
                 Swagger UI               : {}/swagger-ui.html
                 Health                   : {}/actuator/health
                 Demo users (password "demo"):
                   demo   (administrator, pole staff)   claire (pole staff)
                   sophie (carrier, SuperSonic Imagine) marc (carrier, Netris Pharma) romain (carrier, Riber)
                   thomas (Thales R&T)  paul (Airbus)  lea (CNRS Alpes)  ines (CEA Saclay)  hugo (INRIA)
                   rachid, victor, anne (reviewers)  fanny (funder, FUI)  gaelle (funder, Région ARA)
                   fabien (funder, pooled regional fund)  ivan (investor, Alpes Business Angels)  aude (auditor)
                ====================================================================================""",
                firstStart ? "Demo data loaded on this first start." : "Demo data already present.",
                base, base, base, base);
    }
}
