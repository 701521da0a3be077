package org.tremplin.investment.web;

import org.springframework.security.core.Authentication;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.shared.DomainException;

import java.util.Map;

/** The round a task is about, as the task's person may read it through {@link RoundController#get}. */
final class TaskRounds {

    private TaskRounds() {
    }

    /** The round cut to the caller, or null when the task names none or the caller may not read it. */
    static Map<String, Object> round(RoundController rounds, UserTasks.TaskView task, Authentication user) {
        Object roundId = task.subject() == null ? null : task.subject().get("roundId");
        if (roundId == null) {
            return null;
        }
        try {
            return rounds.get(String.valueOf(roundId), user);
        } catch (DomainException hidden) {
            return null;
        }
    }
}
