package com.supportdesk.ticket.attachment;

import com.supportdesk.contract.model.Attachment;
import com.supportdesk.ticket.config.TicketSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Where attachments live: ticket-service's PostgreSQL (the embedded default; ADR 0017). The bytes are streamed in and
 * out in chunks of {@value #CHUNK} bytes, never whole in memory, and kept once per content: the chunks are keyed by
 * the content's SHA-256, so the same screenshot attached ten times is stored once. Each upload is a metadata row of
 * its own (a random id, its name, who sent it), which a command claims when it references it.
 */
@ApplicationScoped
public class AttachmentStore {
    private static final Logger LOG = Logger.getLogger(AttachmentStore.class);
    static final int CHUNK = 256 * 1024;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TicketSettings.Attachments settings;

    @Inject
    Clock clock;

    /** The bucket when the bytes live in S3; null when they live in PostgreSQL. */
    private S3Bucket bucket;

    @PostConstruct
    void init() throws IOException {
        if (settings.storage() != TicketSettings.Attachments.Storage.S3) {
            return;
        }
        TicketSettings.Attachments.S3 s3 = settings.s3();
        bucket = new S3Bucket(
                s3.endpoint()
                        .orElseThrow(() -> new IllegalStateException("support.attachments.storage is s3, but"
                                + " support.attachments.s3.endpoint (SUPPORT_ATTACHMENTS_S3_ENDPOINT) is not set")),
                s3.bucket(),
                s3.region(),
                s3.accessKey()
                        .orElseThrow(() -> new IllegalStateException("support.attachments.s3.access-key is not set")),
                s3.secretKey()
                        .orElseThrow(() -> new IllegalStateException("support.attachments.s3.secret-key is not set")),
                s3.timeout(),
                Clock.systemUTC()); // requests are signed with the real time, whatever a test's clock says
        if (s3.createBucket()) {
            bucket.createIfMissing();
        }
        LOG.infof("Attachments are stored in the bucket %s", bucket);
    }

    /** Settles the storage at start-up, so that a wrong bucket setting stops the service instead of an upload. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Attachment storage: %s", storage());
    }

    /** Why an upload was refused: the status and the problem's words (and the limit or type it names). */
    public static final class Refused extends RuntimeException {
        public final int status;
        public final String code;

        Refused(int status, String code, String detail) {
            super(detail);
            this.status = status;
            this.code = code;
        }
    }

    /** The malware scanner found something: nothing was stored. */
    public static final class Infected extends RuntimeException {
        public final String signature;

        Infected(String signature) {
            super("The file contains " + signature);
            this.signature = signature;
        }
    }

    /**
     * Reads an upload from the request body, checks its type from its first bytes, its size as it streams and its
     * content with the malware scanner, and stores it; nothing of a refused upload remains.
     */
    public Attachment upload(InputStream body, String fileName, String uploadedBy) throws Clamd.Unavailable {
        byte[] first = new byte[ContentTypes.PREFIX];
        int prefix = readFully(body, first);
        if (prefix == 0) {
            throw new Refused(400, "empty-file", "The file is empty");
        }
        String mediaType = ContentTypes.detect(first, prefix, fileName);
        if (!ContentTypes.accepted(mediaType)) {
            throw new Refused(
                    415,
                    "unsupported-media-type",
                    "Files of type " + mediaType + " (found in the content, whatever the name says) are not accepted;"
                            + " accepted are " + String.join(", ", ContentTypes.ACCEPTED) + ".");
        }
        String id = UUID.randomUUID().toString();
        Clamd scanner = settings.scan().enabled()
                ? Clamd.open(
                        settings.scan().host(),
                        settings.scan().port(),
                        settings.scan().timeout())
                : null;
        try (scanner) {
            return QuarkusTransaction.requiringNew()
                    .timeout(UPLOAD_TIMEOUT_SECONDS)
                    .call(() -> store(id, body, first, prefix, fileName, mediaType, uploadedBy, scanner));
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            if (e.getCause() instanceof Clamd.Unavailable unavailable) {
                throw unavailable;
            }
            if (e.getCause() instanceof S3Bucket.Failure || e.getCause() instanceof java.net.ConnectException) {
                throw new StorageUnavailable(e.getCause());
            }
            throw e;
        }
    }

    /** The bucket the bytes go to did not take them (unreachable, or it refused): nothing was stored. */
    public static final class StorageUnavailable extends RuntimeException {
        StorageUnavailable(Throwable cause) {
            super("The attachment storage did not take the file: " + cause.getMessage(), cause);
        }
    }

    private Attachment store(
            String id,
            InputStream body,
            byte[] first,
            int prefix,
            String fileName,
            String mediaType,
            String uploadedBy,
            Clamd scanner)
            throws SQLException, IOException {
        MessageDigest sha = sha256();
        long size = 0;
        byte[] chunk = new byte[CHUNK];
        int filled = 0;
        try (Connection c = boundForTheClient(dataSource.getConnection());
                Sink sink = bucket == null ? new Rows(c, "upload:" + id) : new SpoolFile()) {
            // the prefix already read, then the rest of the body, cut into chunks as it arrives
            InputStream rest =
                    new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first, 0, prefix), body);
            int n;
            while ((n = rest.read(chunk, filled, CHUNK - filled)) >= 0) {
                filled += n;
                size += n;
                if (size > settings.maxBytes()) {
                    throw new Refused(
                            413,
                            "file-too-large",
                            "The file is larger than " + settings.maxBytes() + " bytes ("
                                    + (settings.maxBytes() / (1024 * 1024)) + " MB), the most a file may have.");
                }
                if (filled == CHUNK) {
                    write(sink, chunk, filled, sha, scanner);
                    filled = 0;
                }
            }
            if (filled > 0) {
                write(sink, chunk, filled, sha, scanner);
            }
            if (scanner != null) {
                Clamd.Verdict verdict = scanner.verdict();
                if (!verdict.clean()) {
                    throw new Infected(verdict.signature()); // the transaction rolls back: no chunk remains
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            lock(c, hash); // held until the metadata row is committed: the purge cannot take the content meanwhile
            sink.keep(c, hash, mediaType);
            try (PreparedStatement meta = c.prepareStatement("insert into attachment (id, sha256, file_name,"
                    + " media_type, size, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?)")) {
                meta.setObject(1, UUID.fromString(id));
                meta.setString(2, hash);
                meta.setString(3, fileName);
                meta.setString(4, mediaType);
                meta.setLong(5, size);
                meta.setString(6, uploadedBy);
                meta.setTimestamp(7, Timestamp.from(clock.instant()));
                meta.executeUpdate();
            }
            LOG.infof(
                    "Attachment %s stored: %s, %s, %d bytes, sha256 %s, by %s",
                    id, fileName, mediaType, size, hash, uploadedBy);
            return new Attachment(id, fileName, mediaType, size, hash);
        }
    }

    /**
     * An upload's transaction time-out, and how long it may sit idle between two statements. ticket-service's pool
     * ends a transaction idle for two minutes (a frozen process's locks go); an upload waits for the client's body and
     * for the scanner's verdict between its chunks, so its own transaction allows as long as its time-out.
     */
    static final int UPLOAD_TIMEOUT_SECONDS = 600;

    private static Connection boundForTheClient(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LOCAL idle_in_transaction_session_timeout = '" + UPLOAD_TIMEOUT_SECONDS + "s'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void write(Sink sink, byte[] chunk, int length, MessageDigest sha, Clamd scanner)
            throws SQLException, IOException {
        sha.update(chunk, 0, length);
        if (scanner != null) {
            scanner.write(chunk, length);
        }
        sink.write(chunk, length);
    }

    /** Where an upload's chunks go while it streams, and how its content is then kept once under its hash. */
    private interface Sink extends AutoCloseable {
        void write(byte[] chunk, int length) throws SQLException, IOException;

        /** Keeps the content under its hash unless it is stored already; called holding the hash's lock. */
        void keep(Connection c, String hash, String mediaType) throws SQLException, IOException;

        @Override
        void close() throws SQLException, IOException;
    }

    /** Chunk rows of the upload's own transaction, renamed to the hash at the end (or dropped as a duplicate). */
    private static final class Rows implements Sink {
        private final PreparedStatement insert;
        private final String pending;
        private int seq;

        Rows(Connection c, String pending) throws SQLException {
            this.insert = c.prepareStatement("insert into attachment_chunk (blob, seq, data) values (?, ?, ?)");
            this.pending = pending;
        }

        @Override
        public void write(byte[] chunk, int length) throws SQLException {
            insert.setString(1, pending);
            insert.setInt(2, seq++);
            insert.setBytes(3, length == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, length));
            insert.executeUpdate();
        }

        @Override
        public void keep(Connection c, String hash, String mediaType) throws SQLException {
            boolean stored = storedRows(c, hash);
            try (PreparedStatement move = c.prepareStatement(
                    stored
                            ? "delete from attachment_chunk where blob = ?"
                            : "update attachment_chunk set blob = ? where blob = ?")) {
                if (stored) {
                    move.setString(1, pending);
                } else {
                    move.setString(1, hash);
                    move.setString(2, pending);
                }
                move.executeUpdate();
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    /**
     * A temporary file the upload streams into (the bucket wants the length and the hash before the body), put into
     * the bucket once the content is known to be clean; deleted in every case.
     */
    private final class SpoolFile implements Sink {
        private final Path file;
        private final OutputStream out;

        SpoolFile() throws IOException {
            this.file = Files.createTempFile("upload-", ".part");
            this.out = Files.newOutputStream(file);
        }

        @Override
        public void write(byte[] chunk, int length) throws IOException {
            out.write(chunk, 0, length);
        }

        @Override
        public void keep(Connection c, String hash, String mediaType) throws IOException {
            out.close();
            String key = key(hash);
            if (!bucket.exists(key)) {
                bucket.put(key, file, hash, mediaType);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The lock on one content, held to the end of the transaction: storing it and purging it never interleave. */
    private static void lock(Connection c, String hash) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "attachment:" + hash);
            lock.execute();
        }
    }

    private static boolean storedRows(Connection c, String hash) throws SQLException {
        try (PreparedStatement exists =
                c.prepareStatement("select 1 from attachment_chunk where blob = ? and seq = 0")) {
            exists.setString(1, hash);
            try (ResultSet r = exists.executeQuery()) {
                return r.next();
            }
        }
    }

    private String key(String hash) {
        return settings.s3().prefix() + hash;
    }

    /** The upload's metadata. */
    public Optional<Attachment> find(String id) {
        UUID uuid = uuidOrNull(id);
        if (uuid == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select id, file_name, media_type, size, sha256 from attachment where id = ?")) {
            q.setObject(1, uuid);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims uploads a command references: each must be one this user sent and not yet purged. Claimed uploads are
     * never purged (one a failed command claimed stays, unreachable: only a ticket's events lead to a file).
     *
     * @return the metadata of each, in the order given
     * @throws com.supportdesk.ticket.command.InvalidCommand naming {@code attachments[i]} for the first that is not
     *     this user's upload
     */
    public List<Attachment> claim(List<String> ids, String userId) {
        List<Attachment> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("update attachment set claimed_at = coalesce(claimed_at, ?)"
                        + " where id = ? and uploaded_by = ? returning id, file_name, media_type, size, sha256")) {
            for (int i = 0; i < ids.size(); i++) {
                UUID uuid = uuidOrNull(ids.get(i));
                Attachment a = null;
                if (uuid != null) {
                    q.setTimestamp(1, Timestamp.from(clock.instant()));
                    q.setObject(2, uuid);
                    q.setString(3, userId);
                    try (ResultSet r = q.executeQuery()) {
                        a = r.next() ? row(r) : null;
                    }
                }
                if (a == null) {
                    throw new com.supportdesk.ticket.command.InvalidCommand(
                            "attachments[" + i + "]",
                            "is not a file you uploaded (POST /api/attachments), or it was purged after a day unused");
                }
                found.add(a);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the content to {@code out}, chunk by chunk (one chunk in memory at a time). */
    public void copy(Attachment a, OutputStream out) throws IOException {
        if (bucket != null) {
            try (InputStream in = bucket.get(key(a.sha256()))) {
                in.transferTo(out);
            }
            return;
        }
        long chunks = (a.size() + CHUNK - 1) / CHUNK;
        try (Connection c = dataSource.getConnection();
                PreparedStatement q =
                        c.prepareStatement("select data from attachment_chunk where blob = ? and seq = ?")) {
            for (int seq = 0; seq < chunks; seq++) {
                q.setString(1, a.sha256());
                q.setInt(2, seq);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw new IOException("chunk " + seq + " of " + a.sha256() + " is missing");
                    }
                    out.write(r.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    /**
     * Purges uploads no command claimed within the retention, and the content no remaining upload shares.
     *
     * @return how many uploads went
     */
    public int purgeUnclaimed() {
        return purgeUploadedBefore(clock.instant().minus(settings.unclaimedRetention()));
    }

    /** Purges the unclaimed uploads received before {@code before}, and the content no remaining upload shares. */
    public int purgeUploadedBefore(Instant before) {
        List<String> hashes = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement purge = c.prepareStatement("delete from attachment where claimed_at is null"
                            + " and uploaded_at < ? returning sha256")) {
                purge.setTimestamp(1, Timestamp.from(before));
                List<String> found = new ArrayList<>();
                try (ResultSet r = purge.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1).trim());
                    }
                }
                return found;
            }
        });
        // each content then goes in a transaction of its own, under its lock, if no upload shares it any more (a
        // crash in between leaves an orphan content behind, never an upload without its content)
        for (String hash : hashes.stream().distinct().toList()) {
            QuarkusTransaction.requiringNew().run(() -> dropIfOrphan(hash));
        }
        if (!hashes.isEmpty()) {
            LOG.infof("Purged %d upload(s) no command referenced since %s", hashes.size(), before);
        }
        return hashes.size();
    }

    private void dropIfOrphan(String hash) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, hash);
            try (PreparedStatement shared = c.prepareStatement("select 1 from attachment where sha256 = ?")) {
                shared.setString(1, hash);
                try (ResultSet r = shared.executeQuery()) {
                    if (r.next()) {
                        return;
                    }
                }
            }
            if (bucket != null) {
                bucket.delete(key(hash));
            } else {
                try (PreparedStatement drop = c.prepareStatement("delete from attachment_chunk where blob = ?")) {
                    drop.setString(1, hash);
                    drop.executeUpdate();
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not purge the content " + hash, e);
        }
    }

    private static Attachment row(ResultSet r) throws SQLException {
        return new Attachment(
                r.getObject(1).toString(),
                r.getString(2),
                r.getString(3),
                r.getLong(4),
                r.getString(5).trim());
    }

    private static UUID uuidOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int readFully(InputStream in, byte[] buffer) {
        try {
            int total = 0;
            int n;
            while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) >= 0) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many contents are stored under this hash (0 or 1: each content is kept once). */
    public int storedContents(String sha256) {
        try (Connection c = dataSource.getConnection()) {
            if (bucket != null) {
                return bucket.exists(key(sha256)) ? 1 : 0;
            }
            try (PreparedStatement q =
                    c.prepareStatement("select count(*) from attachment_chunk where blob = ? and seq = 0")) {
                q.setString(1, sha256);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the bytes live, for the health check and the log. */
    public String storage() {
        return bucket == null ? "postgres" : "s3 " + bucket;
    }
}
