package com.sourceful.commissioner.ui.find;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.LocalNetworkAccess;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.discovery.SubnetSweep;
import com.sourceful.commissioner.discovery.WindowsNetworkProfile;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.wizard.StepViewModel;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/**
 * Step 1: every Zap on the network, from mDNS, {@code zap.local}, a subnet sweep, remembered and typed addresses,
 * confirmed and merged by serial. Silent Zaps stay listed, greyed; an empty list explains what was tried.
 */
public final class FindViewModel extends StepViewModel {

    /** PowerShell starts slowly on a busy laptop; past this the profile is not named, the rest of the advice stays. */
    private static final Duration PROFILE_TIMEOUT = Duration.ofSeconds(10);

    private final Tasks tasks;
    private final Os os;
    private final boolean demo;
    /** Null until the configuration is there (demo mode: once its simulators run). */
    private AppConfig config;
    private boolean entered;
    private final CommissioningSession session;
    private final Supplier<ZapDiscovery> discoveryFactory;

    private final ObservableList<FoundZap> zaps = FXCollections.observableArrayList();
    private final ObjectProperty<FoundZap> selected = new SimpleObjectProperty<>();
    private final StringProperty typedAddress = new SimpleStringProperty("");
    private Tasks.Handle typedCheck;
    private final StringProperty nothingFound = new SimpleStringProperty("");
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanProperty sweepRunning = new SimpleBooleanProperty();
    private final BooleanProperty sweepAvailable = new SimpleBooleanProperty();
    private final DoubleProperty sweepProgress = new SimpleDoubleProperty();
    private final StringProperty sweepText = new SimpleStringProperty("");
    private final BooleanBinding typedValid = Bindings.createBooleanBinding(() -> isValidAddress(typedAddress.get()), typedAddress);
    private final StringProperty typedProblem = new SimpleStringProperty("");
    /** Why each silent Zap's last re-check failed, by serial: shown in that Zap's row. */
    private final ObservableMap<String, String> silentReasons = FXCollections.observableMap(new HashMap<>());
    /** The selection was made by this step (one Zap, or the demo's own), not by the technician. */
    private boolean chosenByItself;
    private ZapDiscovery discovery;
    private DiscoveryReport lastReport;
    /** Windows: a connected network is set to Public; empty until Windows said (and off Windows). */
    private Optional<Boolean> publicNetwork = Optional.empty();
    /** This computer's own rules keeping mDNS answers out (macOS privacy, a firewall), and the fix; or empty. */
    private final StringProperty localNetworkNotice = new SimpleStringProperty("");

    public FindViewModel(Tasks tasks, AppConfig config, CommissioningSession session,
                         Supplier<ZapDiscovery> discoveryFactory) {
        this(tasks, CompletableFuture.completedFuture(config), config.demo(), session, discoveryFactory);
    }

    /**
     * With a configuration that may come later: the app's window shows first, then (demo mode) its simulators start;
     * the step says so meanwhile and searches once the configuration is there.
     */
    public FindViewModel(Tasks tasks, CompletionStage<AppConfig> config, boolean demo, CommissioningSession session,
                         Supplier<ZapDiscovery> discoveryFactory) {
        this(tasks, config, demo, session, discoveryFactory, Os.current());
    }

