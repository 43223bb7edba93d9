package vn.vietqr;

import java.util.Map;

/**
 * One bank transaction to reconcile: an ID, a date ("YYYY-MM-DD HH:MM:SS"
 * or "DD/MM/YYYY ..."), an amount in dong (negative for money out) and the
 * description as the bank delivered it.
 */
public final class Transaction {
    private final String id;
    private final String date;
    private final long amount;
    private final String memo;

    public Transaction(String id, String date, long amount, String memo) {
        this.id = id == null ? "" : id;
        this.date = date == null ? "" : date;
        this.amount = amount;
        this.memo = memo == null ? "" : memo;
    }

    public String id() { return id; }
    public String date() { return date; }
    public long amount() { return amount; }
    public String memo() { return memo; }

    private static Object get(Map<String, ?> m, String... keys) {
        for (String k : keys) {
            Object v = m.get(k);
            if (v != null)
                return v;
        }
        return null;
    }

    private static String text(Object v) {
        if (v == null)
            return "";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d))
                return Long.toString((long) d);
        }
        return v.toString();
    }

    private static long amount(Object v, String what) {
        if (v == null)
            return 0;
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            long l = ((Number) v).longValue();
            if (d != (double) l)
                throw new IllegalArgumentException(what + " is not a whole number of dong: " + v);
            return l;
        }
        if (v instanceof CharSequence)
            return VietQR.parseBankAmount(v.toString());
        throw new IllegalArgumentException(what + " must be a number or a string: " + v);
    }

    /**
     * A transaction from a webhook event as a JSON library gives it (a Map):
     * a SePay event (id, transactionDate, content, transferType "in" or
     * "out", transferAmount), a Casso transaction (id, when, description,
     * amount, negative for debits), or a map with id, date, amount and memo.
     */
    public static Transaction fromEvent(Map<String, ?> e) {
        if (e.get("transferType") != null || e.get("transferAmount") != null) {
            String type = text(e.get("transferType"));
            if (type.isEmpty())
                type = "in";
            if (!type.equals("in") && !type.equals("out"))
                throw new IllegalArgumentException("transferType must be \"in\" or \"out\": " + type);
            long a = amount(e.get("transferAmount"), "transferAmount");
            if (type.equals("out") && a > 0)
                a = -a;
            String memo = text(e.get("content"));
            if (memo.isEmpty())
                memo = text(e.get("description"));
            return new Transaction(text(e.get("id")), text(e.get("transactionDate")), a, memo);
        }
        if (e.get("when") != null && e.get("date") == null)
            return new Transaction(text(get(e, "id", "tid")), text(e.get("when")),
                                   amount(e.get("amount"), "amount"), text(e.get("description")));
        return new Transaction(text(get(e, "id", "transaction_id")),
                               text(get(e, "date", "transactionDate", "when")),
                               amount(e.get("amount"), "amount"),
                               text(get(e, "memo", "description", "content")));
    }
}
