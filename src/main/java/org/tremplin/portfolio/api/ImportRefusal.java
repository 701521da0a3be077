package org.tremplin.portfolio.api;

/** A row the import refused and stored nothing for: the file, its row number (the header is row 1) and why. */
public record ImportRefusal(String sourceFile, int sourceRow, String reason) {
}
