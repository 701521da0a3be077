package org.tremplin.project.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.project.process.PreLabellingProcess;

import java.util.Set;

/** {@code user_give_prelabel_opinion}: the file, the carrier's question and the orientation beside the opinion's fields. */
@Component
class PreLabelOpinionForm extends ProjectTaskForm {

    private final PreLabelConsole preLabels;

    PreLabelOpinionForm(ProjectConsole console, PreLabelConsole preLabels) {
        super(console);
        this.preLabels = preLabels;
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        super.prepare(task, user, model);
        model.addAttribute("preLabel", preLabels.of(task.projectId()));
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(PreLabellingProcess.Elements.USER_GIVE_PRELABEL_OPINION);
    }

    @Override
    public String fragment() {
        return "project/prelabel :: opinion";
    }
}
