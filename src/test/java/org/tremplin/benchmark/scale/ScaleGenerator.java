package org.tremplin.benchmark.scale;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.OpenCallCommand;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.funding.api.PayBalanceCommand;
import org.tremplin.funding.api.PayInstalmentCommand;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.funding.api.RejectExpenseStatementCommand;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.investment.api.AcceptRoundNdaCommand;
import org.tremplin.investment.api.AddRoundDocumentCommand;
import org.tremplin.investment.api.CloseRoundCommand;
import org.tremplin.investment.api.CommitToRoundCommand;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InviteInvestorCommand;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.OpenRoundCommand;
import org.tremplin.investment.api.RegisterInvestorCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.project.api.AbandonProjectCommand;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.ChooseFundingCallsCommand;
import org.tremplin.project.api.CloseProjectCommand;
import org.tremplin.project.api.CommunicateConclusionsCommand;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.DecideLabelCommand;
import org.tremplin.project.api.DeclineInvitationCommand;
import org.tremplin.project.api.InvitePartnerCommand;
import org.tremplin.project.api.JoinConsortiumCommand;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.PlanGrowthCommand;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.RecordReviewCommand;
import org.tremplin.project.api.RemindLateReviewersCommand;
import org.tremplin.project.api.ReviewerAssignment;
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.project.api.StartResearchCommand;
import org.tremplin.project.api.SubmitForLabellingCommand;
import org.tremplin.project.api.SubmitIdeaCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a synthetic national store through the real aggregates: every event is decided by an aggregate's command
 * handler, reached through the {@link CommandGateway}, serialized by the configured serializer and appended to the
 * real event table, with the metadata of a step (actor, roles, correlation id). Batch mode: the commands of
 * {@link ScaleShape#projectsPerBatch()} projects run in one root unit of work inside one Spring transaction, so
 * each aggregate is loaded once per batch (Axon keeps the aggregates of a root unit of work) and the batch's
 * events are appended together at its commit. Camunda is not involved (no process instances): the store holds the
 * events a national pole network would have recorded, not its process history.
 * <p>
 * Deterministic: project {@code i} draws from {@code new Random(seed * 1_000_003 + i)} and nothing reads the wall
 * clock except the business dates (today, in Paris), which the aggregates check against it. Resumable: the next
 * project to write is kept in {@code scale_progress}, in each batch's transaction, so an interrupted run continues
 * where its last committed batch ended (same seed and shape required).
 * <p>
 * No command is expected to be refused: a refusal would mark the batch's transaction rollback-only, and the run
 * stops with the aggregate's message (business refusals such as a refused label, a rejected application or a
 * rejected statement are events, and are part of the mix).
 */
public class ScaleGenerator {

    static final String PROGRESS_TABLE = "scale_progress";

    private static final String STAFF = "scale.staff";
    private static final OrganisationKind[] MEMBER_KINDS = {
            OrganisationKind.SME, OrganisationKind.SME, OrganisationKind.SME, OrganisationKind.SME, OrganisationKind.SME,
            OrganisationKind.MID_SIZE_COMPANY, OrganisationKind.LARGE_COMPANY, OrganisationKind.RESEARCH_LAB,
            OrganisationKind.RESEARCH_LAB, OrganisationKind.RESEARCH_LAB};
    private static final String[] AXES = {"Health technologies", "Micro and nano technologies", "Mobility", "Energy",
            "Digital", "Agri-food", "Aerospace", "Materials", "Water", "Photonics"};
    private static final String[] REGIONS = {"ARA", "BFC", "BRE", "CVL", "COR", "GES", "HDF", "IDF", "NOR", "NAQ", "OCC",
            "PDL", "PAC"};

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final FundingRules fundingRules;
    private final EventProcessingConfiguration processing;
    private final LocalDate today = ParisTime.today();
    private long commandCount;
    /** The funding rates the generator asks for (the aggregates evaluate the decision table themselves). */
    private final Map<String, FundingRules.Rate> rates = new java.util.HashMap<>();
    /** Wall-clock budget of one {@link #generate} call (nanoseconds, 0: none): it stops after the batch that exceeds it. */
    private long budgetNanos;

