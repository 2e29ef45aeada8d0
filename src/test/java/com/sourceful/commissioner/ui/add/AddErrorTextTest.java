package com.sourceful.commissioner.ui.add;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NoRouteToHostException;

import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;

/** The Add step's words for a Zap it cannot reach: on macOS, where to allow the app; elsewhere, "not reachable". */
class AddErrorTextTest {

    private static final ZapException NO_ROUTE = new ZapException(ZapException.Kind.UNREACHABLE, "POST /api/devices",
            0, "NoRouteToHostException", null, new NoRouteToHostException("No route to host"));

    @Test
    void noRouteToHostOnMacosIsTheLocalNetworkSettingInBothLanguages() {
        try {
            Messages.setLanguage("en");
            assertThat(AddErrorText.describe(NO_ROUTE, Os.MACOS))
                    .contains("System Settings → Privacy & Security → Local Network");
            assertThat(AddErrorText.describe(NO_ROUTE, Os.WINDOWS)).isEqualTo(Messages.get("error.zap.unreachable"));
            Messages.setLanguage("sv");
            assertThat(AddErrorText.describe(NO_ROUTE, Os.MACOS)).contains("Lokalt nätverk");
            assertThat(AddErrorText.describe(NO_ROUTE, Os.LINUX)).isEqualTo(Messages.get("error.zap.unreachable"));
        } finally {
            Messages.setLanguage(null);
        }
    }
}
