package tradegraph.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Local development Neo4j for tradegraph: Neo4j Community embedded, Bolt only on 127.0.0.1.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code DEVDB_BOLT_PORT} Bolt port on 127.0.0.1 (default 7687)</li>
 *   <li>{@code DEVDB_HOME} Neo4j home: data/ and logs/ go under it (default {@code .devdb} in the cwd)</li>
 *   <li>{@code DEVDB_PAGECACHE} page cache size, e.g. 256m (default 256m)</li>
 *   <li>{@code NEO4J_PASSWORD} if set and non-empty: auth on, password of user {@code neo4j} set to it;
 *       otherwise auth off</li>
 * </ul>
 *
 * <p>Stdout carries exactly one line, {@code devdb: ready bolt://127.0.0.1:PORT}, once Bolt answers a
 * handshake. Everything else (Neo4j's user log, progress, errors) goes to stderr. Heap is set by the
 * caller's JVM flags; transaction memory limits are derived from it.
 */
public final class DevDb {
    private static final String HOST = "127.0.0.1";
    private static final PrintStream ERR = System.err;

    private DevDb() {}

    public static void main(String[] args) {
        final int port;
        final Path home;
        final long pageCache;
        try {
            port = parsePort(env("DEVDB_BOLT_PORT"));
            home = Path.of(env("DEVDB_HOME") == null ? ".devdb" : env("DEVDB_HOME")).toAbsolutePath().normalize();
            pageCache = parseBytes("DEVDB_PAGECACHE", env("DEVDB_PAGECACHE") == null ? "256m" : env("DEVDB_PAGECACHE"));
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
            return;
        }
        String password = env("NEO4J_PASSWORD");

        if (!portIsFree(port)) {
            fail(3, "port " + port + " on " + HOST + " is already in use by another process;"
                    + " stop that process or choose another port with DEVDB_BOLT_PORT");
        }

        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            fail(2, "cannot create DEVDB_HOME " + home + ": " + e);
        }

        long heap = Runtime.getRuntime().maxMemory();
        // Neo4j's own default for the global limit is 70% of the heap; one transaction may take half of it.
        long txTotal = Math.max(64L << 20, heap * 7 / 10);
        long txOne = Math.max(32L << 20, heap / 2);

        ERR.printf("devdb: starting Neo4j 5.26 Community, home=%s, bolt=%s:%d, auth=%s, heap max=%dm,"
                        + " page cache=%dm, tx memory total/one=%dm/%dm%n",
                home, HOST, port, password != null ? "on" : "off", heap >> 20, pageCache >> 20,
                txTotal >> 20, txOne >> 20);

        AtomicReference<DatabaseManagementService> ref = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService dbms = ref.getAndSet(null);
            if (dbms != null) {
                ERR.println("devdb: shutting down");
                try {
                    dbms.shutdown();
                    ERR.println("devdb: stopped cleanly");
                } catch (RuntimeException e) {
                    ERR.println("devdb: error during shutdown: " + e);
                }
            }
        }, "devdb-shutdown"));
        // A background job of a non-interactive shell starts with SIGINT ignored, and the JVM then leaves it
        // ignored; install handlers explicitly so both SIGINT and SIGTERM always run the shutdown hook.
        installExitOnSignal("INT");
        installExitOnSignal("TERM");

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(ERR, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txTotal)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txOne)
                    // dev data: keep transaction logs small on disk
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 64L << 20)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // logs are pruned only at checkpoints (default every 15 min): checkpoint every minute
                    .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(1))
                    // no usage reports (there is no network anyway)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
        } catch (Throwable e) {
            fail(1, describeStartFailure(e, port, home));
            return;
        }
        ref.set(dbms);

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(120_000)) {
                fail(1, "database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                        + "' did not become available within 120 s; see " + home.resolve("logs/debug.log"));
            }
            if (password != null) {
                setPassword(dbms, password);
            }
            waitForBolt(port, 60_000);
        } catch (IllegalStateException e) {
            fail(1, e.getMessage());
        } catch (Throwable e) {
            fail(1, "startup failed: " + e);
        }

        ERR.printf("devdb: started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("devdb: ready bolt://" + HOST + ":" + port);
        System.out.flush();

        try {
            new CountDownLatch(1).await(); // Neo4j's threads do the work; exit comes through a signal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets the neo4j user's password through the system database; no-op if it already is that password. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try (Transaction tx = system.beginTx()) {
            tx.execute("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password)).close();
            tx.commit();
            ERR.println("devdb: auth enabled, password of user 'neo4j' set from NEO4J_PASSWORD");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = String.valueOf(root.getMessage());
            if (msg.contains("Old password and new password cannot be the same")) {
                ERR.println("devdb: auth enabled, user 'neo4j' already has the password from NEO4J_PASSWORD");
                return;
            }
            throw new IllegalStateException("NEO4J_PASSWORD was rejected by Neo4j: " + msg, e);
        }
    }

    /** Waits until a Bolt handshake on the port gets a version answer. */
    private static void waitForBolt(int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (boltHandshake(port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IOException("Bolt on " + HOST + ":" + port + " did not answer within "
                + timeoutMillis / 1000 + " s", last);
    }

    private static boolean boltHandshake(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17, // magic
                0, 8, 8, 5, // 5.8 .. 5.0
                0, 0, 4, 4, // 4.4
                0, 0, 0, 0,
                0, 0, 0, 0,
            });
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(4);
            return answer.length == 4 && (answer[2] != 0 || answer[3] != 0);
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true); // like Netty: a socket in TIME_WAIT from our last run is not "in use"
            ss.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void installExitOnSignal(String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> System.exit(0));
        } catch (Throwable e) {
            ERR.println("devdb: could not install SIG" + name + " handler: " + e);
        }
    }

    private static String describeStartFailure(Throwable e, int port, Path home) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            String name = c.getClass().getName();
            if (c instanceof BindException) {
                return "port " + port + " on " + HOST + " is already in use by another process;"
                        + " stop that process or choose another port with DEVDB_BOLT_PORT (" + c.getMessage() + ")";
            }
            if (name.endsWith("FileLockException")) {
                return "the store under " + home + " is in use by another running Neo4j"
                        + " (another devdb with the same DEVDB_HOME?): " + c.getMessage();
            }
        }
        String all = rootMessage(e);
        if (all.contains("Address already in use")) {
            return "port " + port + " on " + HOST + " is already in use by another process;"
                    + " stop that process or choose another port with DEVDB_BOLT_PORT";
        }
        return "Neo4j failed to start: " + rootMessage(e) + " (see " + home.resolve("logs/debug.log") + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == e ? String.valueOf(e) : e + " / caused by: " + c;
    }

    private static void fail(int code, String message) {
        ERR.println("devdb: ERROR: " + message);
        ERR.flush();
        System.exit(code);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static int parsePort(String s) {
        if (s == null) {
            return 7687;
        }
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException("DEVDB_BOLT_PORT must be a port number 1-65535, got '" + s + "'");
    }

    /** Parses sizes like 256m, 1g, 512MiB, 1048576. */
    static long parseBytes(String what, String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k': mult = 1L << 10; break;
                case 'm': mult = 1L << 20; break;
                case 'g': mult = 1L << 30; break;
                default: mult = 1;
            }
        }
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits.trim()) * mult;
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(what + " must be a size like 256m or 1g, got '" + s + "'");
    }
}
