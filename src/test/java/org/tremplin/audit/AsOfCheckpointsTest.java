package org.tremplin.audit;

/** The "as of" checkpoints stored ahead and answered from, on the embedded H2. */
class AsOfCheckpointsTest extends AsOfCheckpointScenarios {
}
