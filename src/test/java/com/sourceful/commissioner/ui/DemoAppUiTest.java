package com.sourceful.commissioner.ui;

import javafx.scene.Scene;

import com.sourceful.commissioner.DemoEnvironment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;

/**
 * A UI test class against one demo app (simulated Zap and Novacore), started once for the class and closed after it.
 * Test classes run one after another, so the shared static fields belong to the class that runs.
 */
abstract class DemoAppUiTest {

    static DemoApp fixture;
    static DemoEnvironment demo;
    static App app;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startDemoApp() throws Exception {
        fixture = DemoApp.start();
        demo = fixture.demo;
        app = fixture.app;
    }

    @AfterAll
    static void stopDemoApp() throws Exception {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    Scene scene() {
        return fixture.scene(robot);
    }
}
