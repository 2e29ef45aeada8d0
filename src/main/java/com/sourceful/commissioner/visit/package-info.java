/** The site visit as a record: saved after every change, resumed after a crash, kept in a bounded history. */
package com.sourceful.commissioner.visit;
