package org.tremplin.funding.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tremplin.funding.api.LeadTimeStatsView;
import org.tremplin.funding.query.FundingOverview;
import org.tremplin.platform.web.console.ConsolePage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pole staff's charts: lead times per funder and stage (median and 90th percentile against the service level, from
 * {@code GET /api/funding/lead-times}), and the funding granted and paid per project and per funder. The figures are
 * in a table too, and in a JSON block that {@code /js/funding.js} draws with Chart.js.
 */
@ConsolePage
class LeadTimePages {

    static final int MAX_PROJECTS_CHARTED = 30;

    private final FundingController funding;
    private final FundingOverview overview;
    private final ObjectMapper json;
    private final MessageSource messages;

    LeadTimePages(FundingController funding, FundingOverview overview, ObjectMapper json, MessageSource messages) {
        this.funding = funding;
        this.overview = overview;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/funding/lead-times")
    String leadTimes(Authentication user, Model model, Locale locale) throws JsonProcessingException {
        FundingReads.requireInsider(user, "the funding of every project");
        LeadTimeStatsView stats = funding.leadTimes(null);
        List<FundingOverview.Totals> projects = overview.perProject(MAX_PROJECTS_CHARTED);
        List<FundingOverview.Totals> funders = overview.perFunder();

        Map<String, Object> data = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        List<Object> median = new ArrayList<>();
        List<Object> p90 = new ArrayList<>();
        List<Object> level = new ArrayList<>();
        for (LeadTimeStatsView.Stat stat : stats.stats()) {
            labels.add((stat.funderName() == null ? stat.funderId() : stat.funderName()) + " · "
                    + messages.getMessage("funding.stage." + stat.stage().name(), null, stat.stage().name(), locale));
            median.add(stat.medianDays());
            p90.add(stat.p90Days());
            level.add(stat.serviceLevelDays());
        }
        data.put("leadTimes", Map.of("labels", labels, "median", median, "p90", p90, "serviceLevel", level));
        data.put("projects", totals(projects));
        data.put("funders", totals(funders));
        Map<String, String> words = new LinkedHashMap<>();
        for (String key : List.of("median", "p90", "serviceLevel", "granted", "paid", "days")) {
            words.put(key, messages.getMessage("funding.chart." + key, null, key, locale));
        }
        data.put("words", words);
        data.put("locale", locale.toLanguageTag());

        model.addAttribute("stats", stats.stats());
        model.addAttribute("projects", projects);
        model.addAttribute("funders", funders);
        model.addAttribute("chartData", safe(json.writeValueAsString(data)));
        return "funding/lead-times";
    }

    private static Map<String, Object> totals(List<FundingOverview.Totals> rows) {
        return Map.of("labels", rows.stream().map(FundingOverview.Totals::name).toList(),
                "granted", rows.stream().map(FundingOverview.Totals::granted).toList(),
                "paid", rows.stream().map(FundingOverview.Totals::paid).toList());
    }

    /** JSON that can sit inside a script element unescaped: no tag can end it early. */
    static String safe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
