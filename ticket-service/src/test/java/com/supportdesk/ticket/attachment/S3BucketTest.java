package com.supportdesk.ticket.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The request signature, against the worked example of AWS's Signature Version 4 documentation for S3. */
class S3BucketTest {

    @Test
    void signsAsAwsDocumentsIt() {
        S3Bucket bucket = new S3Bucket(
                URI.create("https://examplebucket.s3.amazonaws.com"),
                "examplebucket",
                "us-east-1",
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Duration.ofSeconds(5),
                Clock.systemUTC());
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        headers.put("x-amz-date", "20130524T000000Z");

        String authorization = bucket.authorization(
                "GET",
                "/test.txt",
                headers,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "20130524T000000Z");

        assertThat(authorization)
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }
}
