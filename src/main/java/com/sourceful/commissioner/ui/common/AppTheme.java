package com.sourceful.commissioner.ui.common;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import com.sourceful.commissioner.ui.theme.OsColorScheme;

/**
 * Light or dark: AtlantaFX Primer Light or Primer Dark as the user-agent stylesheet, and the {@code dark}
 * style class on the wizard's root for the app's own tokens ({@code app.css}). {@link ThemeChoice#SYSTEM} follows the
 * OS ({@link OsColorScheme}, asked on a background thread, never on the JavaFX thread): asked as early as
 * {@code Main} can ({@link #startEarly}), applied before the first frame when the answer is there by then (else the
 * colours the OS had last time, saved in the settings), and asked again when the window gets the focus back, so a
 * changed OS setting is followed without a restart.
 */
public final class AppTheme {

    private static final Logger LOG = LoggerFactory.getLogger(AppTheme.class);
    /** At most one OS check per this many milliseconds when the window keeps getting the focus. */
    static final long RECHECK_AFTER_MS = 3000;
    /** The binary forms of the themes: they load faster than the CSS, which JavaFX would parse at start. */
    private static final String LIGHT_UA = new PrimerLight().getUserAgentStylesheetBSS();
    private static final String DARK_UA = new PrimerDark().getUserAgentStylesheetBSS();

    /** Set by {@code Main} before launch. */
    private static volatile ThemeChoice pendingChoice;
    private static volatile Optional<Boolean> lastSavedOsDark = Optional.empty();
    /** The OS's answer asked for at start, process-wide (the OS setting is one for all windows). */
    private static volatile CompletableFuture<Boolean> early;
    /** The user-agent stylesheet set; it is one for the whole application. JavaFX thread only. */
    private static String appliedStylesheet;

    private final ObjectProperty<ThemeChoice> choice = new SimpleObjectProperty<>(this, "choice", ThemeChoice.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
    /** What the OS said last (or last time, from the settings); empty: not known, light. */
    private Optional<Boolean> osDark;
    private Parent root;
    private boolean checking;
    private long lastCheck;

    /** The choice from {@code Main} ({@code --theme}, else the saved one), else {@link ThemeChoice#SYSTEM}. */
    public AppTheme() {
        ThemeChoice c = pendingChoice;
        choice.set(c != null ? c : ThemeChoice.SYSTEM);
        osDark = lastSavedOsDark;
    }

    /**
     * From {@code Main}, before launch: the choice to start with and what the OS said last time; when the choice
     * follows the OS, asks it now on a background thread, so the answer is likely there before the first frame.
     */
    public static void startEarly(ThemeChoice choice, Optional<Boolean> lastOsDark) {
        pendingChoice = choice;
        lastSavedOsDark = lastOsDark;
        // With last time's answer saved, that answer colours the first frame and the OS is asked once the frame is
        // drawn (install): the check starts a process, which on a 2-core laptop competes with the start-up.
        if (choice == ThemeChoice.SYSTEM && lastOsDark.isEmpty()) {
            early = askOs();
        }
    }

    /** Asks the OS on a new daemon thread; saves what it says when that changed since last time. */
    private static CompletableFuture<Boolean> askOs() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            boolean d;
            try {
                d = OsColorScheme.detect();
            } catch (RuntimeException e) {
                d = false;
            }
            answer.complete(d);
            if (!lastSavedOsDark.equals(Optional.of(d))) {
                lastSavedOsDark = Optional.of(d);
                try {
                    Preferences.store(Preferences.THEME_OS, d ? "dark" : "light");
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not save the OS colour scheme: {}", e.toString());
                }
            }
        }, "os-colour-scheme");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return answer;
    }

    /**
     * Applies the theme to {@code stage}'s scene before it shows, and follows the choice and the OS from then on.
     * JavaFX thread.
     */
    public void install(Stage stage) {
        // The wizard's own root: ControlsFX's validation decorations later wrap it in a DecorationPane of theirs,
        // which becomes the scene's root; the style class stays with the wizard.
        root = stage.getScene().getRoot();
        stage.getScene().getProperties().put(AppTheme.class, this);
        if (choice.get() == ThemeChoice.SYSTEM) {
            CompletableFuture<Boolean> asked = early;
            lastCheck = System.currentTimeMillis();
            if (asked != null) {
                follow(asked);
            } else if (osDark.isPresent()) {
                checking = true;
                StartupProbe.afterFirstFrame(stage.getScene(), () -> {
                    checking = false;
                    lastCheck = System.currentTimeMillis();
                    early = askOs();
                    follow(early);
                });
            } else {
                early = askOs();
                follow(early);
            }
        }
        apply();
        choice.addListener((o, was, now) -> {
            apply();
            if (now == ThemeChoice.SYSTEM) {
                recheck();
            }
        });
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                recheck();
            }
        });
    }

    /** Uses the OS's answer now if it is there, else when it comes. */
    private void follow(CompletableFuture<Boolean> asked) {
        Boolean now = asked.getNow(null);
        if (now != null) {
            osDark = Optional.of(now);
            return;
        }
        checking = true;
        asked.whenComplete((d, e) -> Platform.runLater(() -> {
            checking = false;
            if (d != null) {
                osDark = Optional.of(d);
                apply();
            }
        }));
    }

    /** Asks the OS again (throttled), when the window gets the focus back: its setting may have changed. */
    private void recheck() {
        long now = System.currentTimeMillis();
        if (choice.get() != ThemeChoice.SYSTEM || checking || now - lastCheck < RECHECK_AFTER_MS) {
            return;
        }
        lastCheck = now;
        follow(askOs());
    }

    /** Whether {@code choice} shows dark when the OS's scheme is {@code osDark} (not known: light). */
    public static boolean isDark(ThemeChoice choice, Optional<Boolean> osDark) {
        return switch (choice) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> osDark.orElse(false);
        };
    }

    /** Primer Dark or Light, as the wizard uses them. */
    public static String userAgentStylesheet(boolean dark) {
        return dark ? DARK_UA : LIGHT_UA;
    }

    private void apply() {
        boolean d = isDark(choice.get(), osDark);
        String ua = userAgentStylesheet(d);
        if (!ua.equals(appliedStylesheet)) {
            Application.setUserAgentStylesheet(ua);
            appliedStylesheet = ua;
        }
        if (root != null) {
            List<String> classes = root.getStyleClass();
            if (d && !classes.contains("dark")) {
                classes.add("dark");
            } else if (!d) {
                classes.remove("dark");
            }
        }
        dark.set(d);
    }

    /** The theme of the window showing {@code scene}, if it is the app's. */
    public static Optional<AppTheme> of(Scene scene) {
        Object t = scene.getProperties().get(AppTheme.class);
        return t instanceof AppTheme theme ? Optional.of(theme) : Optional.empty();
    }

    /** System, light or dark; setting it applies at once. */
    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    /** Whether the window is dark now. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
