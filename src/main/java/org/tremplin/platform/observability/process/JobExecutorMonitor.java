package org.tremplin.platform.observability.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Camunda's job executor for operators: the {@code jobExecutor} health component (active or not, the backlog, the jobs
 * out of retries) and the gauges {@code tremplin.jobs.backlog} (jobs due, with retries left, not suspended and not
 * locked by an executor: what the executor has yet to pick up) and {@code tremplin.jobs.failed} (jobs out of retries,
 * each an incident). Counted in the background every {@code tremplin.observability.refresh} (10 s), two counts on
 * {@code ACT_RU_JOB}, shared by every node; a scrape or a health check reads the last count.
 *
 * <p>The executor being inactive is a detail, not a failure: a node may run without one on purpose
 * ({@code camunda.bpm.job-execution.enabled=false}).
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorMonitor implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(JobExecutorMonitor.class);

    /** One count of the jobs; {@code takenAt} null before the first. */
    public record Backlog(Instant takenAt, long due, long failed) {
    }

    private final ProcessEngine processEngine;
    private final JdbcTemplate jdbc;
    private volatile Backlog backlog = new Backlog(null, 0, 0);

    public JobExecutorMonitor(ProcessEngine processEngine, JdbcTemplate jdbc, MeterRegistry registry) {
        this.processEngine = processEngine;
        this.jdbc = jdbc;
        Gauge.builder("tremplin.jobs.backlog", this, monitor -> monitor.backlog.takenAt() == null ? Double.NaN
                        : monitor.backlog.due())
                .description("Camunda jobs due and not locked by a job executor (timers, async steps, retries)")
                .baseUnit("jobs").register(registry);
        Gauge.builder("tremplin.jobs.failed", this, monitor -> monitor.backlog.takenAt() == null ? Double.NaN
                        : monitor.backlog.failed())
                .description("Camunda jobs out of retries (each one an incident)")
                .baseUnit("jobs").register(registry);
    }

    /** The last count. */
    public Backlog backlog() {
        return backlog;
    }

    /** Counts the jobs now (the background refresh calls this; tests may too). */
    @Scheduled(initialDelayString = "${tremplin.observability.initial-delay:PT5S}",
            fixedDelayString = "${tremplin.observability.refresh:PT10S}")
    public synchronized Backlog refresh() {
        try {
            Timestamp now = Timestamp.from(Instant.now());
            String prefix = configuration().getDatabaseTablePrefix();
            Long due = jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "ACT_RU_JOB WHERE RETRIES_ > 0"
                    + " AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?) AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)"
                    + " AND (SUSPENSION_STATE_ IS NULL OR SUSPENSION_STATE_ = 1)", Long.class, now, now);
            Long failed = jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "ACT_RU_JOB WHERE RETRIES_ = 0", Long.class);
            backlog = new Backlog(Instant.now(), due == null ? 0 : due, failed == null ? 0 : failed);
        } catch (RuntimeException e) {
            log.warn("Job backlog count failed, keeping the previous one: {}", e.toString());
        }
        return backlog;
    }

    @Override
    public Health health() {
        JobExecutor executor = configuration().getJobExecutor();
        Backlog last = backlog;
        Health.Builder health = Health.up()
                .withDetail("enabled", configuration().isJobExecutorActivate())
                .withDetail("active", executor != null && executor.isActive());
        if (last.takenAt() != null) {
            health.withDetail("backlog", last.due()).withDetail("failedJobs", last.failed())
                    .withDetail("countedAt", last.takenAt().toString());
        }
        return health.build();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }
}
