package com.sourceful.commissioner.ui.app;

import java.util.concurrent.CountDownLatch;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;

import com.sourceful.commissioner.files.SingleInstance.ShowAnswer;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.Messages;

/**
 * What a second start shows when the open app did not bring its window forward: started from an icon, it has no
 * terminal, and without this the technician would see nothing happen at all.
 */
public final class AlreadyOpenNotice {

    private AlreadyOpenNotice() {
    }

    /** The notice for {@code answer} (not {@link ShowAnswer#SHOWN}). JavaFX thread. */
    static Alert alert(ShowAnswer answer) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle(Messages.get("app.title"));
        alert.setHeaderText(Messages.get("alreadyOpen.title"));
        alert.setContentText(Messages.get(answer == ShowAnswer.NO_ANSWER ? "alreadyOpen.noAnswer"
                : "alreadyOpen.starting"));
        return alert;
    }

    /**
     * Shows the notice in a process that has no window of its own, in the theme last used (without asking the OS:
     * that would save its answer, and this process must write nothing), and returns once it is closed.
     */
    public static void showAndWait(ShowAnswer answer, boolean dark) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(AppTheme.userAgentStylesheet(dark));
            Alert alert = alert(answer);
            alert.setOnHidden(e -> closed.countDown());
            // Shown, not showAndWait: waiting inside the start-up call left the dialog unpainted (GTK, Xvfb).
            alert.show();
        });
        closed.await();
        Platform.exit();
    }
}
