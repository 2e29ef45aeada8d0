package com.sourceful.commissioner.ui.done;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.report.ReportData;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.report.SupportBundle;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Done step's report and bundle commands, without a window: saved, or a clear message and nothing written. */
class DoneViewModelTest {

    @TempDir
    Path dir;

    private DoneViewModel viewModel() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP9", URI.create("http://127.0.0.1:8080"), "1.0"));
        s.deviceAdded(new CommissioningSession.Device("SG1", "sungrow", "inverters", "Sungrow",
                DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1")), List.of(new Der("pv", true))));
        s.provisioned(new ProvisionResult(true, "dev-1", "SG1", "sit-1", "active", List.of()));
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 26, 1, 30, 0, 0, ZoneId.of("UTC"));
        return new DoneViewModel(s, Tasks.currentThread(), new DoneViewModel.Sources() {
            @Override
            public ReportData reportData() {
                return ReportData.of(s, at, "0.1.0", new ReportTexts(Messages.bundle(), Messages.locale()));
            }

            @Override
            public SupportBundle.Contents bundleContents() {
                return new SupportBundle.Contents(reportData(), "test", List.of(), List.of(), List.of(), "en", at);
            }
        });
    }

    @Test
    void savesTheReportAndTheBundleAndSaysWhere() {
        DoneViewModel vm = viewModel();
        vm.enter();
        assertThat(vm.suggestedReportName()).isEqualTo("zap-ZAP9-20261126-0130.pdf");
        assertThat(vm.suggestedBundleName()).isEqualTo("zap-support-ZAP9-20261126-0130.zip");
        Path pdf = dir.resolve(vm.suggestedReportName());
        vm.exportReport(pdf);
        assertThat(pdf).isNotEmptyFile();
        assertThat(vm.statusProperty().get()).isEqualTo("Report saved: " + pdf.toAbsolutePath());
        assertThat(vm.exportingProperty().get()).isFalse();
        Path zip = dir.resolve(vm.suggestedBundleName());
        vm.exportBundle(zip);
        assertThat(zip).isNotEmptyFile();
        assertThat(vm.statusProperty().get()).isEqualTo("Support bundle saved: " + zip.toAbsolutePath());
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void aFolderThatIsNotThereIsAClearMessageAndNothingIsWritten() throws Exception {
        DoneViewModel vm = viewModel();
        vm.enter();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path target = file.resolve("r.pdf");
        vm.exportReport(target);
        assertThat(vm.errorProperty().get()).isEqualTo("The report could not be saved as " + target.toAbsolutePath()
                + ": That folder does not exist (any more). Nothing was written there; choose another folder and try again.");
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.exportingProperty().get()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        vm.exportBundle(target.resolveSibling("b.zip"));
        assertThat(vm.errorProperty().get()).startsWith("The support bundle could not be saved as ");
    }

    @Test
    void reasonsAreWords() {
        assertThat(DoneViewModel.reason(new AccessDeniedException("/x"))).isEqualTo(
                "This computer does not allow writing in that folder.");
        assertThat(DoneViewModel.reason(new IOException("No space left on device"))).isEqualTo("The disk is full.");
        assertThat(DoneViewModel.reason(new IOException("boom"))).isEqualTo("The computer said: boom.");
    }

    @Test
    void aFileAnotherProgramHeldIsSaidSoNotThatWritingIsNotAllowed() {
        Path report = Path.of("report.pdf");
        assertThat(DoneViewModel.reason(new AtomicFiles.FileInUseException(report, new AccessDeniedException("x"))))
                .isEqualTo("Another program (perhaps an antivirus scan) has the file open. Try again in a moment.");
    }
}
