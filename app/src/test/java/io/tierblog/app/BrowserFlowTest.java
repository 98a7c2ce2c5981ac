package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's whole visit in a real headless Chromium on the real app and database: register, log
 * in, write, edit, delete. Screenshots are kept under app/target/screenshots.
 */
class BrowserFlowTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDirectory;
    @TempDir
    static Path browserProfile;
    private static TestApp app;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("TIERBLOG_REQUIRE_BROWSER") != null) {
            throw new AssertionError("TIERBLOG_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
        app = TestApp.onDatabase(TestDatabases.freshSchema("browser"), dataDirectory);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The console shows whether the Content-Security-Policy blocked anything on the pages.
        options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + browserProfile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void registerLogInWriteEditAndDelete() throws IOException {
        open("/");
        click(By.linkText("Register"));
        type("username", "browser-user");
        type("password", "a long browser password");
        submitAndWaitFor("/auth/login");

        type("username", "browser-user");
        type("password", "a long browser password");
        submitAndWaitFor("/");
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("browser-user").contains("Log Out");

        click(By.linkText("New"));
        assertThat(browser.findElement(By.cssSelector("main form input[type=hidden][name=csrfToken]"))
                .getAttribute("value")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        type("title", "Written in a browser");
        browser.findElement(By.name("body")).sendKeys("\nFirst line after a blank one\nSecond line");
        submitAndWaitFor("/");
        assertThat(browser.getPageSource()).contains("Written in a browser");
        screenshot("index-with-post");

        click(By.linkText("Edit"));
        WebElement title = browser.findElement(By.name("title"));
        assertThat(title.getAttribute("value")).isEqualTo("Written in a browser");
        assertThat(browser.findElement(By.name("body")).getAttribute("value"))
                .as("a body that starts with a line break keeps it in the edit form")
                .isEqualTo("\nFirst line after a blank one\nSecond line");
        title.clear();
        title.sendKeys("Edited in a browser");
        submitAndWaitFor("/");
        assertThat(browser.getPageSource()).contains("Edited in a browser").doesNotContain("Written in a browser");

        // The search box in the navigation, a result with its match marked, and the post's own page.
        type("q", "editing");
        String beforeSearch = browser.getCurrentUrl();
        click(By.cssSelector("nav form.search [type=submit]"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                !driver.getCurrentUrl().equals(beforeSearch) && path().equals("/search"));
        assertThat(browser.findElement(By.name("q")).getAttribute("value")).isEqualTo("editing");
        assertThat(browser.findElement(By.cssSelector("main .count")).getText()).isEqualTo("1 post found.");
        assertThat(browser.findElements(By.cssSelector("article.result h1 a"))).extracting(WebElement::getText)
                .containsExactly("Edited in a browser");
        screenshot("search-results");
        click(By.linkText("Edited in a browser"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> path().matches("/posts/[0-9]+"));
        assertThat(browser.findElement(By.cssSelector("main > header h1")).getText()).isEqualTo("Edited in a browser");

        click(By.linkText("Edit"));
        screenshot("edit-page");
        click(By.cssSelector("form[action$='/delete'] [type=submit]"));
        acceptConfirmationIfAsked();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/$"));
        assertThat(browser.getPageSource()).doesNotContain("Edited in a browser");

        click(By.linkText("Log Out"));
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("Log In").doesNotContain("browser-user");
        screenshot("logged-out");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("nothing on any page was blocked by the Content-Security-Policy")
                .noneSatisfy(entry -> assertThat(entry.getMessage()).containsIgnoringCase("Content Security Policy"));

        // An inline script smuggled into the page, as an injection would: the browser refuses to run it.
        ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
                + " s.textContent = 'document.title = \"injected\"'; document.head.appendChild(s);");
        assertThat(browser.getTitle()).doesNotContain("injected");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .anySatisfy(entry -> assertThat(entry.getMessage()).containsIgnoringCase("Content Security Policy"));
    }

    private void open(String path) {
        browser.get(app.baseUrl() + path);
    }

    private String path() {
        return java.net.URI.create(browser.getCurrentUrl()).getPath();
    }

    private void click(By by) {
        browser.findElement(by).click();
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    /** Submits the page's first form and waits until the browser has followed the redirect to {@code path}. */
    private void submitAndWaitFor(String path) {
        String before = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("main form [type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                !driver.getCurrentUrl().equals(before) && path().equals(path));
    }

    private void acceptConfirmationIfAsked() {
        try {
            Alert alert = new WebDriverWait(browser, Duration.ofSeconds(3)).until(ExpectedConditions.alertIsPresent());
            assertThat(alert.getText()).isEqualTo("Are you sure?");
            alert.accept();
        } catch (org.openqa.selenium.TimeoutException noDialog) {
            throw new AssertionError("deleting a post should ask for confirmation first");
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
