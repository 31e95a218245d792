package org.talentpool.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through ChromeDriver's W3C WebDriver HTTP API, with nothing but java.net.http and
 * Jackson. Each browser has a fresh profile directory, removed on close with the driver process.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,860");

    private final Process driver;
    private final String session;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Browser(Process driver, String session, Path profile) {
        this.driver = driver;
        this.session = session;
        this.profile = profile;
    }

    /** What is missing to run a browser here, if anything. */
    static Optional<String> missing() {
        if (executable("chromium").isEmpty()) {
            return Optional.of("chromium is not installed");
        }
        if (executable("chromedriver").isEmpty()) {
            return Optional.of("chromedriver is not installed");
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(String name) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Browser start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path profile = Files.createTempDirectory("sandbox-chromium-");
        Process driver = new ProcessBuilder(executable("chromedriver").orElseThrow().toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(base.resolve("status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (JSON.readTree(status.body()).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException notYet) {
                // the driver is still starting
            }
            if (System.nanoTime() > deadline) {
                driver.destroyForcibly();
                throw new IllegalStateException("chromedriver did not start");
            }
            Thread.sleep(100);
        }
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", executable("chromium").orElseThrow().toString());
        ArrayNode args = options.putArray("args");
        CHROMIUM_FLAGS.forEach(args::add);
        args.add("--user-data-dir=" + profile);
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        JsonNode created = send(http, HttpRequest.newBuilder(base.resolve("session")), "POST", capabilities);
        String sessionId = created.path("value").path("sessionId").asText();
        return new Browser(driver, base.resolve("session/" + sessionId).toString(), profile);
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request, String method, JsonNode body)
            throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver: " + json.path("value").path("error").asText() + ": "
                    + json.path("value").path("message").asText());
        }
        return json;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        try {
            URI uri = URI.create(path.isEmpty() ? session : session + "/" + path);
            return send(http, HttpRequest.newBuilder(uri), method, body).path("value");
        } catch (IOException e) {
            throw new IllegalStateException("WebDriver call " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void open(String url) {
        call("POST", "url", JSON.createObjectNode().put("url", url));
    }

    /** The elements matching a CSS selector now. */
    List<String> findAll(String css) {
        JsonNode found = call("POST", "elements", JSON.createObjectNode().put("using", "css selector").put("value", css));
        return Stream.of(found).flatMap(array -> java.util.stream.StreamSupport.stream(array.spliterator(), false))
                .map(element -> element.path(ELEMENT).asText()).toList();
    }

    /** The first element matching, waiting for it to appear. */
    String find(String css) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<String> found = findAll(css);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No element matches " + css + " on " + text("body"));
            }
            pause();
        }
    }

    void click(String css) {
        call("POST", "element/" + find(css) + "/click", JSON.createObjectNode());
    }

    void type(String css, String text) {
        call("POST", "element/" + find(css) + "/value", JSON.createObjectNode().put("text", text));
    }

    /** The visible text of the first element matching. */
    String text(String css) {
        List<String> found = findAll(css);
        return found.isEmpty() ? "" : call("GET", "element/" + found.get(0) + "/text", null).asText();
    }

    /** Waits until the first element matching shows the text; returns all its text. */
    String waitForText(String css, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String text = text(css);
            if (text.contains(expected)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + expected + "' did not appear in " + css + "; it shows:\n" + text);
            }
            pause();
        }
    }

    /** Whether the first element matching is displayed. */
    boolean displayed(String css) {
        List<String> found = findAll(css);
        return !found.isEmpty() && call("GET", "element/" + found.get(0) + "/displayed", null).asBoolean();
    }

    /** Runs a script in the page (WebDriver "execute script"), e.g. to scroll something into view. */
    void execute(String script) {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        call("POST", "execute/sync", body);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", "screenshot", null).asText()));
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", "", null);
        } catch (RuntimeException e) {
            // the browser is going anyway
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
