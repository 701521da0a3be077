package org.tremplin.project.api;

/** Answers how many projects there are at each stage, as {@link ProjectCounts} (a stage with none is left out). */
public record CountProjectsByStatusQuery() {
}
