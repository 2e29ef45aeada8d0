package com.sourceful.commissioner.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/** {@link Tasks.Job}: which handler a failure reaches, and when the finally part runs. */
class TasksJobTest {

    private final Tasks tasks = Tasks.currentThread();
    private final List<String> calls = new ArrayList<>();

    @Test
    void success_runsFinallyThenTheSuccessHandler() {
        tasks.job(() -> 42).onSuccess(v -> calls.add("success " + v)).onFailure(e -> calls.add("failure"))
                .andFinally(() -> calls.add("finally")).start();
        assertEquals(List.of("finally", "success 42"), calls);
    }

    @Test
    void failure_goesToTheFirstMatchingTypedHandler_inTheOrderGiven() {
        tasks.job(() -> {
            throw new FileNotFoundException("gone");
        }).on(FileNotFoundException.class, e -> calls.add("not found " + e.getMessage()))
                .on(IOException.class, e -> calls.add("io"))
                .onFailure(e -> calls.add("other"))
                .andFinally(() -> calls.add("finally")).start();
        assertEquals(List.of("finally", "not found gone"), calls);
    }

    @Test
    void failure_ofASupertypeHandler_catchesSubtypes_andOthersGoToOnFailure() {
        tasks.job(() -> {
            throw new FileNotFoundException();
        }).on(CancellationException.class, e -> calls.add("cancelled")).on(IOException.class, e -> calls.add("io"))
                .onFailure(e -> calls.add("other")).start();
        tasks.job(() -> {
            throw new IllegalStateException();
        }).on(IOException.class, e -> calls.add("io")).onFailure(e -> calls.add("other "
                + e.getClass().getSimpleName())).start();
        assertEquals(List.of("io", "other IllegalStateException"), calls);
    }

    @Test
    void aHandlerThatStartsNewWork_keepsItsOwnFlag_becauseFinallyRanBefore() {
        boolean[] busy = {true};
        tasks.job(() -> {
            throw new IOException("first try");
        }).andFinally(() -> busy[0] = false).onFailure(e -> busy[0] = true /* a retry starts */).start();
        assertEquals(true, busy[0]);
    }

    @Test
    void unhandledFailure_isSwallowedAfterFinally_notThrownAtTheCaller() {
        tasks.job(() -> {
            throw new IOException("secret-ish message");
        }).andFinally(() -> calls.add("finally")).start();
        assertEquals(List.of("finally"), calls);
    }
}
