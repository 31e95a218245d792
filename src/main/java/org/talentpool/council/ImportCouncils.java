package org.talentpool.council;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.config.ConfigException;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.AuditLog;
import org.talentpool.persistence.Database;

/**
 * {@code scripts/import-councils [csv]}: loads councils from a CSV file (default: the shipped register)
 * into the database named by {@code DATABASE_URL}, with the service's settings, after running the
 * migrations. Exit status: 0 done, 1 could not run (file or database), 2 bad usage or settings, 3 done
 * but some rows were invalid.
 */
public final class ImportCouncils {
    public static final String DEFAULT_FILE = "reference/uk-councils.csv";
    /** The audit log's actor for imports run from the command line. */
    public static final String ACTOR = "import-councils";

    private ImportCouncils() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        if (args.length > 1 || args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            err.println("usage: scripts/import-councils [file.csv]   (default " + DEFAULT_FILE + "; the database is"
                    + " DATABASE_URL, as for the service)");
            return 2;
        }
        Path file = Path.of(args.length == 1 ? args[0] : DEFAULT_FILE);
        PoolConfig config;
        try {
            config = PoolConfig.fromEnv(env);
        } catch (ConfigException e) {
            err.println("import-councils: configuration error: " + e.getMessage());
            return 2;
        }
        if (!Files.isReadable(file)) {
            err.println("import-councils: cannot read " + file + " (give the path of a CSV file)");
            return 1;
        }
        try (Database database = Database.open(config.databaseUrl(), config.databaseUser(),
                config.databasePassword(), 2)) {
            return importFile(file, database.jdbi(), clock, out, err);
        } catch (RuntimeException e) {
            err.println("import-councils: could not use the database: " + e.getMessage());
            return 1;
        }
    }

    /** Imports {@code file} into the database of {@code jdbi} and prints the report; returns the exit status. */
    public static int importFile(Path file, Jdbi jdbi, Clock clock, PrintStream out, PrintStream err) {
        CouncilImport.Report report;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            report = new CouncilImport(jdbi, new AuditLog(jdbi, clock), clock).importCsv(reader, ACTOR);
        } catch (CouncilImport.InvalidFile e) {
            err.println("import-councils: " + file + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("import-councils: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("Imported " + file + ":");
        report.lines().forEach(line -> out.println("  " + line));
        return report.invalid().isEmpty() ? 0 : 3;
    }
}
