package org.tremplin.project;

/** The slice on the embedded default database (H2). */
class H2LabellingSliceTest extends LabellingSliceScenarios {
}
