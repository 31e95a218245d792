package org.talentpool.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.talentpool.testing.SlackClient;

/**
 * The load generator's HTTP client: Apache HttpClient's classic (blocking) client, which sends and reads on the
 * virtual user's own thread over a kept-alive connection. The JDK's client, which the tests use, hands each request
 * to a selector thread and each answer back through an executor: three threads woken a request, sharing the two
 * cores with the service measured (on the bare endpoint, 0.44 ms of CPU a request, load generator included).
 */
final class BlockingHttp implements SlackClient.Transport, AutoCloseable {
    private final CloseableHttpClient client;

    BlockingHttp(int connections) {
        PoolingHttpClientConnectionManager connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(20)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(connectionManager).disableAutomaticRetries()
                .disableCookieManagement().disableRedirectHandling()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
                .build();
    }

    @Override
    public SlackClient.Reply post(URI url, Map<String, String> headers, String body) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.post(url);
        String contentType = "application/octet-stream";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            } else {
                request.addHeader(header.getKey(), header.getValue());
            }
        }
        // the body's bytes in UTF-8, the Content-Type header as given (as Slack sends it, with no charset)
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType)));
        return client.execute(request.build(), response -> new SlackClient.Reply(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                null, null));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
