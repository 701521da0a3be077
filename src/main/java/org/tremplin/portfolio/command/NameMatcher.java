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
 * the remaining words sorted ("Université d'Aix-Marseille" = "Aix-Marseille Université"), a plural "s" dropped; or,
 * {@link #oneSlipApart}, the same words but one long word (6 letters or more) with one typing slip ("Recheches" for
 * "Recherches"). Nothing fuzzier: two names that differ by a real word ("Montpellier I" and "Montpellier II", "Nîmes"
 * and "Nice") stay two organisations (a false merge would mix two bodies' histories; a missed
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
                .map(NameMatcher::singular)
                .sorted()
                .collect(Collectors.joining(" "));
    }

    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }

    /** Two keys with the same words but one, of 6 letters or more, one typing slip (an insertion, deletion or change) apart. */
    static boolean oneSlipApart(String keyA, String keyB) {
        String[] a = keyA.split(" ");
        String[] b = keyB.split(" ");
        if (a.length != b.length || keyA.equals(keyB)) {
            return false;
        }
        int differing = -1;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                if (differing >= 0) {
                    return false;
                }
                differing = i;
            }
        }
        String x = a[differing];
        String y = b[differing];
        return Math.min(x.length(), y.length()) >= 6 && oneEditApart(x, y);
    }

    private static boolean oneEditApart(String x, String y) {
        if (Math.abs(x.length() - y.length()) > 1) {
            return false;
        }
        if (x.length() == y.length()) {
            int changes = 0;
            for (int i = 0; i < x.length(); i++) {
                if (x.charAt(i) != y.charAt(i)) {
                    changes++;
                }
            }
            return changes == 1;
        }
        String shorter = x.length() < y.length() ? x : y;
        String longer = x.length() < y.length() ? y : x;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code merged} was taken to be {@code kept}: the first normalisation step that makes them equal. */
    static String reason(String kept, String merged) {
        if (kept.equalsIgnoreCase(merged)) {
            return "same name once case is set aside";
        }
        if (plain(kept).equals(plain(merged))) {
            return "same name once case and accents are set aside";
        }
        if (String.join(" ", words(kept)).equals(String.join(" ", words(merged)))) {
            return "same name once case, accents, punctuation and spacing are set aside";
        }
        if (unsortedKey(kept).equals(unsortedKey(merged))) {
            return "same name once case, accents, punctuation, legal forms (SA, SAS, SARL...), abbreviations (Univ., St), "
                    + "articles and plurals are set aside";
        }
        if (!key(kept).equals(key(merged))) {
            return "same name but for one typing slip in one long word (once case, accents, punctuation, legal forms "
                    + "and articles are set aside)";
        }
        return "same words in another order (once case, accents, punctuation, legal forms and articles are set aside)";
    }

    private static String unsortedKey(String name) {
        return Arrays.stream(words(name)).map(w -> ABBREVIATIONS.getOrDefault(w, w))
                .filter(w -> !LEGAL_FORMS.contains(w) && !STOP_WORDS.contains(w)).map(NameMatcher::singular)
                .collect(Collectors.joining(" "));
    }

    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String[] words(String name) {
        String s = plain(name).replace('’', '\'').replaceAll("[^a-z0-9]+", " ").strip();
        return s.isEmpty() ? new String[0] : s.split(" ");
    }
}
