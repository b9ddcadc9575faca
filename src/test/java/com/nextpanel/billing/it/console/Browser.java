package com.nextpanel.billing.it.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through /usr/bin/chromedriver so that Selenium never
 * downloads a browser or a driver. Every wait is on a condition of the page, never a sleep.
 */
public final class Browser implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Chromium's line for an answer with an error status: "URL - Failed to load resource: ... status of 404 (Not Found)". */
    private static final Pattern FAILED_LOAD =
            Pattern.compile("(\\S+) - Failed to load resource: the server responded with a status of (\\d{3})");
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path profile;
    /** The refusals the test provokes on purpose: status and a part of the URL. */
    private final List<Map.Entry<Integer, String>> expectedRefusals = new CopyOnWriteArrayList<>();

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
    }

    /**
     * A fresh browser (its own profile: no token survives from another test) at a laptop's size,
     * that resolves no host but the loopback and the application's own.
     */
    public static Browser start(String appHost) {
        if (!installed()) {
            throw new IllegalStateException("The console tests need Debian's browser: " + INSTALL);
        }
        System.setProperty("SE_OFFLINE", "true"); // Selenium Manager is skipped anyway: both paths are given
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--window-size=1280,900", "--lang=en-GB",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost, EXCLUDE " + appHost,
                    "--user-data-dir=" + profile);
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            Files.createDirectories(Path.of("target"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort()
                    .withLogFile(new File("target/chromedriver.log")).build();
            return new Browser(service, new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's Chromium and its driver are both there. */
    static boolean installed() {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    public WebDriver driver() {
        return driver;
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    // --- the console ---------------------------------------------------------------------------

    /** Opens the console at a page, e.g. "fleet" or "accounts?status=active". */
    public void open(String base, String page) {
        driver.get(base + "#/" + page);
    }

    public void signIn(String token) {
        signInExpectingRefusal(token);
        waitVisible(By.id("shell"));
        waitForPage();
    }

    /** Types a token and presses "Sign in", without waiting for the console to open. */
    public void signInExpectingRefusal(String token) {
        type(waitVisible(By.id("sign-in-token")), token);
        driver.findElement(By.id("sign-in-button")).click();
    }

    /** Goes to a page through the navigation, as an operator would, and waits for it to be drawn. */
    public void navigate(String linkText) {
        WebElement link = waitVisible(By.xpath("//nav[@id='nav']/a[normalize-space()=" + literal(linkText) + "]"));
        link.click();
        waitUntil(d -> link.getAttribute("aria-current") != null && pageLoaded());
    }

    /** The page has finished drawing (no aria-busy view left). */
    public boolean pageLoaded() {
        return driver.findElements(By.cssSelector("main > section.view[aria-busy]")).isEmpty()
                && !driver.findElements(By.cssSelector("main > section.view")).isEmpty();
    }

    public void waitForPage() {
        waitUntil(d -> pageLoaded());
    }

    /** The table row that contains this text (in the page, not in a dialog). */
    public WebElement row(String text) {
        return waitVisible(By.xpath("//main//tbody/tr[td[contains(normalize-space(.), " + literal(text) + ")]]"));
    }

    /** A button of a row, found again each time: rows are redrawn after every action. */
    public void clickInRow(String rowText, String button) {
        waitUntil(d -> {
            WebElement b = row(rowText).findElement(buttonLabelled(button));
            if (!b.isDisplayed() || !b.isEnabled()) {
                return false;
            }
            b.click();
            return true;
        });
    }

    public void clickButton(String label) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//main//button[normalize-space()=" + literal(label) + "]"))).click();
    }

    /** The open modal dialog. */
    public WebElement dialog() {
        return waitVisible(By.cssSelector("dialog[open]"));
    }

    public void waitForNoDialog() {
        waitUntil(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    }

    public void fill(WebElement scope, String name, String value) {
        type(scope.findElement(By.name(name)), value);
    }

    public void choose(WebElement scope, String name, String visibleTextPart) {
        Select select = new Select(scope.findElement(By.name(name)));
        select.getOptions().stream().filter(o -> o.getText().contains(visibleTextPart)).findFirst()
                .orElseThrow(() -> new AssertionError("No option with '" + visibleTextPart + "' in " + name))
                .click();
    }

    public void press(WebElement scope, String label) {
        WebElement button = scope.findElement(buttonLabelled(label));
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    /** The error shown beside a form field (its aria-describedby error line). */
    public String fieldError(WebElement scope, String name) {
        return waitVisible(scope, By.cssSelector("[data-error-for='" + name + "']")).getText();
    }

    // --- waiting and reading -----------------------------------------------------------------------

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    public WebElement waitVisible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement waitVisible(SearchContext scope, By by) {
        return wait.until(d -> {
            List<WebElement> found = scope.findElements(by);
            return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    /** Waits until the element found by `by` shows text containing `part`; answers the whole text. */
    public String waitForText(By by, String part) {
        return wait.until(d -> {
            String text = d.findElement(by).getText();
            return text.contains(part) ? text : null;
        });
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /**
     * Tells {@link #consoleErrors()} to leave out the answers of this status for URLs that contain
     * {@code urlPart}: a refusal the test provokes on purpose (a wrong token, a VIEWER's write, a
     * panel that refuses, which the API passes on as 502). A 500 or another 5xx is our own error
     * and can never be expected.
     */
    public void expectRefusal(int status, String urlPart) {
        if (!(status >= 400 && status <= 499 || status == 502 || status == 503)) {
            throw new IllegalArgumentException("Only a 4xx, 502 or 503 may be expected, not " + status);
        }
        expectedRefusals.add(Map.entry(status, urlPart));
    }

    /**
     * What the page's console reported as errors since the last call: a script error, a CSP
     * violation, any answer with an error status, but the refusals the test said it expects.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !expected(m))
                .toList();
    }

    private boolean expected(String message) {
        Matcher failed = FAILED_LOAD.matcher(message);
        if (!failed.find()) {
            return false;
        }
        int status = Integer.parseInt(failed.group(2));
        return expectedRefusals.stream().anyMatch(r -> r.getKey() == status && failed.group(1).contains(r.getValue()));
    }

    /** A screenshot of the viewport. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    private static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private static By buttonLabelled(String label) {
        return By.xpath(".//button[normalize-space()=" + literal(label) + "]");
    }

    /** An XPath string literal for any text (XPath 1.0 has no escape for quotes). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
