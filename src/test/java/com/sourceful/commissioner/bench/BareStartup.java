package com.sourceful.commissioner.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import com.sourceful.commissioner.ui.common.StartupProbe;

/**
 * The yardstick for the start-up benchmark: a bare JavaFX window with one label, the wizard's size, measured like
 * the app's {@code --startup-probe} (same {@link StartupProbe}, same JVM flags and class path): it prints the time
 * from JVM start to its first rendered frame, and exits.
 */
public final class BareStartup {

    private BareStartup() {
    }

    public static void main(String[] args) {
        // Launched from a class that does not extend Application, like the app's Main (JavaFX on the class path).
        Application.launch(Window.class, args);
    }

    /** One label in a window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(new Label("Zap Commissioner")), 1040, 800);
            stage.setScene(scene);
            stage.setTitle("Bare JavaFX");
            StartupProbe.whenFirstFrameRendered(scene, result -> {
                System.out.println(result.line());
                System.out.flush();
                System.exit(0);
            });
            stage.show();
        }
    }
}
