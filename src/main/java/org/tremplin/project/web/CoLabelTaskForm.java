package org.tremplin.project.web;

import org.springframework.stereotype.Component;
import org.tremplin.project.process.CoLabellingProcess;

import java.util.Set;

/**
 * A partner pole's user decides its pole's label ({@code user_decide_colabel}): the file it is asked to label, the
 * labels so far, then the decision's fields.
 */
@Component
class CoLabelTaskForm extends ProjectTaskForm {

    CoLabelTaskForm(ProjectConsole console) {
        super(console);
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
    }

    @Override
    public String fragment() {
        return "project/colabels :: decide";
    }
}
