package com.sourceful.commissioner.ui.common;

/** How a verdict line is shown: plain, ok, warning or failed (the {@code .verdict} rules of app.css). */
public enum Tone { NONE, OK, WARNING, ERROR }
