package com.sourceful.commissioner.ui;

import javafx.scene.Scene;

import com.sourceful.commissioner.DemoEnvironment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import com.sourceful.commissioner.ui.app.App;

/**
 * A UI test class against one demo app (simulated Zap and Novacore), started once for the class and closed after it;
 * a class that needs another configuration overrides {@link #startApp()}. Test classes run one after another, so the
 * shared static fields belong to the class that runs. One test instance per class, so the start can be overridden.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoAppUiTest {

    static DemoApp fixture;
    static DemoEnvironment demo;
    static App app;
    final FxThreadRobot robot = new FxThreadRobot();

    /** How this class's app starts: the whole demo, unless the class says otherwise. */
    DemoApp startApp() throws Exception {
        return DemoApp.start();
    }

    @BeforeAll
    void startDemoApp() throws Exception {
        fixture = startApp();
        demo = fixture.demo;
        app = fixture.app;
    }

    /** Final: an override without its own {@code @AfterAll} would not run, and the app would outlive its class. */
    @AfterAll
    final void stopDemoApp() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
                fixture = null;
            }
        } finally {
            afterAppClosed();
        }
    }

    /** What a class cleans up once its app is closed (its temporary folders). */
    void afterAppClosed() throws Exception {
    }

    Scene scene() {
        return fixture.scene(robot);
    }
}
