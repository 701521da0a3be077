package org.tremplin.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real browser on the console: Debian's headless Chromium driven by its own chromedriver (never downloaded:
 * Selenium Manager is not used, and the browser is told not to reach outside hosts). Every page visited can be saved
 * as a screenshot under {@code target/screenshots/<journey>/} for review.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final boolean SCREENSHOTS_ON = Boolean.getBoolean("tremplin.screenshots");

    private final WebDriver driver;
    private final String base;
    private final Path shots;
    private int shot;

    private Browser(WebDriver driver, String base, Path shots) {
        this.driver = driver;
        this.base = base;
        this.shots = shots;
    }

    /**
     * Opens a browser on the application at {@code http://localhost:port}, in the given language (e.g. "en", "fr"),
     * saving screenshots under {@code target/screenshots/journey}.
     */
    public static Browser open(int port, String journey, String language) {
        // Debian's chromium-headless-shell when installed: the same Blink and V8 without the browser's UI layer
        // (LabellingJourneyIT alone: Chromium's CPU 34.9 s -> 25.6 s, its browser process 12.9 s -> 7.4 s); else
        // chromium itself in its headless mode (also with -Dtremplin.headless-shell=false)
        String chromium = installed("/usr/lib/chromium/chromium-headless-shell")
                ? "/usr/lib/chromium/chromium-headless-shell" : executable("chromium", "/usr/bin/chromium");
        String chromedriver = executable("chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // --accept-lang: the headless shell ignores --lang and the intl.accept_languages preference
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=" + language, "--accept-lang=" + language, "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--metrics-recording-only", "--disable-default-apps",
                // nothing a test needs: translation, hints, the password manager on every sign-in form
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--password-store=basic", "--disable-breakpad", "--disable-client-side-phishing-detection",
                "--disable-domain-reliability", "--mute-audio");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "credentials_enable_service", false, "profile.password_manager_enabled", false,
                "autofill.profile_enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Path shots = SCREENSHOTS.resolve(journey);
        try {
            Files.createDirectories(shots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(driver, "http://localhost:" + port, shots);
    }

    private static boolean installed(String path) {
        return !"false".equals(System.getProperty("tremplin.headless-shell")) && new File(path).canExecute();
    }

    private static String executable(String name, String fallback) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        if (new File(fallback).canExecute()) {
            return fallback;
        }
        throw new IllegalStateException(name + " is not installed: the console's browser tests need Debian's packages "
                + "chromium and chromium-driver (mvn verify installs them when it may; see src/test/browser)");
    }

    /** Signs in through the login page and lands on the user's home. */
    public Browser signIn(String user, String password) {
        go("/login");
        type(By.id("username"), user);
        type(By.id("password"), password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        return this;
    }

    /** Opens a path of the application (e.g. {@code /tasks}). */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public Browser type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public Browser select(By by, String visibleText) {
        new Select(find(by)).selectByVisibleText(visibleText);
        return this;
    }

    public Browser click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by)).click();
        return this;
    }

    /**
     * Waits (up to 15 s) for a condition, e.g. an htmx panel to load: checked at once, then every 50 ms (Selenium's
     * default, every 500 ms, added up to half a second to each step that waits for the server: a sign-in, a form posted,
     * a panel loaded).
     */
    public <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(15), POLL).until(condition);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            // keep what the browser showed, for the person reading the failure
            save("timeout");
            try {
                Files.writeString(shots.resolve(String.format("%02d-timeout.html", shot)), driver.getPageSource());
            } catch (IOException | RuntimeException e) {
                timeout.addSuppressed(e);
            }
            throw timeout;
        }
    }

    /**
     * Waits (up to 15 s) until the element is no longer in the page, e.g. a form's button once the next page has
     * replaced the form. As Selenium's {@code stalenessOf}, and also when ChromeDriver answers that the element's node
     * "does not belong to the document" (its answer while the page is being replaced, seen once in a clean clone in
     * session 44), which means the same.
     */
    public void waitUntilGone(WebElement element) {
        waitFor(page -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** The visible text of the page's main content. */
    public String mainText() {
        return find(By.id("main")).getText();
    }

    /** The page's HTML as served (after scripts ran). */
    public String html() {
        return driver.getPageSource();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * Saves the page as {@code target/screenshots/<journey>/NN-name.png} when {@code -Dtremplin.screenshots=true}
     * (for reviewing the pages by eye); a timeout always keeps one. Off by default: the journeys take about 70
     * screenshots, which cost the suite more than the checks they illustrate.
     */
    public void screenshot(String name) {
        if (SCREENSHOTS_ON) {
            save(name);
        }
    }

    private void save(String name) {
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = shots.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the window to a phone's width (or back to a laptop's). */
    public Browser width(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
