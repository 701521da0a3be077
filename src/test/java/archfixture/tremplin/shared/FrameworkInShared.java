package archfixture.tremplin.shared;

import org.springframework.util.StringUtils;

/** Violates "shared depends on java only": uses Spring. */
public final class FrameworkInShared {

    private FrameworkInShared() {
    }

    public static boolean blank(String text) {
        return !StringUtils.hasText(text);
    }
}
