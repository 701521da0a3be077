package org.tremplin.audit.seal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** Walks a keyset-paged query one row at a time, holding one page in memory. */
final class PagedCursor<T> {

    private final Function<T, List<T>> nextPage;
    private final Deque<T> page = new ArrayDeque<>();
    private T last;
    private boolean exhausted;

    /** nextPage receives the last row read (null at the start) and returns the rows after it. */
    PagedCursor(Function<T, List<T>> nextPage) {
        this.nextPage = nextPage;
    }

    T peek() {
        if (page.isEmpty() && !exhausted) {
            List<T> rows = nextPage.apply(last);
            if (rows.isEmpty()) {
                exhausted = true;
            }
            page.addAll(rows);
        }
        return page.peekFirst();
    }

    T next() {
        T row = peek();
        if (row != null) {
            last = page.removeFirst();
        }
        return row;
    }
}
