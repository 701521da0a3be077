package org.tremplin.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.portfolio.command.PortfolioImport;

/**
 * {@code --tremplin.demo.anr-import=true}: once started (after the demo data, so that its eight ANR organisations are
 * matched rather than duplicated), imports the bundled ANR open-data portfolio in the background, its progress on the
 * log and at {@code GET /api/imports/{id}}. Idempotent: on a restart the run is found completed and nothing changes.
 */
@Component
@ConditionalOnProperty(name = "tremplin.demo.anr-import", havingValue = "true")
public class DemoPortfolio {

    private static final Logger log = LoggerFactory.getLogger(DemoPortfolio.class);

    private final PortfolioImport portfolioImport;

    public DemoPortfolio(PortfolioImport portfolioImport) {
        this.portfolioImport = portfolioImport;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    public void importPortfolio() {
        PortfolioImport.Started started = portfolioImport.importBundled(false);
        log.info("ANR portfolio import {}: {} ({} of {} rows done); progress at GET /api/imports/{}", started.runId(),
                started.outcome(), Math.max(0, started.rowsDone()), started.totalRows(), started.runId());
    }
}
