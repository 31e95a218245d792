package org.talentpool.council;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Normalising and validating email domains, and the parent domains a subdomain may belong to. */
public final class EmailDomains {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private EmailDomains() {}

    /** The lower-case domain of an address, or empty when it is not an address. */
    public static Optional<String> ofEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            return Optional.empty();
        }
        return normalise(email.substring(at + 1));
    }

    /** Lower case, trimmed, without a trailing dot or a leading {@code @}; empty if not a domain name. */
    public static Optional<String> normalise(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String normalised = domain.trim().toLowerCase(Locale.ROOT);
        if (normalised.startsWith("@")) {
            normalised = normalised.substring(1);
        }
        if (normalised.endsWith(".")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return DOMAIN.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }

    /**
     * The domain and each parent with at least two labels, longest first:
     * {@code planning.leeds.gov.uk → [planning.leeds.gov.uk, leeds.gov.uk, gov.uk]}.
     */
    public static List<String> withParents(String domain) {
        List<String> candidates = new ArrayList<>();
        String current = domain;
        while (current.indexOf('.') > 0) {
            candidates.add(current);
            current = current.substring(current.indexOf('.') + 1);
        }
        return candidates;
    }
}