    public ScaleGenerator(CommandGateway commands, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                          FundingRules fundingRules, EventProcessingConfiguration processing) {
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.fundingRules = fundingRules;
        this.processing = processing;
    }

    /** Stops each later {@link #generate} call after the batch that exceeds this time (resume it with the same seed). */
    public ScaleGenerator stopAfter(java.time.Duration budget) {
        this.budgetNanos = budget.toNanos();
        return this;
    }

    /** What a run did. */
    public record Result(int projectsWritten, long eventsWritten, double seconds) {
        public double eventsPerSecond() {
            return seconds == 0 ? 0 : eventsWritten / seconds;
        }
    }

    /** Generates (or continues generating) the store of that shape; prints its progress on {@code out}. */
    public Result generate(ScaleShape shape, PrintStream out) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + PROGRESS_TABLE
                + " (id INT PRIMARY KEY, seed BIGINT NOT NULL, next_project INT NOT NULL)");
        if (shape.pauseProcessors()) {
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            out.println("[scale] read-model processors paused for the generation (rebuild them with a replay)");
        }
        long startEvents = headIndex();
        long started = System.nanoTime();
        Integer next = jdbc.query("SELECT next_project FROM " + PROGRESS_TABLE + " WHERE id = 1 AND seed = ?",
                rs -> rs.next() ? rs.getInt(1) : null, shape.seed());
        if (next == null) {
            jdbc.update("DELETE FROM " + PROGRESS_TABLE);
            for (int pole = 0; pole < shape.poles(); pole++) {
                int members = pole;
                inBatch(() -> registerMembers(shape, members));
            }
            inBatch(() -> {
                registerFundersAndInvestors(shape);
                jdbc.update("INSERT INTO " + PROGRESS_TABLE + " (id, seed, next_project) VALUES (1, ?, 0)", shape.seed());
            });
            next = 0;
            out.printf("[scale] reference data written: %d organisations, %d funders, their calls, %d investors%n",
                    shape.poles() * shape.organisationsPerPole(), funders().size(), INVESTORS);
        } else if (next > 0) {
            out.printf("[scale] resuming at project %d of %d%n", next, shape.projects());
        }
        int first = next;
        int lastWritten = -1;
        long lastPrint = System.nanoTime();
        for (int from = first; from < shape.projects(); from += shape.projectsPerBatch()) {
            int batchFrom = from;
            int batchTo = Math.min(shape.projects(), from + shape.projectsPerBatch());
            inBatch(() -> {
                for (int i = batchFrom; i < batchTo; i++) {
                    project(shape, i);
                }
                jdbc.update("UPDATE " + PROGRESS_TABLE + " SET next_project = ? WHERE id = 1", batchTo);
            });
            long now = System.nanoTime();
            boolean outOfTime = budgetNanos > 0 && now - started > budgetNanos;
            if (now - lastPrint > 10_000_000_000L || batchTo == shape.projects() || outOfTime) {
                lastPrint = now;
                double seconds = (now - started) / 1e9;
                long events = headIndex() - startEvents;
                double rate = events / seconds;
                int done = batchTo - first;
                double eta = done == 0 ? 0 : seconds / done * (shape.projects() - batchTo);
                out.printf("[scale] %,d / %,d projects, %,d events in %.0f s: %,.0f events/s, %.1f projects/s, ETA %s%n",
                        batchTo, shape.projects(), events, seconds, rate, done / seconds, duration(eta));
            }
            if (outOfTime) {
                out.printf("[scale] out of time: stopped after project %,d (run again to continue)%n", batchTo);
                lastWritten = batchTo;
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Result result = new Result((lastWritten >= 0 ? lastWritten : shape.projects()) - first, headIndex() - startEvents, seconds);
        out.printf("[scale] done: %,d projects, %,d events in %.0f s (%,.0f events/s)%n", result.projectsWritten(),
                result.eventsWritten(), seconds, result.eventsPerSecond());
        if (shape.pauseProcessors()) {
            processing.eventProcessors().values().forEach(EventProcessor::start);
        }
        return result;
    }

    private long headIndex() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** One transaction, one root unit of work: the aggregates are loaded once, the events appended at the end. */
    private void inBatch(Runnable work) {
        transaction.executeWithoutResult(status -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                work.run();
                unitOfWork.commit();
            } catch (RuntimeException | Error e) {
                if (unitOfWork.isActive()) {
                    unitOfWork.rollback(e);
                }
                throw e;
            }
        });
    }

    private void send(String actor, String roles, Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(Map.of(
                StepMetadata.ACTOR, actor, StepMetadata.ROLES, roles,
                StepMetadata.CORRELATION_ID, new UUID(0x5CA1EL, ++commandCount).toString())));
        commands.sendAndWait(message);
    }

    private void staff(Object command) {
        send(STAFF, Roles.POLE_STAFF, command);
    }

    // ======================================================================== reference data

    static final int INVESTORS = 60;

    record Member(String id, String name, OrganisationKind kind, String user, int headcount) {
        PartnerOrganisation partner() {
            return new PartnerOrganisation(id, name, kind);
        }
    }

    record FunderRef(String id, String code, FunderKind kind) {
    }

    static Member member(int pole, int index) {
        OrganisationKind kind = MEMBER_KINDS[index % MEMBER_KINDS.length];
        String code = String.format("SC-P%02d-M%03d", pole, index);
        int headcount = switch (kind) {
            case SME -> 12 + (index * 7) % 200;
            case MID_SIZE_COMPANY -> 400 + index * 13;
            case LARGE_COMPANY -> 8000 + index * 101;
            default -> 150 + index * 3;
        };
        return new Member(NationalIdScheme.OTHER.organisationId(code), kindName(kind) + " " + code, kind,
                "u." + code.toLowerCase(), headcount);
    }

    private static String kindName(OrganisationKind kind) {
        return switch (kind) {
            case SME -> "PME";
            case MID_SIZE_COMPANY -> "ETI";
            case LARGE_COMPANY -> "Groupe";
            case RESEARCH_LAB -> "Laboratoire";
            default -> "Structure";
        };
    }

    static List<FunderRef> funders() {
        List<FunderRef> funders = new ArrayList<>();
        funders.add(new FunderRef(RegisterFunderCommand.funderId("SC-FUI"), "SC-FUI", FunderKind.STATE_FUI));
        funders.add(new FunderRef(RegisterFunderCommand.funderId("SC-ANR"), "SC-ANR", FunderKind.ANR));
        funders.add(new FunderRef(RegisterFunderCommand.funderId("SC-BPI"), "SC-BPI", FunderKind.BPIFRANCE));
        funders.add(new FunderRef(RegisterFunderCommand.funderId("SC-EU"), "SC-EU", FunderKind.EU_FUND));
        for (String region : REGIONS) {
            funders.add(new FunderRef(RegisterFunderCommand.funderId("SC-REG-" + region), "SC-REG-" + region, FunderKind.REGION));
        }
        return funders;
    }

    /** Each funder's call of a year: {@code <funder code>-Y<year>}. */
    static String callCode(FunderRef funder, int year) {
        return funder.code() + "-Y" + year;
    }

    /**
     * The members of one pole, in a batch of their own: Axon's unit of work checks each staged event against the
     * others whenever it loads an aggregate, so one unit of work for every organisation would be quadratic.
     */
    private void registerMembers(ScaleShape shape, int pole) {
        for (int m = 0; m < shape.organisationsPerPole(); m++) {
            Member member = member(pole, m);
            staff(new RegisterOrganisationCommand(member.id(), member.name(), NationalIdScheme.OTHER,
                    member.id().substring("OTHER-".length()), member.kind(), member.headcount(),
                    REGIONS[pole % REGIONS.length], List.of(AXES[(pole + m) % AXES.length].toLowerCase())));
            staff(new AddOrganisationMemberCommand(member.id(), member.user()));
        }
    }

    private void registerFundersAndInvestors(ScaleShape shape) {
        Map<FundingStage, Integer> serviceLevels = new EnumMap<>(FundingStage.class);
        for (FundingStage stage : FundingStage.values()) {
            serviceLevels.put(stage, 120);
        }
        int years = shape.yearOf(Math.max(0, shape.projects() - 1)) + 1;
        Set<OrganisationKind> eligible = Set.of(OrganisationKind.SME, OrganisationKind.MID_SIZE_COMPANY,
                OrganisationKind.LARGE_COMPANY, OrganisationKind.RESEARCH_LAB);
        for (FunderRef funder : funders()) {
            staff(new RegisterFunderCommand(funder.id(), funder.code(), "Funder " + funder.code(), funder.kind(), 6,
                    serviceLevels, List.of()));
            staff(new org.tremplin.funding.api.AddFunderUserCommand(funder.id(), "u." + funder.code().toLowerCase()));
            for (int year = 0; year < years; year++) {
                String code = callCode(funder, year);
                staff(new OpenCallCommand(OpenCallCommand.callId(code), funder.id(), code,
                        "Call " + year + " of " + funder.code(), today.minusDays(30), today.plusYears(1),
                        eligible, true, null));
            }
        }
        InvestorKind[] kinds = InvestorKind.values();
        for (int i = 0; i < INVESTORS; i++) {
            String code = String.format("SC-INV-%02d", i);
            staff(new RegisterInvestorCommand(RegisterInvestorCommand.investorId(code), code, "Investor " + code,
                    kinds[i % kinds.length]));
        }
    }

    // ======================================================================== one project

    /** The id of project {@code index}. */
    public static String projectId(int index) {
        return String.format("PRJ-SC-%07d", index);
    }

    private void project(ScaleShape shape, int index) {
        Random random = new Random(shape.seed() * 1_000_003L + index);
        boolean longProject = index == 0 && shape.longProjectEvents() > 0;
        int pole = index % shape.poles();
        int year = shape.yearOf(index);
        String projectId = projectId(index);

        // the consortium: a company leads, at least one more company and one lab join
        List<Member> pool = new ArrayList<>();
        for (int m = 0; m < shape.organisationsPerPole(); m++) {
            pool.add(member(pole, m));
        }
        List<Member> companies = pool.stream().filter(m -> m.kind().isCompany()).toList();
        List<Member> labs = pool.stream().filter(m -> m.kind() == OrganisationKind.RESEARCH_LAB).toList();
        Member carrier = companies.get(random.nextInt(companies.size()));
        Set<Member> partners = new LinkedHashSet<>();
        while (partners.size() < 1) {
            Member company = companies.get(random.nextInt(companies.size()));
            if (!company.equals(carrier)) {
                partners.add(company);
            }
        }
        partners.add(labs.get(random.nextInt(labs.size())));
        int extra = longProject ? 3 : weighted(random, 0, 0, 1, 1, 2, 3);
        for (int e = 0; e < extra; e++) {
            Member any = pool.get(random.nextInt(pool.size()));
            if (!any.equals(carrier)) {
                partners.add(any);
            }
        }
        Member decliner = null;
        if (random.nextInt(10) == 0) {
            Member any = pool.get(random.nextInt(pool.size()));
            if (!any.equals(carrier) && !partners.contains(any)) {
                decliner = any;
            }
        }
        ConfidentialityLevel level = ConfidentialityLevel.values()[random.nextInt(ConfidentialityLevel.values().length)];
        BigDecimal carrierBudget = euros(150_000 + random.nextInt(900_000));
        String carrierUser = carrier.user();
        String carrierRoles = Roles.CARRIER;

        send(carrierUser, carrierRoles, new SubmitIdeaCommand(projectId, "Project " + index + " of pole " + pole,
                "Collaborative R&D project " + index + " (year " + year + ") of pole " + pole + ".",
                AXES[random.nextInt(AXES.length)], level, carrier.partner(), carrierBudget));
        for (Member partner : partners) {
            send(carrierUser, carrierRoles, new InvitePartnerCommand(projectId, partner.partner()));
        }
        if (decliner != null) {
            send(carrierUser, carrierRoles, new InvitePartnerCommand(projectId, decliner.partner()));
            send(decliner.user(), Roles.CARRIER, new DeclineInvitationCommand(projectId, decliner.id(),
                    "Not our priority this year"));
        }
        if (!longProject && random.nextInt(100) < 6) {
            send(carrierUser, carrierRoles, new AbandonProjectCommand(projectId, "The carrier stopped the project"));
            return;
        }
        for (Member partner : partners) {
            send(partner.user(), Roles.CARRIER, new JoinConsortiumCommand(projectId, partner.id(),
                    "Work package of " + partner.name(), euros(80_000 + random.nextInt(600_000))));
            if (level != ConfidentialityLevel.PUBLIC) {
                send(partner.user(), Roles.CARRIER, new SignNdaCommand(projectId, partner.id(), partner.user()));
            }
        }
        send(carrierUser, carrierRoles, new SubmitForLabellingCommand(projectId));

        // labelling
        int reviewerCount = random.nextInt(4) == 0 ? 3 : 2;
        List<ReviewerAssignment> reviewers = new ArrayList<>();
        int firstReviewer = random.nextInt(20);
        for (int r = 0; r < reviewerCount; r++) {
            reviewers.add(new ReviewerAssignment(String.format("rev.p%02d.%02d", pole, (firstReviewer + r) % 20), List.of()));
        }
        staff(new AssignReviewersCommand(projectId, reviewers, today.plusDays(21)));
        boolean good = longProject || random.nextInt(100) < 78;
        int reminders = longProject ? 20 : (random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0);
        for (int r = 0; r < reviewerCount; r++) {
            if (r == reviewerCount - 1) {
                for (int k = 0; k < reminders; k++) {
                    staff(new RemindLateReviewersCommand(projectId));
                }
            }
            String reviewer = reviewers.get(r).userId();
            send(reviewer, Roles.REVIEWER, new RecordReviewCommand(projectId, reviewer,
                    good ? 12 + random.nextInt(8) : 4 + random.nextInt(8),
                    good ? Recommendation.GRANT : Recommendation.REFUSE, "Review of " + reviewer + " for " + projectId));
        }
        staff(new DecideLabelCommand(projectId, good, good ? "Innovative and credible consortium"
                : "The market analysis is too weak for a label"));
        staff(new CommunicateConclusionsCommand(projectId, good ? "The label is granted." : "The label is refused."));
        if (!good) {
            return;
        }

        // funding
        List<FunderRef> funders = funders();
        int callCount = longProject ? 10 : weighted(random, 1, 1, 1, 2, 2, 3);
        List<FunderRef> chosen = new ArrayList<>();
        while (chosen.size() < callCount) {
            FunderRef funder = funders.get(random.nextInt(funders.size()));
            if (!chosen.contains(funder)) {
                chosen.add(funder);
            }
        }
        send(carrierUser, carrierRoles, new ChooseFundingCallsCommand(projectId,
                chosen.stream().map(f -> OpenCallCommand.callId(callCode(f, year))).toList()));
        List<Member> members = new ArrayList<>();
        members.add(carrier);
        members.addAll(partners);
        boolean researchStarted = false;
        int statementsPerConvention = longProject
                ? Math.max(2, shape.longProjectEvents() / (2 * callCount * members.size()))
                : 0;
        for (FunderRef funder : chosen) {
            researchStarted |= application(random, projectId, year, funder, members, carrierUser, statementsPerConvention,
                    researchStarted, longProject);
        }
        staff(new CloseProjectCommand(projectId));

        // growth: a round for the carrier company
        if (longProject || random.nextInt(100) < 8) {
            String roundId = String.format("ROUND-%08X", index);
            staff(new PlanGrowthCommand(projectId, roundId));
            long target = 500_000L + 100_000L * random.nextInt(20);
            staff(new OpenRoundCommand(roundId, "Seed round of " + carrier.name(), carrier.id(), projectId, "CLOSED", true,
                    new RoundTerms(Instrument.EQUITY, BigDecimal.valueOf(target), BigDecimal.valueOf(target / 2),
                            BigDecimal.valueOf(target * 3 / 2), BigDecimal.valueOf(25_000),
                            euros(target * 5), today.plusDays(90), false), true, false, today));
            staff(new AddRoundDocumentCommand(roundId, "DOC-1", "Business plan", "dataroom://" + roundId + "/plan.pdf"));
            int investors = 2 + random.nextInt(4);
            int firstInvestor = random.nextInt(INVESTORS);
            for (int k = 0; k < investors; k++) {
                String investor = RegisterInvestorCommand.investorId(String.format("SC-INV-%02d", (firstInvestor + k) % INVESTORS));
                String user = "u." + investor.toLowerCase();
                staff(new InviteInvestorCommand(roundId, investor));
                if (random.nextInt(4) != 0) {
                    send(user, Roles.INVESTOR, new AcceptRoundNdaCommand(roundId, investor, user, Instant.now()));
                    send(user, Roles.INVESTOR, new CommitToRoundCommand(roundId, investor,
                            BigDecimal.valueOf(25_000L * (1 + random.nextInt(20)))));
                }
            }
            staff(new CloseRoundCommand(roundId, today, true, "Closed by the company once its investors were known"));
        }
    }

    /** One application to a funder's call, its decision and its conventions; true once the R&D was started. */
    private boolean application(Random random, String projectId, int year, FunderRef funder, List<Member> members,
                                String carrierUser, int statementsPerConvention, boolean researchStarted, boolean longProject) {
        String code = callCode(funder, year);
        String applicationId = SubmitFundingApplicationCommand.applicationId(projectId, code);
        List<PartnerRequest> requests = new ArrayList<>();
        for (Member member : members) {
            BigDecimal ir = euros(50_000 + random.nextInt(400_000));
            BigDecimal ed = euros(20_000 + random.nextInt(200_000));
            FundingRules.Rate rate = rates.computeIfAbsent(funder.kind() + "/" + code + "/" + member.kind(),
                    key -> fundingRules.rate(funder.kind(), code, member.kind(), true, true));
            BigDecimal max = ir.add(ed).multiply(rate.percent()).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
            BigDecimal asked = max.multiply(BigDecimal.valueOf(80 + random.nextInt(21)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
            if (asked.signum() > 0) {
                requests.add(new PartnerRequest(member.id(), member.kind(), true, ir, ed, asked));
            }
        }
        if (requests.isEmpty()) {
            return researchStarted;
        }
        send(carrierUser, Roles.CARRIER, new SubmitFundingApplicationCommand(applicationId, projectId,
                OpenCallCommand.callId(code), code, funder.id(), funder.kind(), true, 6, requests));
        String funderUser = "u." + funder.code().toLowerCase();
        if (!longProject && random.nextInt(100) < 18) {
            send(funderUser, Roles.FUNDER, new RecordFundingDecisionCommand(applicationId, false, List.of(),
                    "The call's budget is exhausted", today));
            return researchStarted;
        }
        boolean partial = !longProject && random.nextInt(5) == 0;
        List<PartnerGrant> grants = new ArrayList<>();
        for (PartnerRequest request : requests) {
            BigDecimal amount = partial && grants.isEmpty()
                    ? request.requestedAmount().multiply(new BigDecimal("0.75")).setScale(2, RoundingMode.DOWN)
                    : request.requestedAmount();
            grants.add(new PartnerGrant(request.organisationId(), amount));
        }
        send(funderUser, Roles.FUNDER, new RecordFundingDecisionCommand(applicationId, true, grants,
                partial ? "The first partner's work package is reduced" : null, today));
        List<StateAidParticipant> participants = requests.stream().map(r -> new StateAidParticipant(r.organisationId(),
                r.partnerKind(), r.industrialResearchCost(), r.experimentalDevelopmentCost())).toList();
        int statementCounter = 0;
        int paymentCounter = 0;
        for (int g = 0; g < grants.size(); g++) {
            PartnerGrant grant = grants.get(g);
            Member member = members.stream().filter(m -> m.id().equals(grant.organisationId())).findFirst().orElseThrow();
            staff(new RecordStateAidCommand(RecordStateAidCommand.ledgerId(projectId, member.id()), projectId, member.id(),
                    applicationId, funder.id(), member.kind(), member.headcount(), participants, grant.amount(),
                    "Within the pole's state-aid assessment"));
            String conventionId = GrantedAid.conventionId(applicationId, member.id());
            if (!longProject && random.nextInt(100) < 3) {
                send(funderUser, Roles.FUNDER, new LapseConventionCommand(applicationId, conventionId));
                continue;
            }
            send(funderUser, Roles.FUNDER, new SignConventionCommand(applicationId, conventionId, today, today.plusYears(3),
                    new BigDecimal("20"), new BigDecimal("80"), List.of()));
            if (!researchStarted) {
                staff(new StartResearchCommand(projectId));
                researchStarted = true;
            }
            send(funderUser, Roles.FUNDER, new PayAdvanceCommand(applicationId, conventionId, paymentId(applicationId, ++paymentCounter),
                    "REF-" + applicationId + "-" + paymentCounter));
            if (!longProject && random.nextInt(100) < 7) {
                send(funderUser, Roles.FUNDER, new AmendConventionCommand(applicationId, conventionId,
                        AmendmentKind.END_DATE_EXTENSION, today.plusYears(3).plusMonths(6), "The prototype is late"));
            }
            // statements: most conventions 1-3 interim ones, a few many more; then the final one
            int interim = statementsPerConvention > 0 ? statementsPerConvention : weighted(random, 1, 1, 2, 2, 2, 3, 3, 4, 6, 12);
            BigDecimal perStatement = grant.amount().multiply(new BigDecimal("1.2"))
                    .divide(BigDecimal.valueOf(interim + 1), 2, RoundingMode.DOWN).max(new BigDecimal("100.00"));
            for (int s = 0; s <= interim; s++) {
                boolean last = s == interim;
                String statementId = "ST-" + ++statementCounter;
                send(carrierUser, Roles.CARRIER, new SubmitExpenseStatementCommand(applicationId, conventionId, statementId,
                        today, perStatement, last));
                if (!longProject && random.nextInt(100) < 8) {
                    send(funderUser, Roles.FUNDER, new RejectExpenseStatementCommand(applicationId, conventionId, statementId,
                            "Supporting documents missing"));
                    statementId = "ST-" + ++statementCounter;
                    send(carrierUser, Roles.CARRIER, new SubmitExpenseStatementCommand(applicationId, conventionId,
                            statementId, today, perStatement, last));
                }
                send(funderUser, Roles.FUNDER, new ApproveExpenseStatementCommand(applicationId, conventionId, statementId,
                        perStatement, null));
                if (!last && (!longProject || s % 10 == 0)) {
                    send(funderUser, Roles.FUNDER, new PayInstalmentCommand(applicationId, conventionId,
                            paymentId(applicationId, ++paymentCounter), statementId, null));
                }
            }
            send(funderUser, Roles.FUNDER, new AcceptFinalReportCommand(applicationId, conventionId, "Final report accepted"));
            send(funderUser, Roles.FUNDER, new PayBalanceCommand(applicationId, conventionId, paymentId(applicationId, ++paymentCounter),
                    "REF-" + applicationId + "-" + paymentCounter));
        }
        return researchStarted;
    }

    /**
     * A payment id unique in the store, as the application's own ({@code ConventionSteps} draws a UUID): the funding
     * model keys payments by this id alone. It was {@code PAY-<n>} counted per application until session 14, so that
     * the model kept one payment per number and dropped the others.
     */
    private static String paymentId(String applicationId, int number) {
        return "PAY-" + applicationId + "-" + number;
    }

    private static int weighted(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }

    private static BigDecimal euros(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }
}
