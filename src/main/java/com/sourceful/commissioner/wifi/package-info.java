/** A Zap's Wi-Fi: scan, signal verdicts and sampling, and following a Zap to its new network by serial. */
package com.sourceful.commissioner.wifi;
