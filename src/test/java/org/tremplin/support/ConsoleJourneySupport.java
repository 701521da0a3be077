package org.tremplin.support;

import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

/**
 * A console journey: the whole application on a random port (test profile, H2), people using it through a real
 * browser, and the events their clicks stored checked in the event store. Browsers opened with {@link #browser}
 * close after the test.
 */
public abstract class ConsoleJourneySupport extends ApiTestSupport {

    @LocalServerPort
    protected int port;

    private final List<Browser> browsers = new ArrayList<>();

    /** A browser in English for a journey; screenshots go to {@code target/screenshots/<journey>/}. */
    protected Browser browser(String journey) {
        return browser(journey, "en");
    }

    protected Browser browser(String journey, String language) {
        Browser browser = Browser.open(port, journey, language);
        browsers.add(browser);
        return browser;
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }
}
