package org.tremplin.portfolio.command;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule by which two spellings of an organisation's name are taken to be the same body: equal once case, accents,
 * punctuation and spacing, legal forms (SA, SAS, SARL, ...), the abbreviation "Univ." and articles are set aside and
 * the remaining words sorted ("Université d'Aix-Marseille" = "Aix-Marseille Université"). Nothing fuzzier: two
 * names that differ by a real word stay two organisations (a false merge would mix two bodies' histories; a missed
 * one only leaves a duplicate that staff can see in the merge report).
 */
final class NameMatcher {

    /** Legal forms dropped from a name. */
    static final Set<String> LEGAL_FORMS = Set.of("sa", "sas", "sasu", "sarl", "eurl", "snc", "sca", "scop", "sem",
            "gie", "gmbh", "ltd", "inc", "bv", "spa", "srl");
    /** Articles and linking words dropped from a name. */
    static final Set<String> STOP_WORDS = Set.of("de", "d", "du", "des", "la", "le", "les", "l", "et", "en", "a", "au",
            "aux", "of", "the", "and");
    /** Abbreviations written out. */
    static final Map<String, String> ABBREVIATIONS = Map.of("univ", "universite", "universites", "universite",
            "st", "saint", "ste", "sainte");

    private NameMatcher() {
    }

    /** The key two names must share to be merged. */
    static String key(String name) {
        return Arrays.stream(words(name))
                .map(w -> ABBREVIATIONS.getOrDefault(w, w))
                .filter(w -> !LEGAL_FORMS.contains(w) && !STOP_WORDS.contains(w))
                .sorted()
                .collect(Collectors.joining(" "));
    }

    /** Why {@code merged} was taken to be {@code kept}: the first normalisation step that makes them equal. */
    static String reason(String kept, String merged) {
        if (kept.equalsIgnoreCase(merged)) {
            return "same name but for upper/lower case";
        }
        if (plain(kept).equals(plain(merged))) {
            return "same name but for accents or case";
        }
        if (String.join(" ", words(kept)).equals(String.join(" ", words(merged)))) {
            return "same name but for punctuation or spacing";
        }
        if (unsortedKey(kept).equals(unsortedKey(merged))) {
            return "same name but for a legal form (SA, SAS, SARL...), an abbreviation (Univ., St) or articles";
        }
        return "same words in another order (once case, accents, punctuation, legal forms and articles are set aside)";
    }

    private static String unsortedKey(String name) {
        return Arrays.stream(words(name)).map(w -> ABBREVIATIONS.getOrDefault(w, w))
                .filter(w -> !LEGAL_FORMS.contains(w) && !STOP_WORDS.contains(w)).collect(Collectors.joining(" "));
    }

    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String[] words(String name) {
        String s = plain(name).replace('’', '\'').replaceAll("[^a-z0-9]+", " ").strip();
        return s.isEmpty() ? new String[0] : s.split(" ");
    }
}
