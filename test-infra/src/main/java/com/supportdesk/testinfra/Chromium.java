package com.supportdesk.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and its driver, for the browser tests of the dashboard. On a developer's machine without them a
 * browser test is skipped (said in the report); on CI (the environment variable {@code CI} is set, as {@code .ci/run}
 * does) it fails instead, so that a run cannot go green without the browser tests.
 */
public final class Chromium {
    public static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private Chromium() {}

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    public static String missing() {
        return "Chromium or chromedriver missing (" + BINARY + ", " + DRIVER
                + "): install Debian's chromium and chromium-driver (.ci/run does)";
    }

    /** Whether this is a CI run, where nothing may be skipped for want of a browser. */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips the calling test without a browser, or fails it on CI. */
    public static void assumeInstalled() {
        if (installed()) {
            return;
        }
        if (onCi()) {
            throw new AssertionError(missing() + "; on CI the browser tests must run");
        }
        Assumptions.assumeTrue(false, missing());
    }
}
