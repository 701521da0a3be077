package org.tremplin.platform.web.console;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.tremplin.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amounts and dates as the reader's language writes them ({@code 1 234 567,89 €} in French, {@code €1,234,567.89}
 * in English, by {@link Money}), and money typed by a person read back. Templates use it as {@code ${@fmt.money(amount)}}.
 */
@Component("fmt")
public class ConsoleFormats {

    public static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private static final Pattern GROUPED_BY_COMMAS = Pattern.compile("\\d{1,3}(,\\d{3})+");
    private static final Pattern GROUPED_BY_DOTS = Pattern.compile("\\d{1,3}(\\.\\d{3})+");
    private static final Pattern PLAIN = Pattern.compile("\\d+(\\.\\d{1,2})?");

    /** An amount in euros with cents, e.g. {@code 1 234 567,89 €}; empty for none. */
    public String money(Object amount) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return "";
        }
        return Money.format(value, locale());
    }

    /** An amount in whole euros, e.g. {@code 1 234 568 €}. */
    public String euros(Object amount) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return "";
        }
        return Money.formatWhole(value, locale());
    }

    /** An amount as a money input shows it for editing: {@code 1234567,89} in French, {@code 1234567.89} in English. */
    public String moneyInput(Object amount) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return "";
        }
        String plain = value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return locale().getLanguage().equals("fr") ? plain.replace('.', ',') : plain;
    }

    /** A number with the reader's separators. */
    public String number(Object number) {
        BigDecimal value = decimal(number);
        return value == null ? "" : NumberFormat.getNumberInstance(locale()).format(value);
    }

    /** A percentage such as 45 or 0.45 (ratio when {@code ratio}), e.g. {@code 45 %} in French. */
    public String percent(Object number) {
        BigDecimal value = decimal(number);
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMaximumFractionDigits(2);
        return format.format(value) + (locale().getLanguage().equals("fr") ? "\u00a0%" : "%");
    }

    /** A day, e.g. {@code 31 mars 2027} or {@code 31 Mar 2027}; instants are read in Paris time. */
    public String date(Object date) {
        LocalDate day = day(date);
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
    }

    /** A moment in Paris time, e.g. {@code 31 mars 2027, 14:05}. */
    public String dateTime(Object moment) {
        ZonedDateTime time = null;
        if (moment instanceof Instant instant) {
            time = instant.atZone(PARIS);
        } else if (moment instanceof OffsetDateTime offset) {
            time = offset.atZoneSameInstant(PARIS);
        } else if (moment instanceof Date old) {
            time = old.toInstant().atZone(PARIS);
        } else if (moment instanceof ZonedDateTime zoned) {
            time = zoned.withZoneSameInstant(PARIS);
        } else if (moment instanceof String text && !text.isBlank()) {
            time = Instant.parse(text).atZone(PARIS);
        }
        return time == null ? String.valueOf(moment == null ? "" : moment)
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale()).format(time);
    }

    /** A day as a date input's value ({@code 2027-03-31}). */
    public String dateInput(Object date) {
        LocalDate day = day(date);
        return day == null ? "" : day.toString();
    }

    /**
     * Reads an amount typed by a person: spaces and the euro sign ignored, a comma or a dot as the decimal mark,
     * thousands grouped by commas (English) or dots (French) accepted; at most two decimals. Empty for blank input.
     *
     * @throws IllegalArgumentException when the text is not an amount; the message says what was expected
     */
    public static Optional<BigDecimal> parseMoney(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String compact = text.replaceAll("[\\s\u00a0\u202f]", "").replace("€", "").replaceAll("(?i)eur$", "");
        boolean french = locale != null && "fr".equals(locale.getLanguage());
        String normalised;
        if (compact.contains(",") && compact.contains(".")) {
            boolean commaDecimal = compact.lastIndexOf(',') > compact.lastIndexOf('.');
            normalised = commaDecimal ? compact.replace(".", "").replace(',', '.') : compact.replace(",", "");
        } else if (compact.contains(",")) {
            normalised = !french && GROUPED_BY_COMMAS.matcher(compact).matches() ? compact.replace(",", "")
                    : compact.replace(',', '.');
        } else if (compact.contains(".") && french && GROUPED_BY_DOTS.matcher(compact).matches()) {
            normalised = compact.replace(".", "");
        } else {
            normalised = compact;
        }
        if (!PLAIN.matcher(normalised).matches() || normalised.length() > 18) {
            throw new IllegalArgumentException(french
                    ? "« " + text.strip() + " » n'est pas un montant en euros (par exemple 1 234 567,89)"
                    : "'" + text.strip() + "' is not an amount in euros (e.g. 1,234,567.89)");
        }
        return Optional.of(new BigDecimal(normalised));
    }

    private static LocalDate day(Object date) {
        if (date instanceof LocalDate local) {
            return local;
        }
        if (date instanceof Instant instant) {
            return instant.atZone(PARIS).toLocalDate();
        }
        if (date instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(PARIS).toLocalDate();
        }
        if (date instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(PARIS).toLocalDate();
        }
        if (date instanceof Date old) {
            return old.toInstant().atZone(PARIS).toLocalDate();
        }
        if (date instanceof String text && !text.isBlank()) {
            return text.length() > 10 ? Instant.parse(text).atZone(PARIS).toLocalDate() : LocalDate.parse(text);
        }
        return null;
    }

    private static BigDecimal decimal(Object amount) {
        if (amount instanceof BigDecimal decimal) {
            return decimal;
        }
        if (amount instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (amount instanceof String text && !text.isBlank()) {
            return new BigDecimal(text.strip());
        }
        return null;
    }

    /** The reader's language as a region for formats: French of France, English of the United Kingdom (31 Mar 2027). */
    private static Locale locale() {
        return "fr".equals(LocaleContextHolder.getLocale().getLanguage()) ? Locale.FRANCE : Locale.UK;
    }
}
