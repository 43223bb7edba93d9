package vn.vietqr;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One bank of the directory compiled into libvietqr (vqr_bank). */
public final class Bank {
    private final String bin;
    private final String shortName;
    private final String name;
    private final String swift;

    Bank(String bin, byte[] shortName, byte[] name, String swift) {
        this.bin = bin;
        this.shortName = new String(shortName, StandardCharsets.UTF_8);
        this.name = new String(name, StandardCharsets.UTF_8);
        this.swift = swift;
    }

    /** BIN used in 38.01.00: six digits, "970436". */
    public String bin() { return bin; }
    /** Short name as bank apps show it: "Vietcombank". */
    public String shortName() { return shortName; }
    /** Full Vietnamese name. */
    public String name() { return name; }
    /** SWIFT/BIC, or null when the bank has none. */
    public String swift() { return swift; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bank && ((Bank) o).bin.equals(bin) && ((Bank) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bin, name);
    }

    @Override
    public String toString() {
        return bin + " " + shortName;
    }
}
