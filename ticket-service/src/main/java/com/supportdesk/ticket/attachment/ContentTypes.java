package com.supportdesk.ticket.attachment;

import java.util.List;
import java.util.Set;
import org.apache.tika.Tika;

/**
 * The type of an uploaded file, found in its first bytes (magic numbers, Apache Tika), never taken from its name or
 * the sender's Content-Type; and whether it is a type we accept: images, PDF, plain text (CSV and logs are text),
 * office documents and zip archives. An executable named {@code .png} is an executable.
 */
public final class ContentTypes {
    /** How many leading bytes the detection reads. */
    public static final int PREFIX = 64 * 1024;

    private static final Tika TIKA = new Tika();

    /** What the limits page and the 415 problem name. */
    public static final List<String> ACCEPTED = List.of(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "text/plain (also CSV and logs)",
            "office documents (OOXML, OpenDocument, OLE2)",
            "application/zip");

    private static final Set<String> EXACT = Set.of(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "application/zip",
            "application/x-tika-ooxml",
            "application/x-tika-msoffice",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/rtf");

    private ContentTypes() {}

    /**
     * The type of the content. The name only refines what the bytes already say (a zip named .docx is an OOXML
     * document; an executable named .png stays an executable).
     */
    public static String detect(byte[] prefix, int length, String fileName) {
        byte[] head = length == prefix.length ? prefix : java.util.Arrays.copyOf(prefix, length);
        return TIKA.detect(head, fileName);
    }

    public static boolean accepted(String mediaType) {
        return EXACT.contains(mediaType)
                || mediaType.startsWith("text/")
                        && !mediaType.equals("text/html")
                        && !mediaType.equals("text/javascript")
                        && !mediaType.equals("text/x-sh")
                || mediaType.startsWith("application/vnd.openxmlformats-officedocument.")
                || mediaType.startsWith("application/vnd.oasis.opendocument.");
    }
}
