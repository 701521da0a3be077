package org.tremplin.portfolio.command;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tremplin.shared.DomainException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two CSV files of the ANR open data set "ANR_02 Projets ANR DGPIE (PIA) depuis 2010" (UTF-8, comma, a header
 * row), read whole before anything is stored: a file that is not UTF-8, cannot be parsed as CSV or lacks a column is
 * refused with what to fix. Row numbers count the header as row 1 (as a spreadsheet shows them).
 */
final class AnrFiles {

    static final String PROJECTS_FILE = "projets.csv";
    static final String PARTNERS_FILE = "partenaires.csv";

    static final String P_CODE = "Projet.Code_Decision_ANR";
    static final String P_START = "Projet.Date_debut";
    static final String P_EDITION = "Action.Edition";
    static final String P_PROGRAMME = "Action.Titre.Francais";
    static final String P_ACRONYM = "Projet.Acronyme";
    static final String P_TITLE = "Projet.Titre.Francais";
    static final String P_SUMMARY = "Projet.Resume.Francais";
    static final String P_AID = "Projet.Aide_allouee";
    static final List<String> PROJECT_COLUMNS = List.of(P_CODE, P_START, P_EDITION, P_PROGRAMME, P_ACRONYM, P_TITLE,
            P_SUMMARY, P_AID);

    static final String Q_PROJECT = "Projet.Code_Decision_ANR";
    static final String Q_CODE = "Projet.Partenaire.Code_Decision_ANR";
    static final String Q_COORDINATOR = "Projet.Partenaire.Est_coordinateur";
    static final String Q_NAME = "Projet.Partenaire.Nom_organisme";
    static final String Q_CATEGORY = "Projet.Partenaire.Categorie_organisme";
    static final String Q_TOWN = "Projet.Partenaire.Adresse.Ville";
    static final String Q_REGION = "Projet.Partenaire.Adresse.Region";
    static final String Q_COUNTRY = "Projet.Partenaire.Adresse.Pays";
    static final List<String> PARTNER_COLUMNS = List.of(Q_PROJECT, Q_CODE, Q_COORDINATOR, Q_NAME, Q_CATEGORY, Q_TOWN,
            Q_REGION, Q_COUNTRY);

    /** One data row: its row number, its cells by column, and whether it has as many cells as the header. */
    record Row(int row, Map<String, String> cells, boolean consistent) {
        String get(String column) {
            String value = cells.get(column);
            return value == null ? null : value.strip();
        }
    }

    record Parsed(List<Row> projects, List<Row> partners, String contentHash) {
    }

    private AnrFiles() {
    }

    static Parsed parse(byte[] projects, byte[] partners) {
        List<Row> projectRows = rows(PROJECTS_FILE, projects, PROJECT_COLUMNS);
        List<Row> partnerRows = rows(PARTNERS_FILE, partners, PARTNER_COLUMNS);
        return new Parsed(projectRows, partnerRows, hash(projects, partners));
    }

    /** "Non renseigné" (not filled in), or nothing at all. */
    static boolean unknown(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String plain = java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return plain.equals("non renseigne");
    }

    static String known(String value) {
        return unknown(value) ? null : value.strip();
    }

    private static List<Row> rows(String file, byte[] bytes, List<String> required) {
        if (bytes == null || bytes.length == 0) {
            throw DomainException.invalid(file + " is empty; send the file as exported (UTF-8 CSV with a header row)");
        }
        String text = utf8(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw DomainException.invalid(file + " lacks the column" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + " (its header has: " + String.join(", ", header)
                        + "); send the file as the ANR publishes it");
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(new Row((int) record.getRecordNumber() + 1, record.toMap(), record.isConsistent()));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw DomainException.invalid(file + " cannot be read as CSV: " + e.getMessage()
                    + "; check the quotes and separators (comma) of the file");
        }
    }

    private static String utf8(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DomainException.invalid(file + " is not UTF-8 text (" + e.getMessage()
                    + "); export it again as CSV UTF-8");
        }
    }

    static String hash(byte[] projects, byte[] partners) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(MessageDigest.getInstance("SHA-256").digest(projects));
            digest.update(MessageDigest.getInstance("SHA-256").digest(partners));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
