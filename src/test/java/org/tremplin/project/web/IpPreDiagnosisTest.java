package org.tremplin.project.web;

/** The IP pre-diagnosis through the API, on H2. */
class IpPreDiagnosisTest extends IpPreDiagnosisScenarios {
}
