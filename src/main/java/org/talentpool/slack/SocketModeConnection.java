package org.talentpool.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the Bolt app to Slack by Socket Mode in the background, retrying with backoff while Slack
 * cannot be reached, so that a Slack outage at start-up delays the connection instead of stopping the
 * service. Once connected, Bolt's client reconnects by itself.
 */
public final class SocketModeConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final String appToken;
    private final App app;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "socket-mode-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SocketModeApp socketMode;

    public SocketModeConnection(String appToken, App app) {
        this.appToken = appToken;
        this.app = app;
    }

    public void start() {
        retries.execute(() -> connect(Duration.ofSeconds(1)));
    }

    private void connect(Duration delay) {
        try {
            SocketModeApp connected = new SocketModeApp(appToken, app);
            connected.startAsync();
            socketMode = connected;
            log.info("Connected to Slack by Socket Mode");
        } catch (Exception e) {
            log.warn("Socket Mode connection failed ({}); retrying in {} s", e.getMessage(), delay.toSeconds());
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            if (!retries.isShutdown()) {
                retries.schedule(() -> connect(next), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() throws Exception {
        retries.shutdownNow();
        SocketModeApp connected = socketMode;
        if (connected != null) {
            connected.close();
        }
    }
}