    /** The same as if on {@code os}, whose rules decide the advice about blocked mDNS (tests run every OS's). */
    FindViewModel(Tasks tasks, CompletionStage<AppConfig> config, boolean demo, CommissioningSession session,
                  Supplier<ZapDiscovery> discoveryFactory, Os os) {
        this.tasks = tasks;
        this.os = os;
        this.demo = demo;
        this.session = session;
        this.discoveryFactory = discoveryFactory;
        busyWhen(checking);
        readyWhen(Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().answering(), selected));
        typedAddress.addListener((o, was, now) -> typedProblem.set(
                now == null || now.isBlank() || isValidAddress(now) ? "" : Messages.get("find.typed.invalid")));
        AppConfig now = config.toCompletableFuture().getNow(null);
        if (now != null) {
            configured(now, null);
        } else {
            config.whenComplete((c, e) -> tasks.onUiThread(() -> configured(c, e)));
        }
    }

    private void configured(AppConfig ready, Throwable failed) {
        if (failed != null) {
            searching.set(false);
            statusProperty().set("");
            Throwable cause = unwrap(failed);
            showError(Messages.get(demo ? "find.error.demo" : "find.error.config",
                    cause.getMessage() != null ? cause.getMessage() : ErrorMessages.of(cause)), cause);
            return;
        }
        config = ready;
        sweepAvailable.set(!ready.discovery().sweepSubnets().isEmpty());
        if (entered) {
            startDiscovery();
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public void enter() {
        entered = true;
        if (config == null) {
            if (errorProperty().get().isEmpty()) {
                searching.set(true);
                statusProperty().set(Messages.get(demo ? "find.status.startingDemo" : "find.status.starting"));
            }
            return;
        }
        startDiscovery();
    }

    private void startDiscovery() {
        if (discovery != null) {
            discovery.pauseRechecks(false); // back on this step: is every Zap listed still there?
            return;
        }
        discovery = discoveryFactory.get();
        boolean onLan = config.discovery().mdnsInterfaces().stream().anyMatch(a -> !a.isLoopbackAddress());
        if (os == Os.WINDOWS && onLan) {
            // Asked once, in the background: PowerShell takes a second or more to start. Not for loopback (demo).
            tasks.job(() -> WindowsNetworkProfile.anyPublic(os, PROFILE_TIMEOUT))
                    .onSuccess(this::networkProfileKnown)
                    .onFailure(ignored -> { })
                    .start();
        }
        searching.set(true);
        statusProperty().set(Messages.get("find.status.starting"));
        discovery.start(config.discovery(), new ZapDiscovery.Listener() {
            @Override
            public void zapUpdated(FoundZap zap) {
                tasks.onUiThread(() -> found(zap));
            }

            @Override
            public void sweepProgress(SubnetSweep.Progress progress) {
                tasks.onUiThread(() -> swept(progress));
            }

            @Override
            public void reportChanged(DiscoveryReport report) {
                tasks.onUiThread(() -> reported(report));
            }

            @Override
            public void recheckFailed(FoundZap zap, ZapException why) {
                tasks.onUiThread(() -> silentBecause(zap.serial(), why));
            }
        });
    }

    void reported(DiscoveryReport report) {
        lastReport = report;
        sweepRunning.set(report.sweepRunning());
        if (report.sweepRunning() && report.addressesToProbe() > 0) {
            swept(new SubnetSweep.Progress(report.addressesProbed(), report.addressesToProbe()));
        }
        if (zaps.isEmpty()) {
            statusProperty().set(report.multicastSent()
                    ? Messages.get("find.status.searching", report.mdnsInterfaces().size())
                    : Messages.get("find.status.noMulticast"));
        }
        nothingFound.set(zaps.isEmpty() && report.triedEverything() ? explain(report) : "");
        adviseOnLocalNetwork();
        if (!nothingFound.get().isEmpty()) {
            searching.set(false); // everything was tried; the explanation says what, a scan can be run again
        }
    }

    /** Windows said whether a connected network is set to Public. */
    void networkProfileKnown(Optional<Boolean> anyPublic) {
        publicNetwork = anyPublic;
        adviseOnLocalNetwork();
    }

    /**
     * The advice ends with what it was derived from (how many Zaps answered at their addresses, where mDNS listened),
     * so that it can stand in a customer's report.
     */
    private void adviseOnLocalNetwork() {
        LocalNetworkAccess.FindAdvice advice = LocalNetworkAccess.forFind(os, zaps, lastReport, publicNetwork);
        String text = ErrorMessages.localNetwork(advice);
        if (advice != LocalNetworkAccess.FindAdvice.NONE) {
            text += " " + Messages.get("find.advice.evidence", LocalNetworkAccess.answeredAtAddress(zaps),
                    String.join(", ", lastReport.mdnsInterfaces()));
        }
        localNetworkNotice.set(text);
    }

    /** What was tried and what to check, for a technician looking at an empty list. */
    static String explain(DiscoveryReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(Messages.get("find.none.title"));
        lines.add(report.multicastSent()
                ? Messages.get("find.none.mdns", String.join(", ", report.mdnsInterfaces()))
                : Messages.get("find.none.noMdns"));
        lines.add(report.zapLocalAnswered().orElse(false) ? Messages.get("find.none.zapLocalAnswered")
                : Messages.get("find.none.zapLocal"));
        lines.add(report.sweptSubnets().isEmpty() ? Messages.get("find.none.noSweep")
                : Messages.get("find.none.sweep", report.addressesProbed(), String.join(", ", report.sweptSubnets())));
        if (report.candidatesRejected() > 0) {
            lines.add(Messages.get("find.none.rejected", report.candidatesRejected()));
        }
        for (DiscoveryReport.UnansweredMdns record : report.unansweredMdns()) {
            lines.add(Messages.get("find.none.mdnsUnanswered", record.instanceName(), record.address(),
                    unansweredProblem(record)));
        }
        lines.add(Messages.get("find.none.check"));
        return String.join("\n", lines);
    }

    private static String unansweredProblem(DiscoveryReport.UnansweredMdns record) {
        return switch (record.problem()) {
            case UNREACHABLE -> Messages.get("find.none.mdnsUnanswered.refused");
            case TIMEOUT -> Messages.get("find.none.mdnsUnanswered.timeout");
            case REJECTED -> Messages.get("find.none.mdnsUnanswered.status", record.status());
            default -> Messages.get("find.none.mdnsUnanswered.broken");
        };
    }

    private void swept(SubnetSweep.Progress progress) {
        sweepProgress.set(progress.total() == 0 ? 0 : (double) progress.probed() / progress.total());
        sweepText.set(Messages.get("find.sweep.progress", progress.probed(), progress.total()));
    }

    void found(FoundZap zap) {
        int index = -1;
        for (int i = 0; i < zaps.size(); i++) {
            if (zaps.get(i).serial().equals(zap.serial())) {
                index = i;
            }
        }
        if (index >= 0) {
            zaps.set(index, zap);
        } else {
            zaps.add(zap);
            FXCollections.sort(zaps, Comparator.comparing(FoundZap::serial));
        }
        if (selected.get() != null && selected.get().serial().equals(zap.serial())) {
            selected.set(zap);
        }
        chooseByItself();
        nothingFound.set("");
        if (zap.answering()) {
            silentReasons.remove(zap.serial());
        }
        long answering = zaps.stream().filter(FoundZap::answering).count();
        if (answering > 0) {
            searching.set(false); // a Zap to work with: listening for more goes on quietly, as the status says
        }
        showFound();
        adviseOnLocalNetwork();
    }

    /**
     * Never picks the wrong Zap: a choice is made only where there is nothing to choose between (one answering Zap)
     * or in demo mode for the demo's own simulator; a second answering Zap undoes a choice this step made itself.
     * The technician's own choice stays.
     */
    private void chooseByItself() {
        FoundZap current = selected.get();
        if (current != null && !chosenByItself) {
            return;
        }
        if (demo) {
            // The demo's own simulator is given at start; another process's Zap is never the demo's.
            if (current == null) {
                zaps.stream().filter(z -> z.sources().contains(FoundZap.Source.KNOWN) && z.answering()).findFirst()
                        .ifPresent(this::chooseItself);
            }
            return;
        }
        if (current == null) {
            if (zaps.size() == 1 && zaps.get(0).answering()) {
                chooseItself(zaps.get(0));
            }
            return;
        }
        // Its own choice stays while it goes silent and comes back, and is undone once another Zap answers too.
        if (zaps.stream().anyMatch(z -> z.answering() && !z.serial().equals(current.serial()))) {
            chosenByItself = false;
            selected.set(null);
        }
    }

    private void chooseItself(FoundZap zap) {
        chosenByItself = true;
        selected.set(zap);
    }

    /** The technician chose this row (null: chose none). */
    public void choose(FoundZap zap) {
        if (zap == selected.get()) {
            return; // the table following this step's own choice
        }
        chosenByItself = false;
        selected.set(zap);
    }

    /** One short summary; each silent Zap's reason is in its own row ({@link #rowNote}). */
    private void showFound() {
        long answering = zaps.stream().filter(FoundZap::answering).count();
        statusProperty().set(answering == zaps.size() ? Messages.get("find.status.found", zaps.size())
                : Messages.get("find.status.foundSomeSilent", zaps.size(), zaps.size() - answering));
    }

    /**
     * What a row says beyond its columns: why a silent Zap is silent, or that a Zap's serial could not be confirmed
     * from {@code /api/crypto}; empty otherwise.
     */
    public String rowNote(FoundZap zap) {
        if (!zap.answering()) {
            String why = silentReasons.get(zap.serial());
            return why != null ? Messages.get("find.row.silentWhy", why) : Messages.get("find.row.silent");
        }
        return zap.serialConfirmed() ? "" : Messages.get("find.row.unconfirmed");
    }

    /** Changes whenever a row's note may have changed. */
    public ObservableMap<String, String> silentReasons() {
        return silentReasons;
    }

    /** Why a listed Zap's last re-check failed, in the technician's words, while it stays greyed. */
    void silentBecause(String serial, ZapException why) {
        // A Zap we confirmed before that now answers oddly is still that Zap: say what its answer was.
        ZapException shown = why.kind() == ZapException.Kind.NOT_A_ZAP && why.getCause() instanceof ZapException z ? z : why;
        String text = ErrorMessages.zap(shown, os);
        silentReasons.put(serial, text);
    }

    /** Sweeps the local subnet now, e.g. when mDNS is known not to work here. */
    public void sweepNow() {
        if (discovery != null) {
            discovery.sweepNow();
            sweepRunning.set(true);
        }
    }

    public void cancelSweep() {
        if (discovery != null) {
            discovery.cancelSweep();
        }
    }

    /** Checks the typed address now, e.g. "192.168.1.20" or "zap.local:8080". */
    public void checkTypedAddress() {
        if (!typedValid.get() || checking.get() || discovery == null) {
            return;
        }
        URI uri = ZapClient.baseUriOf(typedAddress.get());
        checking.set(true);
        clearError();
        ZapDiscovery d = discovery;
        typedCheck = tasks.job(() -> d.confirm(uri, FoundZap.Source.TYPED))
                .andFinally(() -> {
                    typedCheck = null;
                    checking.set(false);
                })
                .onSuccess(zap -> {
                    found(zap);
                    choose(zaps.stream().filter(z -> z.serial().equals(zap.serial())).findFirst().orElse(zap));
                })
                .onFailure(e -> showError(Messages.get("find.error.typed", typedAddress.get(),
                        ErrorMessages.of(e, os)), e))
                .start();
    }

    static boolean isValidAddress(String text) {
        if (text == null || text.isBlank() || text.strip().contains(" ")) {
            return false;
        }
        try {
            URI uri = ZapClient.baseUriOf(text);
            return uri.getHost() != null && (uri.getPort() == -1 || (uri.getPort() > 0 && uri.getPort() <= 65535));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void next(Runnable proceed) {
        FoundZap zap = selected.get();
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), zap.firmwareVersion(),
                zap.serialConfirmed()));
        proceed.run();
    }

    /** Past this step the chosen Zap is polled by the step that uses it; the list's Zaps are not asked meanwhile. */
    @Override
    public void leave() {
        entered = false;
        if (discovery != null) {
            discovery.pauseRechecks(true);
        }
    }

    /** Esc: stops the scan and the check of a typed address. */
    @Override
    public void cancel() {
        cancelSweep();
        if (typedCheck != null) {
            typedCheck.cancel();
        }
    }

    /**
     * Stops discovery at once (so the demo's simulators can stop after it without a confirmation reporting them
     * gone); closing jmDNS takes seconds, so that happens in the background.
     */
    public void shutdown() {
        entered = false; // a configuration arriving later starts nothing
        ZapDiscovery d = discovery;
        discovery = null;
        if (d != null) {
            d.stop();
            // Nobody waits for it, and a failure to close on the way out has nothing to tell.
            tasks.job(() -> {
                d.close();
                return null;
            }).onFailure(ignored -> { }).start();
        }
    }

    public DiscoveryReport lastReport() {
        return lastReport;
    }

    public ObservableList<FoundZap> zaps() {
        return zaps;
    }

    public ObjectProperty<FoundZap> selectedProperty() {
        return selected;
    }

    public StringProperty typedAddressProperty() {
        return typedAddress;
    }

    public BooleanBinding typedAddressValidProperty() {
        return typedValid;
    }

    public StringProperty typedProblemProperty() {
        return typedProblem;
    }

    public StringProperty localNetworkNoticeProperty() {
        return localNetworkNotice;
    }

    public StringProperty nothingFoundProperty() {
        return nothingFound;
    }

    public BooleanProperty searchingProperty() {
        return searching;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanProperty sweepRunningProperty() {
        return sweepRunning;
    }

    public BooleanProperty sweepAvailableProperty() {
        return sweepAvailable;
    }

    public DoubleProperty sweepProgressProperty() {
        return sweepProgress;
    }

    public StringProperty sweepTextProperty() {
        return sweepText;
    }
}
