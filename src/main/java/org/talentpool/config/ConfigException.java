package org.talentpool.config;

/** A setting is missing or malformed; the message names the setting and what it should look like. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
