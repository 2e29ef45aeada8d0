package com.sourceful.commissioner.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Alert;

import com.sourceful.commissioner.files.SingleInstance.ShowAnswer;
import com.sourceful.commissioner.ui.common.Messages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class AlreadyOpenNoticeTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void english() {
        Messages.setLanguage("en");
    }

    private static Alert alert(ShowAnswer answer) throws Exception {
        CompletableFuture<Alert> made = new CompletableFuture<>();
        Platform.runLater(() -> made.complete(AlreadyOpenNotice.alert(answer)));
        return made.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOpenAppThatDoesNotAnswerIsNamedWithWhatToDo() throws Exception {
        Alert alert = alert(ShowAnswer.NO_ANSWER);
        assertThat(alert.getHeaderText()).isEqualTo("Zap Commissioner is already open");
        assertThat(alert.getContentText()).contains("does not answer", "Task Manager", "Activity Monitor", "kept");
        assertThat(alert(ShowAnswer.NO_DOOR).getContentText()).contains("still starting", "use its window");
    }

    @Test
    void inSwedish() throws Exception {
        Messages.setLanguage("sv");
        assertThat(alert(ShowAnswer.NO_ANSWER).getHeaderText()).isEqualTo("Zap Commissioner är redan öppen");
        assertThat(alert(ShowAnswer.NO_DOOR).getContentText()).contains("använd dess fönster");
    }
}
