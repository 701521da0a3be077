package org.tremplin.project.api;

import java.util.List;

/** The ids of the projects that asked any of these partner poles for its label (whatever the request's state). */
public record FindProjectsAskedOfPolesQuery(List<String> poleIds) {
}
