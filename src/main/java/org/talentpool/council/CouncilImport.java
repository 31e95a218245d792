package org.talentpool.council;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.AuditLog;

/**
 * Loads councils from a CSV file (the shipped register {@code reference/uk-councils.csv}, or any file with
 * a name and a domain column) as <em>known</em> councils, not yet approved. Idempotent: a row whose code
 * or domains are in the register already is skipped, so importing twice adds nothing the second time.
 * Each row is added in its own transaction, whole or not at all; bad rows are reported with their line.
 */
public final class CouncilImport {
    static final List<String> CODE = List.of("code");
    static final List<String> NAME = List.of("official_name", "name");
    static final List<String> SHORT_NAME = List.of("short_name");
    static final List<String> NATION = List.of("nation");
    static final List<String> TYPE = List.of("type", "council_type");
    static final List<String> DOMAINS = List.of("email_domains", "domains", "domain");

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;

    public CouncilImport(Jdbi jdbi, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** The file as a whole cannot be imported (no header with the needed columns, unreadable CSV). */
    public static final class InvalidFile extends Exception {
        InvalidFile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One row not added, and why. */
    public record Row(long line, String message) {}

    /** What an import did. */
    public record Report(int added, List<Row> skipped, List<Row> invalid) {

        /** Human-readable lines: the counts, skipped rows grouped by reason, then each invalid row. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(added + " added, " + skipped.size() + " skipped, " + invalid.size() + " invalid");
            Map<String, List<Long>> skippedByReason = new LinkedHashMap<>();
            skipped.forEach(row -> skippedByReason.computeIfAbsent(row.message(), reason -> new ArrayList<>())
                    .add(row.line()));
            skippedByReason.forEach((reason, rowLines) -> lines.add("skipped, " + reason + ": " + ranges(rowLines)
                    + " (" + rowLines.size() + (rowLines.size() == 1 ? " row)" : " rows)")));
            invalid.forEach(row -> lines.add("line " + row.line() + ": invalid: " + row.message()));
            return lines;
        }
    }

    /** Why a row is skipped or invalid, raised inside its transaction so nothing of it is written. */
    private static final class RowRefused extends RuntimeException {
        private final boolean skipped;

        RowRefused(boolean skipped, String message) {
            super(message, null, false, false);
            this.skipped = skipped;
        }
    }

    private record Columns(String code, String name, String shortName, String nation, String type, String domains) {}

    public Report importCsv(Reader reader, String actor) throws InvalidFile {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).setAllowMissingColumnNames(true).get();
        int added = 0;
        List<Row> skipped = new ArrayList<>();
        List<Row> invalid = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(withoutByteOrderMark(reader)).setFormat(format).get()) {
            Columns columns = columns(parser.getHeaderNames());
            long previousLine = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                long line = previousLine + 1;
                previousLine = parser.getCurrentLineNumber();
                try {
                    addRow(record, columns, actor);
                    added++;
                } catch (RowRefused refused) {
                    (refused.skipped ? skipped : invalid).add(new Row(line, refused.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidFile("The file is not readable as CSV: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidFile("The file is not readable as CSV: " + e.getMessage(), e);
        }
        return new Report(added, skipped, invalid);
    }

    private static Columns columns(List<String> header) throws InvalidFile {
        Optional<String> name = column(header, NAME);
        Optional<String> domains = column(header, DOMAINS);
        if (name.isEmpty() || domains.isEmpty()) {
            throw new InvalidFile("The first line must name the columns, with official_name (or name) and"
                    + " email_domains (or domain) among them, e.g. \"code,official_name,short_name,nation,type,"
                    + "email_domains\"; it has: " + String.join(",", header), null);
        }
        return new Columns(column(header, CODE).orElse(null), name.get(), column(header, SHORT_NAME).orElse(null),
                column(header, NATION).orElse(null), column(header, TYPE).orElse(null), domains.get());
    }

    private static Optional<String> column(List<String> header, List<String> names) {
        for (String wanted : names) {
            for (String present : header) {
                if (present != null && present.trim().equalsIgnoreCase(wanted)) {
                    return Optional.of(present);
                }
            }
        }
        return Optional.empty();
    }

    private void addRow(CSVRecord record, Columns columns, String actor) {
        String code = value(record, columns.code(), 16, "code");
        String name = value(record, columns.name(), 200, "name");
        String shortName = value(record, columns.shortName(), 120, "short name");
        String nation = value(record, columns.nation(), 40, "nation");
        String type = value(record, columns.type(), 80, "type");
        if (name == null) {
            throw new RowRefused(false, "the name is missing");
        }
        Set<String> domains = domains(value(record, columns.domains(), 2000, "domains"));
        if (code == null && domains.isEmpty()) {
            throw new RowRefused(false, "neither a code nor a domain, so a second import could not recognise it");
        }
        String upperCode = code == null ? null : code.toUpperCase(Locale.ROOT);
        jdbi.useTransaction(handle -> {
            CouncilDao councils = handle.attach(CouncilDao.class);
            if (upperCode != null && councils.findByCode(upperCode).isPresent()) {
                throw new RowRefused(true, "already present (same code)");
            }
            Map<String, Council> owners = new LinkedHashMap<>();
            for (String domain : domains) {
                councils.findByDomain(domain).ifPresent(owner -> owners.put(domain, owner));
            }
            if (!owners.isEmpty()) {
                Set<Long> ownerIds = owners.values().stream().map(Council::id).collect(Collectors.toSet());
                if (upperCode == null && owners.size() == domains.size() && ownerIds.size() == 1) {
                    throw new RowRefused(true, "already present (same domain)");
                }
                Map.Entry<String, Council> taken = owners.entrySet().iterator().next();
                throw new RowRefused(false, "the domain " + taken.getKey() + " belongs to another council already ("
                        + taken.getValue().name() + (taken.getValue().code() == null ? ""
                        : ", " + taken.getValue().code()) + ")");
            }
            long councilId = councils.insertCouncil(upperCode, name, shortName, nation, type,
                    Council.Status.KNOWN.dbValue(), OffsetDateTime.now(clock));
            for (String domain : domains) {
                if (councils.addDomainIfFree(domain, councilId) == 0) {
                    throw new RowRefused(false, "the domain " + domain + " was registered by someone else meanwhile");
                }
            }
            audit.record(handle, AuditLog.Change.of(actor, "council.import", "council", councilId)
                    .states(null, AuditStates.json("code", upperCode, "name", name, "domains", List.copyOf(domains),
                            "status", "known")));
        });
    }

    private static String value(CSVRecord record, String column, int maxLength, String what) {
        if (column == null || !record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column).trim().replaceAll("\\s+", " ");
        if (value.length() > maxLength) {
            throw new RowRefused(false, "the " + what + " is longer than " + maxLength + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static Set<String> domains(String text) {
        Set<String> domains = new LinkedHashSet<>();
        if (text == null) {
            return domains;
        }
        for (String typed : text.split(";")) {
            if (typed.isBlank()) {
                continue;
            }
            String domain = EmailDomains.normalise(typed).orElseThrow(() -> new RowRefused(false,
                    "\"" + typed.trim() + "\" is not an email domain (like york.gov.uk; separate several with ;)"));
            if (EmailDomains.isShared(domain)) {
                throw new RowRefused(false, domain + " is shared by many organisations, so it can't be a council's");
            }
            domains.add(domain);
        }
        return domains;
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** {@code [2,3,4,7]} → {@code lines 2-4, 7}. */
    static String ranges(List<Long> lines) {
        StringBuilder text = new StringBuilder(lines.size() == 1 ? "line " : "lines ");
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j + 1 < lines.size() && lines.get(j + 1) == lines.get(j) + 1) {
                j++;
            }
            if (i > 0) {
                text.append(", ");
            }
            text.append(lines.get(i));
            if (j > i) {
                text.append('-').append(lines.get(j));
            }
            i = j + 1;
        }
        return text.toString();
    }
}
