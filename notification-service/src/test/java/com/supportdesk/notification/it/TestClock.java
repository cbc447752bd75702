package com.supportdesk.notification.it;

import com.supportdesk.testinfra.SettableClock;
import jakarta.inject.Singleton;

/** The service's clock in tests: time moves only when a test says so. */
@Singleton
public class TestClock extends SettableClock {}
