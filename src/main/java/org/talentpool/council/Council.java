package org.talentpool.council;

/** A council in the register. Status: known (imported), pending (asked to join), approved, suspended, rejected. */
public record Council(long id, String code, String name, String shortName, String nation, String councilType,
                      Status status, String statusReason) {

    public enum Status {
        KNOWN, PENDING, APPROVED, SUSPENDED, REJECTED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromDb(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean approved() {
        return status == Status.APPROVED;
    }
}
