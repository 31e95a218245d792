package org.talentpool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpServerTest {

    @Test
    void stoppingLetsInFlightRequestsFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HttpServer server = new HttpServer(ctx -> {
            entered.countDown();
            Thread.sleep(500);
            ctx.result("done");
        }, new Metrics(), Map.of()).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        URI events = URI.create("http://127.0.0.1:" + server.port() + "/slack/events");

        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(events)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        server.close();

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
    }

    @Test
    void healthIs503WhenAComponentIsDown() throws Exception {
        HttpServer server = new HttpServer(ctx -> { }, new Metrics(), Map.of(
                "database", () -> new HttpServer.Check(true, Map.of("kind", "h2")),
                "scheduler", () -> new HttpServer.Check(false, Map.of()))).start("127.0.0.1", 0);
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"scheduler\":{\"status\":\"DOWN\"}");
        } finally {
            server.close();
        }
    }
}
