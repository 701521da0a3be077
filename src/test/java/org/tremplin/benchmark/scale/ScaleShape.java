package org.tremplin.benchmark.scale;

/**
 * What the synthetic national store holds: {@code projects} projects spread over the poles and years (project
 * {@code i} belongs to pole {@code i % poles}), one of them (the first) "long" with about {@code longProjectEvents}
 * events in its timeline, everything derived from {@code seed}. Projects are written {@code projectsPerBatch} at a time,
 * each batch one transaction.
 *
 * @param projects          projects to generate in all (10,000 a year for a national store)
 * @param poles             competitiveness clusters (50 in France)
 * @param organisationsPerPole members of each pole (SMEs, mid-size and large companies, research labs)
 * @param seed              the seed every random choice derives from (project {@code i} uses {@code seed} and {@code i})
 * @param longProjectEvents target size of the long project's timeline (0: none)
 * @param projectsPerBatch  projects per transaction (few: Axon scans the events staged in a unit of work each time it
 *                          loads an aggregate, so a batch's cost grows with the square of its events)
 * @param pauseProcessors   shut the read-model processors down while generating (the benchmark rebuilds the read
 *                          models with a replay); false in the small test, whose processors follow as in production
 */
public record ScaleShape(int projects, int poles, int organisationsPerPole, long seed, int longProjectEvents,
                         int projectsPerBatch, boolean pauseProcessors) {

    /** The national store: 50 poles of 40 members, a project of 10,000 events. */
    public static ScaleShape national(int projects, long seed) {
        return new ScaleShape(projects, 50, 40, seed, 10_000, 2, true);
    }

    /** The projects of one year nationally. */
    public static final int PROJECTS_PER_YEAR = 10_000;

    /** The year (0 = first) of project {@code index}: projects are generated in the order they were submitted. */
    public int yearOf(int index) {
        return index / PROJECTS_PER_YEAR;
    }
}
