package org.talentpool;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.config.ConfigException;
import org.talentpool.config.PoolConfig;

/** Entry point: reads the environment, starts the service, stops it on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        PoolConfig config;
        try {
            config = PoolConfig.fromEnv(System.getenv());
        } catch (ConfigException e) {
            System.err.println("talent-pool: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        TalentPool pool;
        try {
            pool = TalentPool.start(config, Clock.systemUTC());
        } catch (Exception e) {
            log.debug("Start-up failed", e);
            System.err.println("talent-pool: could not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Talent Pool");
            pool.close();
        }, "shutdown"));
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = error == cause ? error.getMessage() : error.getMessage() + " (" + cause.getMessage() + ")";
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
