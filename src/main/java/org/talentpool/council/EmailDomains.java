package org.talentpool.council;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Normalising and validating email domains, and the parent domains a subdomain may belong to. */
public final class EmailDomains {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /**
     * Domains shared by many organisations or by anyone at all: public suffixes and personal mail
     * providers. None of them can be a council's own domain, and an address there says nothing about
     * where its owner works.
     */
    static final Set<String> SHARED = Set.of(
            "gov.uk", "org.uk", "co.uk", "ac.uk", "nhs.uk", "nhs.net", "police.uk", "sch.uk", "ltd.uk", "plc.uk",
            "me.uk", "net.uk", "gov.scot", "gov.wales", "llyw.cymru",
            "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk",
            "msn.com", "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com",
            "protonmail.com", "proton.me");

    private EmailDomains() {}

    /** True for a public suffix or a personal mail provider (see {@link #SHARED}). */
    public static boolean isShared(String domain) {
        return SHARED.contains(domain);
    }

    /**
     * True when {@code emailDomain} is {@code domain} or a subdomain of it: {@code planning.leeds.gov.uk} is
     * under {@code leeds.gov.uk}.
     */
    public static boolean covers(String domain, String emailDomain) {
        return emailDomain.equals(domain) || emailDomain.endsWith("." + domain);
    }

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
