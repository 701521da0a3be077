package org.tremplin.project.api;

/** One expert's conclusions as delivered to the carrier (the expert is anonymised). */
public record CommunicatedReview(String expert, int score, Recommendation recommendation, String conclusions) {
}
