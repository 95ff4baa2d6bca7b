package dev.shelfsync.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, sized like a bench tablet (1024x768), with the
 * flags TOOLCHAIN.md lists for this closed network. Saves screenshots when {@code console.screenshots} names a
 * directory (scripts/screenshots.sh).
 */
final class ConsoleBrowser implements AutoCloseable {

    private final ChromeDriver driver;
    private final String console;
    private final Path profile;
    private final Path screenshots;

    ConsoleBrowser(String console) {
        this.console = console;
        try {
            this.profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1024, 768));
        String directory = System.getProperty("console.screenshots", "");
        this.screenshots = directory.isBlank() ? null : Path.of(directory);
    }

    void open(String path) {
        driver.get(console + path);
    }

    void signIn(String user, String role, String locations) {
        open("/sign-in");
        driver.findElement(By.name("user")).sendKeys(user);
        driver.findElement(By.cssSelector("input[name=role][value='" + role + "']"))
                .click();
        driver.findElement(By.name("locations")).sendKeys(locations);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> !d.getCurrentUrl().contains("/sign-in"));
    }

    void signOut() {
        pressSignOut();
        until(d -> d.getCurrentUrl().contains("/sign-in"));
    }

    /** The sign-out button of every page; where it leads depends on how the console signs people in. */
    void pressSignOut() {
        find(By.cssSelector("form.who button")).click();
    }

    /** Types into a field as a scanner does: the code, then Enter. */
    void scan(By field, String code) {
        WebElement input = until(d -> d.findElement(field));
        input.clear();
        input.sendKeys(code + Keys.ENTER);
    }

    /** Looks an RMA up at the bench and tells whether the station says it has no such return and shows none. */
    boolean findsNoReturn(String rma) {
        scan(By.id("find"), rma);
        return text(By.cssSelector("#rma .error")).contains("No return " + rma)
                && driver.findElements(By.cssSelector("article.rma")).isEmpty();
    }

    /** Types into a field as a person does, replacing what it held. */
    void type(By field, String text) {
        WebElement input = find(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Submits a form of a whole page and waits until the console's answer replaced the page. */
    void submit(By form) {
        WebElement page = find(By.tagName("main"));
        find(form).findElement(By.cssSelector("button[type=submit]")).click();
        until(replaced(page));
    }

    /** Presses a button of the RMA panel and waits until the service's answer replaced the panel. */
    void pressInPanel(By button) {
        WebElement panel = find(By.cssSelector("article.rma"));
        find(button).click();
        until(replaced(panel));
    }

    /**
     * Whether an element is gone from the page. While the page is navigating, chromedriver may answer a look at the
     * old node with "does not belong to the document" instead of a stale reference; both mean it was replaced.
     */
    private static Function<WebDriver, Boolean> replaced(WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (detached(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    String text(By by) {
        return find(by).getText();
    }

    /** Waits for something the page promises; a test asserts outcomes, the wait only bounds how long to look. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (detached(e)) {
                            return null; // looked at a page that was being replaced: look again
                        }
                        throw e;
                    }
                });
    }

    private static boolean detached(org.openqa.selenium.WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    WebDriver driver() {
        return driver;
    }

    void screenshot(String name) {
        if (screenshots == null) {
            return;
        }
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot at phone width (390 px), then back to the tablet size. */
    void phoneScreenshot(String name) {
        if (screenshots == null) {
            return;
        }
        driver.manage().window().setSize(new Dimension(390, 844));
        screenshot(name);
        driver.manage().window().setSize(new Dimension(1024, 768));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
