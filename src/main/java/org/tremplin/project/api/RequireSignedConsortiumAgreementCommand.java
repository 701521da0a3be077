package org.tremplin.project.api;

/**
 * Sent by a step that the pole's rule may put behind a signed consortium agreement (completing the consortium, signing
 * the first convention): refused, naming the missing signatures, when the rule says this step needs the agreement and
 * it is not signed by every consortium member. Records nothing.
 */
public record RequireSignedConsortiumAgreementCommand(String projectId, AgreementRequiredBefore step) {
}
