import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * The project's local Neo4j: an embedded 5.26 community DBMS with Bolt on loopback only.
 *
 * Started by src/graph/local-neo4j/process.ts as
 *   java -cp <classes>:<classpath> Launcher --home DIR --port N [--pagecache 256m] [--detached]
 * with the password in the environment variable OVERSIGHT_NEO4J_PASSWORD: argv is visible
 * to every user through ps, the environment is not.
 *
 * Prints exactly one "READY bolt://127.0.0.1:PORT" line on stdout once Bolt is up.
 * Without --detached it exits when stdin reaches EOF, so the JVM dies with its parent
 * (even a SIGKILLed one) instead of being orphaned with the store locked.
 */
public final class Launcher {
    static final String PASSWORD_ENV = "OVERSIGHT_NEO4J_PASSWORD";

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = -1;
        String pagecache = "256m";
        boolean detached = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(requireValue(args, ++i, "--home")).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(requireValue(args, ++i, "--port"));
                case "--pagecache" -> pagecache = requireValue(args, ++i, "--pagecache");
                case "--detached" -> detached = true;
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (home == null) fail("--home DIR is required");
        if (port <= 0 || port > 65535) fail("--port N (1-65535) is required");
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.length() < 8) {
            fail("environment variable " + PASSWORD_ENV + " must hold the password (8+ characters)");
        }

        // Neo4j's own user log goes to stderr, which the caller sends to a log file.
        Log4jLogProvider userLog = new Log4jLogProvider(System.err, Level.INFO);

        // Registered before start-up so SIGTERM or a vanished parent during the ~15 s start
        // still ends the JVM; the store is closed cleanly once it has been opened.
        AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService dbms = running.get();
            if (dbms != null && stopped.compareAndSet(false, true)) {
                dbms.shutdown();
                userLog.close();
            }
        }, "neo4j-shutdown"));
        if (!detached) {
            watchStdin();
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                .setConfig(Map.of(
                        BoltConnector.enabled, true,
                        // Loopback only: this server is for this machine's pipeline and tests.
                        BoltConnector.listen_address, new SocketAddress("127.0.0.1", port),
                        GraphDatabaseSettings.auth_enabled, true,
                        GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache),
                        GraphDatabaseSettings.udc_enabled, false,
                        // Belt and braces: never write query parameters (the password) to a log.
                        GraphDatabaseSettings.log_queries_parameter_logging_enabled, false,
                        // Netty's graceful-shutdown quiet period otherwise adds ~10 s to every stop;
                        // the stores are already checkpointed by then, so there is nothing to wait for.
                        GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0,
                        GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2)))
                .build();
        running.set(dbms);

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            System.err.println("failed to set the neo4j password: " + e.getClass().getName());
            System.exit(3);
        }

        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        // main returns; Neo4j's non-daemon threads keep the JVM alive until SIGTERM or stdin EOF.
    }

    /** Sets the password on every start, so .neo4j/password stays the single source of truth. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database("system");
        try (Transaction tx = system.beginTx()) {
            tx.execute("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            tx.commit();
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has; that is fine here.
            String msg = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (!msg.contains("cannot be the same")) throw e;
        }
    }

    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buf = new byte[256];
            InputStream in = System.in;
            try {
                while (in.read(buf) != -1) {
                    // Input is ignored: only EOF (the parent went away) matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as EOF.
            }
            System.exit(0); // runs the shutdown hook
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static long parseBytes(String s) {
        String t = s.trim().toLowerCase();
        long mult = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k') mult = 1L << 10;
        else if (last == 'm') mult = 1L << 20;
        else if (last == 'g') mult = 1L << 30;
        if (mult != 1) t = t.substring(0, t.length() - 1);
        return Long.parseLong(t) * mult;
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) fail(flag + " needs a value");
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("Launcher: " + message);
        System.exit(2);
    }
}
