package org.tremplin.funding.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The tranche rules on their own: each amount rounded down to the cent, never below 0, never above the grant. */
class TranchesTest {

    @ParameterizedTest(name = "advance of {1} % on {0} = {2}")
    @CsvSource({
            "90000.00, 30.00, 27000.00",
            "10000.10, 10.00, 1000.01",
            "0.03, 33.33, 0.00",          // 0.009999 rounds down to nothing
            "100000.01, 33.33, 33330.00", // 33,330.0033 rounds down
    })
    void the_advance_is_the_grant_times_the_advance_percentage_rounded_down(String granted, String percent, String expected) {
        assertThat(Tranches.advance(new BigDecimal(granted), new BigDecimal(percent))).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "approved {0} at {1} %, grant {2}, cap {3} %, paid {4}: earned {5}, cap {6}, due {7}")
    @CsvSource({
            // approved × rate = 49,500.14 (rounded down), under the 72,000 cap, less the 27,000 advance
            "110000.33, 45.00, 90000.00, 80.00, 27000.00, 49500.14, 72000.00, 22500.14",
            // the cap binds: 80 % of 90,000 = 72,000, less 27,000 paid
            "300000.00, 45.00, 90000.00, 80.00, 27000.00, 135000.00, 72000.00, 45000.00",
            // the advance already covers the approved expenses: nothing due, never negative
            "10000.00, 45.00, 90000.00, 80.00, 27000.00, 4500.00, 72000.00, 0.00",
            // a cap of 100 % still never pays above the grant
            "300000.00, 45.00, 90000.00, 100.00, 0.00, 135000.00, 90000.00, 90000.00",
    })
    void an_instalment_is_the_approved_expenses_times_the_rate_within_the_interim_cap_less_what_was_paid(
            String approved, String rate, String granted, String capPercent, String paid, String earned, String cap,
            String due) {
        Tranches.Instalment instalment = Tranches.instalment(new BigDecimal(approved), new BigDecimal(rate),
                new BigDecimal(granted), new BigDecimal(capPercent), new BigDecimal(paid));
        assertThat(instalment.earned()).isEqualTo(new BigDecimal(earned));
        assertThat(instalment.cap()).isEqualTo(new BigDecimal(cap));
        assertThat(instalment.due()).isEqualTo(new BigDecimal(due));
    }

    @ParameterizedTest(name = "approved {0} at {1} %, grant {2}, paid {3}: balance {4}")
    @CsvSource({
            "210000.33, 45.00, 90000.00, 49500.14, 40499.86", // the grant binds
            "100000.00, 45.00, 90000.00, 27000.00, 18000.00", // the approved expenses bind
            "50000.00, 45.00, 90000.00, 27000.00, 0.00",      // paid more than earned: nothing, never negative
    })
    void the_balance_is_the_approved_expenses_times_the_rate_within_the_grant_less_what_was_paid(
            String approved, String rate, String granted, String paid, String expected) {
        assertThat(Tranches.balance(new BigDecimal(approved), new BigDecimal(rate), new BigDecimal(granted),
                new BigDecimal(paid))).isEqualTo(new BigDecimal(expected));
    }
}
