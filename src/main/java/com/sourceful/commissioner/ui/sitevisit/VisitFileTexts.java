package com.sourceful.commissioner.ui.sitevisit;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.visit.VisitFile;
import com.sourceful.commissioner.visit.VisitFileException;
import com.sourceful.commissioner.visit.VisitFileProblem;

/** Why a visit file could not be opened, in the technician's language, naming the field where one is to blame. */
final class VisitFileTexts {

    private VisitFileTexts() {
    }

    /** "The field session.visits[2].device.sn is missing." / "This file is not a visit file of Zap Commissioner." */
    static String whyNotOpened(Throwable e) {
        if (e instanceof VisitFileException v) {
            VisitFileProblem p = VisitFileProblem.of(v);
            return switch (p.kind()) {
                case NOT_A_VISIT -> Messages.get("visit.file.notAVisit");
                case NEWER_VERSION -> Messages.get("visit.file.newer", p.detail());
                case TOO_LARGE -> Messages.get("visit.file.tooLarge", VisitFile.MAX_FILE_BYTES / (1024 * 1024));
                case MISSING -> Messages.get("visit.file.field.missing", p.path());
                case WRONG_TYPE -> Messages.get("visit.file.field.wrongType", p.path());
                case OUT_OF_BOUNDS -> Messages.get("visit.file.field.outOfBounds", p.path());
                case UNKNOWN_VALUE -> Messages.get("visit.file.field.unknownValue", p.path());
                case MALFORMED -> p.path().isEmpty() ? Messages.get("visit.file.malformed")
                        : Messages.get("visit.file.field.malformed", p.path());
                case OTHER -> Messages.get("visit.file.field.other", p.path().isEmpty() ? "?" : p.path(), p.detail());
            };
        }
        if (e instanceof NoSuchFileException) {
            return Messages.get("visit.file.gone");
        }
        if (e instanceof AccessDeniedException) {
            return Messages.get("visit.file.denied");
        }
        return ErrorMessages.fileNotWritten(e);
    }
}
