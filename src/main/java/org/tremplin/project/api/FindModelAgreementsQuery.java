package org.tremplin.project.api;

/** Every published version of the pole's model agreements, by model then version. */
public record FindModelAgreementsQuery() {
}
