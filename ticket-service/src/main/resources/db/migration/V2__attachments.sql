-- Issue 29: attachments. An upload is a row of metadata (attachment) whose bytes live once per content, in chunks
-- keyed by their SHA-256 (attachment_chunk.blob; 'upload:<id>' while the upload is still being received). A command
-- claims an upload when it references it; an upload nobody claimed within a day is purged, and with it any content
-- no other upload shares.
CREATE TABLE IF NOT EXISTS attachment (
    id uuid PRIMARY KEY,
    sha256 character(64) NOT NULL,
    file_name character varying(255) NOT NULL,
    media_type character varying(255) NOT NULL,
    size bigint NOT NULL,
    uploaded_by character varying(255) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    claimed_at timestamp with time zone
);
CREATE INDEX IF NOT EXISTS attachment_unclaimed ON attachment (uploaded_at) WHERE claimed_at IS NULL;
CREATE INDEX IF NOT EXISTS attachment_sha256 ON attachment (sha256);
CREATE TABLE IF NOT EXISTS attachment_chunk (
    blob character varying(80) NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (blob, seq)
);
