package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.replay.ReplayReport;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes of {@code --tremplin.replay=true}: 0 verified, 2 differences repaired, 1 failed. */
class ReplayCommandLineTest {

    @Test
    void exit_codes_follow_the_replay_state() throws Exception {
        var exitCode = org.tremplin.audit.replay.ReplayCommandLine.class.getDeclaredMethod("exitCode", ReplayReport.State.class);
        exitCode.setAccessible(true);
        assertThat(exitCode.invoke(null, ReplayReport.State.VERIFIED)).isEqualTo(0);
        assertThat(exitCode.invoke(null, ReplayReport.State.DIFFERENCES)).isEqualTo(2);
        assertThat(exitCode.invoke(null, ReplayReport.State.FAILED)).isEqualTo(1);
    }
}
