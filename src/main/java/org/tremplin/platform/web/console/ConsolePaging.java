package org.tremplin.platform.web.console;

import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The page of a console list a person asked for ({@code ?page=}, from 1), read from the database alone: a page that is
 * not a number shows the first, a page past the last shows the last.
 */
public final class ConsolePaging {

    /** What a page read: its content, its number (from 1) and how many pages there are. */
    public record Page<T>(T found, int page, int pages) {
    }

    private ConsolePaging() {
    }

    /**
     * Reads the asked page with {@code read} (given a page number from 1, it reads that page of {@code size} rows), then
     * the last one instead when the asked one lies past it.
     */
    public static <T> Page<T> page(String pageParam, int size, IntFunction<T> read, ToLongFunction<T> total) {
        int asked;
        try {
            // no page whose first row lies beyond an int's reach
            asked = Math.max(1, Math.min(Integer.parseInt(pageParam == null ? "1" : pageParam.strip()), Integer.MAX_VALUE / size));
        } catch (NumberFormatException e) {
            asked = 1;
        }
        T found = read.apply(asked);
        int pages = (int) Math.max(1, (total.applyAsLong(found) + size - 1) / size);
        int page = Math.min(asked, pages);
        if (page != asked) {
            found = read.apply(page);
        }
        return new Page<>(found, page, pages);
    }
}
