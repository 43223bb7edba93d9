package vn.vietqr.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import vn.vietqr.CrcCheck;
import vn.vietqr.Diagnostic;
import vn.vietqr.Payload;
import vn.vietqr.PayloadObject;
import vn.vietqr.Profile;
import vn.vietqr.Severity;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRException;

/**
 * Tests of the Java binding (JUnit 5), driven by tests/data/vectors.json and
 * tests/data/expectations.json (the data of the C suite), then exact error
 * fields, building, editing, the tree, CRC helpers and the status codes
 * against include/vietqr.h (through tests/layout.c), the profiles and the
 * rendering (ProfileTests, RenderTests). Each group is a test factory whose
 * dynamic tests carry the names the checks had before.
 *
 * Environment: VQR_TEST_DATA (the JSON directory), VQR_SOURCE_ROOT (the
 * repository), VQR_LAYOUT (the layout program); the JNI library comes from
 * the system property vietqr.jni.library, else from vietqr.jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public final class VietQRTest {
    static final String NAPAS = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
        + "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E";
    static final String[][] NAPAS_PARTS = {
        {"62.08", "thanh toan don hang"}, {"58", "VN"}, {"38.01.01", "0011012345678"},
        {"38.00", "A000000727"}, {"54", "180000"}, {"38.02", "QRIBFTTA"},
        {"38.01.00", "970403"}, {"53", "704"}, {"01", "12"}, {"62.01", "NPS6869"},
    };

    interface Body {
        void run() throws Exception;
    }

    private final Map<String, Body> tests = new LinkedHashMap<>();
    private List<Object> vectors;
    private List<Object> expect;
    private Path root;

    // --- assertions -------------------------------------------------------

    static void check(boolean cond, String what) {
        Assertions.assertTrue(cond, what);
    }

    static void eq(Object got, Object want, String what) {
        Assertions.assertEquals(want, got, what);
    }

    static VietQRException raises(Body b, String what) {
        return Assertions.assertThrows(VietQRException.class, b::run, what);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static String withCrc(String body) {
        String text = body + "6304";
        return text + String.format("%04X", VietQR.crc16(text));
    }

    // --- data ---------------------------------------------------------------

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    @BeforeAll
    void load() throws IOException {
        root = Paths.get(env("VQR_SOURCE_ROOT", "."));
        Path data = Paths.get(env("VQR_TEST_DATA", root.resolve("tests/data").toString()));
        vectors = list(Json.parse(Files.readString(data.resolve("vectors.json"), StandardCharsets.UTF_8)));
        expect = list(obj(Json.parse(Files.readString(data.resolve("expectations.json"),
                                                      StandardCharsets.UTF_8))).get("vectors"));
        if (vectors.size() < 90 || vectors.size() != expect.size())
            throw new IllegalStateException("vectors.json and expectations.json do not agree");
    }

    // --- vectors --------------------------------------------------------------

    private static void checkDiags(List<Diagnostic> got, List<Object> want, String where) {
        eq(got.size(), want.size(), where + " count " + got);
        for (int k = 0; k < got.size(); k++) {
            Diagnostic d = got.get(k);
            Map<String, Object> w = obj(want.get(k));
            String at = where + " #" + k;
            eq(d.name(), w.get("code"), at + " code");
            eq(d.offset(), w.get("offset"), at + " offset");
            eq(d.charOffset(), w.get("char_offset"), at + " char_offset");
            eq(d.tag(), w.get("tag"), at + " tag");
            eq(VietQR.statusName(d.code()), d.name(), at + " name");
            eq(d.message(), VietQR.message(d.code()), at + " message");
            eq(d.messageVi(), VietQR.messageVi(d.code()), at + " message_vi");
        }
    }

    private static List<Diagnostic> only(List<Diagnostic> all, Severity s) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : all)
            if (d.severity() == s)
                out.add(d);
        return out;
    }

    private void vectorExpectations(int i) throws Exception {
        String payload = (String) obj(vectors.get(i)).get("payload");
        Map<String, Object> ex = obj(expect.get(i));
        eq(ex.get("index"), (long) i, "index");
        for (String mode : new String[] {"strict", "lenient", "default"}) {
            Map<String, Object> want = obj(ex.get(mode));
            Profile profile = mode.equals("strict") ? Profile.EMVCO
                              : mode.equals("lenient") ? Profile.LENIENT : null;
            String where = "vector " + i + " " + mode;
            List<Diagnostic> diags;
            if ("VQR_OK".equals(want.get("status"))) {
                try (Payload p = Payload.parse(payload, profile)) {
                    eq(p.profile().label(),
                       want.containsKey("profile") ? want.get("profile") : profile.label(),
                       where + " profile");
                    diags = p.diagnostics();
                    eq(p.errorCount(), (long) only(diags, Severity.ERROR).size(), where + " errors");
                    eq(p.warningCount(), (long) only(diags, Severity.WARNING).size(), where + " warnings");
                    eq(p.diagnosticCount(), (long) diags.size(), where + " all");
                }
            } else {
                VietQRException e = raises(() -> Payload.parse(payload, profile), where);
                Map<String, Object> first = obj(list(want.get("errors")).get(0));
                eq(e.name(), want.get("status"), where + " status");
                eq(VietQR.statusName(e.code()), e.name(), where + " code");
                eq(e.offset(), first.get("offset"), where + " offset");
                eq(e.charOffset(), first.get("char_offset"), where + " char_offset");
                eq(e.tag(), first.get("tag"), where + " tag");
                eq(e.message(), VietQR.message(e.code()), where + " message");
                eq(e.messageVi(), VietQR.messageVi(e.code()), where + " message_vi");
                diags = e.diagnostics();
            }
            checkDiags(only(diags, Severity.ERROR), list(want.get("errors")), where + " errors");
            checkDiags(only(diags, Severity.WARNING), list(want.get("warnings")), where + " warnings");
            // The same bytes as byte[] give the same diagnostics.
            List<Diagnostic> again;
            try (Payload p = Payload.parse(payload.getBytes(StandardCharsets.UTF_8), profile)) {
                again = p.diagnostics();
            } catch (VietQRException e) {
                again = e.diagnostics();
            }
            eq(again, diags, where + " as bytes");
        }
    }

    private void vectorCrc(int i) throws Exception {
        Map<String, Object> v = obj(vectors.get(i));
        String payload = (String) v.get("payload");
        byte[] raw = payload.getBytes(StandardCharsets.UTF_8);
        String computed = (String) v.get("crc_computed");
        boolean crcOk = Boolean.TRUE.equals(v.get("crc_ok"));
        CrcCheck c = VietQR.crcCheck(payload);
        if (computed != null && raw.length >= 8
            && new String(raw, raw.length - 8, 4, StandardCharsets.US_ASCII).equals("6304")) {
            eq(c.expected(), computed, "expected");
            eq(c.ok(), crcOk, "ok");
            eq(c.name(), crcOk ? "VQR_OK" : "VQR_ERR_CRC_MISMATCH", "status");
            byte[] body = java.util.Arrays.copyOf(raw, raw.length - 4);
            eq(VietQR.crc16(body), Integer.parseInt(computed, 16), "crc16");
        }
        if (crcOk && "VQR_OK".equals(obj(obj(expect.get(i)).get("lenient")).get("status"))) {
            try (Payload p = Payload.parse(payload, true)) {
                eq(p.crc().given(), v.get("crc_given"), "given");
                eq(p.crc().computed(), computed, "computed");
                check(p.crc().ok(), "crc ok");
            }
        }
    }

    private static void walk(List<PayloadObject> objs, List<PayloadObject> out) {
        for (PayloadObject o : objs) {
            out.add(o);
            walk(o.children(), out);
        }
    }

    private void vectorRoundTrip(int i) throws Exception {
        String payload = (String) obj(vectors.get(i)).get("payload");
        Object rt = obj(expect.get(i)).get("roundtrip");
        if (rt == null) {
            check(!"VQR_OK".equals(obj(obj(expect.get(i)).get("lenient")).get("status")),
                  "no round trip for a readable payload");
            return;
        }
        try (Payload p = Payload.parse(payload, true)) {
            String out = p.write(true);
            if (rt.equals("char-lengths")) {
                // Read with byte lengths: written back with character lengths,
                // which read without the warning and give the same values.
                check(!out.equals(payload), "re-encoded");
                try (Payload q = Payload.parse(out, true)) {
                    for (Diagnostic d : q.diagnostics())
                        check(!d.name().equals("VQR_ERR_BYTE_LENGTHS"), "no byte-length warning");
                    List<PayloadObject> a = new ArrayList<>(), b = new ArrayList<>();
                    walk(p.objects(), a);
                    walk(q.objects(), b);
                    eq(b.size(), a.size(), "objects");
                    for (int k = 0; k < a.size(); k++) {
                        eq(b.get(k).tag(), a.get(k).tag(), "tag " + k);
                        if (!a.get(k).isTemplate() && a.get(k).id() != 63)
                            eq(b.get(k).value(), a.get(k).value(), a.get(k).tag());
                    }
                    check(p.get("62.08") != null && p.get("62.08").equals(q.get("62.08")), "62.08");
                }
                return;
            }
            if (rt.equals("same")) {
                eq(out, payload, "keep order");
            } else if (rt.equals("char-lengths")) {
                // Read with byte lengths: written back with character lengths.
                check(!out.equals(payload), "re-encoded");
                try (Payload q = Payload.parse(out, true)) {
                    eq(q.get("62.08"), p.get("62.08"), "62.08 after re-encoding");
                }
            } else {
                eq(rt, "crc-upper", "roundtrip kind");
                eq(out, payload.substring(0, payload.length() - 4)
                        + payload.substring(payload.length() - 4).toUpperCase(), "keep order");
            }
            String canon;
            try {
                canon = p.write(false);
            } catch (VietQRException e) {
                eq(e.name(), "VQR_ERR_ZERO_LENGTH", "canonical"); // vector 78
                return;
            }
            List<PayloadObject> all = new ArrayList<>();
            walk(p.objects(), all);
            try (Payload q = Payload.parse(canon, true)) {
                for (PayloadObject o : all)
                    if (o.id() != 63 && !o.isTemplate())
                        eq(q.get(o.tag()), o.value(), "canonical " + o.tag());
            }
        }
    }

    // --- chosen inputs --------------------------------------------------------

    private void addErrorTests() {
        tests.put("crc_mismatch_after_vietnamese_text", () -> {
            String good = withCrc("000201010211" + "26120008com.test" + "5204806253037045802VN"
                                  + "5906BV BAN6006HA NOI" + "64190002vi0109Bệnh viện");
            String bad = good.substring(0, good.length() - 4) + (good.endsWith("0000") ? "1111" : "0000");
            VietQRException e = raises(() -> Payload.parse(bad), "mismatch");
            int nbytes = good.getBytes(StandardCharsets.UTF_8).length;
            eq(e.name(), "VQR_ERR_CRC_MISMATCH", "name");
            eq(e.offset(), (long) nbytes - 8, "offset");
            eq(e.charOffset(), (long) good.length() - 8, "char_offset");
            eq(e.tag(), "63", "tag");
            eq(e.message(), "the CRC does not match the payload", "message");
            eq(e.messageVi(), "CRC không khớp với nội dung payload", "message_vi");
            check(e.getMessage().startsWith("VQR_ERR_CRC_MISMATCH at byte " + (nbytes - 8)), e.getMessage());
            try (Payload p = Payload.parse(good)) {
                eq(p.get("64.01"), "Bệnh viện", "64.01");
                eq(p.diagnostics().size(), 0, "diagnostics");
            }
        });
        tests.put("duplicate_id_reports_both_offsets", () -> {
            String text = withCrc("00020101021126120008com.test5204806253037045802VN"
                                  + "5906BV BAN6006HA NOI5802VN");
            VietQRException e = raises(() -> Payload.parse(text, true), "duplicate");
            eq(e.name(), "VQR_ERR_DUPLICATE_ID", "name");
            eq(e.tag(), "58", "tag");
            eq(e.offset(), 69L, "offset");
            eq(e.relatedOffset(), 43L, "related");
        });
        tests.put("lone_surrogate_is_utf8_error_at_its_offset", () -> {
            VietQRException e = raises(() -> Payload.parse("000201\ud800"), "surrogate");
            eq(e.name(), "VQR_ERR_UTF8", "name");
            eq(e.offset(), 6L, "offset");
            eq(e.charOffset(), 6L, "char_offset");
            eq(e.tag(), "", "tag");
            byte[] raw = {'0', '0', '0', '2', '0', '1', '0', '1', '0', '2', '1', (byte) 0xFF};
            eq(raises(() -> Payload.parse(raw, false), "0xFF").offset(), 11L, "0xFF offset");
        });
        tests.put("set_too_long_reports_limit_and_changes_nothing", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                VietQRException e = raises(() -> p.set("62.08", "x".repeat(26)), "too long");
                eq(e.name(), "VQR_ERR_LENGTH", "name");
                eq(e.tag(), "62.08", "tag");
                eq(e.limit(), 25L, "limit");
                eq(p.get("62.08"), "thanh toan don hang", "unchanged");
                eq(p.write(true), NAPAS, "bytes");
            }
        });
        tests.put("bad_paths", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                for (String path : new String[] {"6.2", "620", "62.", "", "62\0.08", "６２",
                                                 "62.08.01.02.03.04"}) {
                    VietQRException e = raises(() -> p.get(path), "get " + path);
                    eq(e.name(), "VQR_ERR_BAD_PATH", path);
                    eq(e.offset(), -1L, path + " offset");
                    eq(raises(() -> p.set(path, "x"), "set " + path).name(), "VQR_ERR_BAD_PATH", path);
                    eq(raises(() -> p.remove(path), "remove " + path).name(), "VQR_ERR_BAD_PATH", path);
                }
            }
        });
        tests.put("get_missing_and_changed_template", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                eq(p.get("62.05"), null, "missing");
                eq(p.get("62"), "0107NPS68690819thanh toan don hang", "template");
                p.set("62.05", "REF1");
                VietQRException e = raises(() -> p.get("62"), "changed");
                eq(e.name(), "VQR_ERR_IS_TEMPLATE", "name");
                eq(e.tag(), "62", "tag");
            }
        });
        tests.put("set_template_and_crc", () -> {
            try (Payload p = new Payload()) {
                VietQRException e = raises(() -> p.set("62", "0104ABCD"), "template");
                eq(e.name(), "VQR_ERR_IS_TEMPLATE", "name");
                eq(e.tag(), "62", "tag");
                eq(raises(() -> p.set("63", "ABCD"), "crc").name(), "VQR_ERR_INVALID_ARGUMENT", "63");
            }
        });
        tests.put("remove", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                check(p.remove("54"), "removed");
                check(!p.remove("54"), "gone");
                eq(p.get("54"), null, "54");
            }
        });
        tests.put("write_errors_name_the_template", () -> {
            try (Payload p = new Payload()) {
                for (int k = 0; k < 4; k++)
                    p.set("62.0" + (k + 1), String.valueOf((char) ('A' + k)).repeat(25));
                VietQRException e = raises(() -> p.write(), "too long");
                eq(e.name(), "VQR_ERR_TEMPLATE_TOO_LONG", "name");
                eq(e.tag(), "62", "tag");
                eq(e.limit(), 99L, "limit");
                eq(e.offset(), -1L, "offset");
                p.remove("62.04");
                check(p.write().contains("62870125" + "A".repeat(25)), "62");
                p.remove("00");
                VietQRException m = raises(() -> p.write(), "no 00");
                eq(m.name(), "VQR_ERR_MISSING", "name");
                eq(m.tag(), "00", "tag");
            }
        });
        tests.put("template_emptied_by_remove_is_dropped", () -> {
            try (Payload p = new Payload()) {
                p.set("26.00", "com.test");
                p.remove("26.00");
                eq(p.write(), withCrc("000201"), "written");
            }
        });
        tests.put("missing_crc_and_too_large", () -> {
            eq(raises(() -> Payload.parse("000201"), "short").name(), "VQR_ERR_CRC_MISSING", "short");
            VietQRException e = raises(() -> Payload.parse("0".repeat(5000)), "large");
            eq(e.name(), "VQR_ERR_INPUT_TOO_LARGE", "large");
            eq(e.limit(), 2048L, "limit");
        });
        tests.put("warnings_in_lenient_mode", () -> {
            String lower = NAPAS.substring(0, NAPAS.length() - 4) + "2e2e";
            try (Payload p = Payload.parse(lower, true)) {
                boolean seen = false;
                for (Diagnostic d : p.diagnostics()) {
                    check(d.isWarning(), d.toString());
                    seen |= d.name().equals("VQR_ERR_CRC_LOWERCASE") && d.tag().equals("63");
                }
                check(seen, "lower-case CRC warning");
            }
            eq(raises(() -> Payload.parse(lower), "strict").name(), "VQR_ERR_CRC_LOWERCASE", "strict");
        });
        tests.put("null_arguments", () -> {
            try (Payload p = new Payload()) {
                boolean npe = false;
                try {
                    p.set("54", (byte[]) null);
                } catch (NullPointerException e) {
                    npe = true;
                }
                check(npe, "null value");
            }
        });
    }

    private void addBuildTests() {
        tests.put("napas_example_from_parts", () -> {
            try (Payload p = new Payload()) {
                for (String[] kv : NAPAS_PARTS)
                    p.set(kv[0], kv[1]);
                eq(p.write(), NAPAS, "canonical");
                eq(p.get("38.01.00"), "970403", "get");
                p.remove("54");
                p.remove("62");
                p.set("01", "11");
                eq(p.write(), "00020101021138570010A00000072701270006970403011300110123456780208"
                              + "QRIBFTTA53037045802VN63049E6F", "static");
            }
        });
        tests.put("vietnamese_text_counts_characters", () -> {
            try (Payload p = new Payload()) {
                String[][] kv = {{"26.00", "com.test"}, {"52", "8062"}, {"53", "704"}, {"58", "VN"},
                                 {"59", "BENH VIEN BACH MAI"}, {"60", "HA NOI"},
                                 {"64.01", "Bệnh viện Bạch Mai"}, {"64.00", "vi"}};
                for (String[] x : kv)
                    p.set(x[0], x[1]);
                String out = p.write();
                eq(out, withCrc("00020126120008com.test520480625303704"
                                + "5802VN5918BENH VIEN BACH MAI6006HA NOI"
                                + "64280002vi0118Bệnh viện Bạch Mai"), "written");
                try (Payload q = Payload.parse(out)) {
                    List<PayloadObject> all = new ArrayList<>();
                    walk(q.objects(), all);
                    PayloadObject crc = all.get(all.size() - 1);
                    eq(crc.tag(), "63", "last");
                    eq(crc.offset() - crc.charOffset(),
                       (long) "Bệnh viện Bạch Mai".getBytes(StandardCharsets.UTF_8).length - 18, "offsets");
                }
            }
        });
        tests.put("supplementary_characters_round_trip", () -> {
            try (Payload p = new Payload()) {
                p.set("26.00", "A000000775");  // someone to pay, in a currency: lenient reads it
                p.set("26.01", "0102154778");
                p.set("53", "704");
                p.set("64.00", "vi");
                p.set("64.01", "Quán \uD83C\uDF5C");  // a character outside the BMP
                String out = p.write();
                check(out.contains("0106Quán \uD83C\uDF5C"), out);  // 6 code points, 10 bytes
                try (Payload q = Payload.parse(out, true)) {
                    eq(q.get("64.01"), "Quán \uD83C\uDF5C", "value");
                }
            }
        });
        tests.put("edit_keeps_untouched_bytes", () -> {
            String lower = NAPAS.substring(0, NAPAS.length() - 4) + "2e2e";
            try (Payload p = Payload.parse(lower, true)) {
                p.set("54", "150000");
                String out = p.write(true);
                eq(out.substring(0, out.length() - 4),
                   NAPAS.substring(0, NAPAS.length() - 4).replace("5406180000", "5406150000"), "bytes");
                check(VietQR.crcCheck(out).ok(), "crc");
            }
        });
        tests.put("tree", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                List<PayloadObject> roots = p.objects();
                List<String> tags = new ArrayList<>();
                for (PayloadObject o : roots)
                    tags.add(o.tag());
                eq(tags, List.of("00", "01", "38", "53", "54", "58", "62", "63"), "roots");
                PayloadObject t38 = roots.get(2);
                check(t38.isTemplate(), "38 is a template");
                eq(t38.offset(), 12L, "38 offset");
                eq(t38.children().size(), 3, "38 children");
                PayloadObject acct = t38.children().get(1).children().get(1);
                eq(acct.tag(), "38.01.01", "tag");
                eq(acct.depth(), 2, "depth");
                eq(acct.value(), "0011012345678", "value");
                List<PayloadObject> all = new ArrayList<>();
                walk(roots, all);
                eq(all.size(), 15, "objects");
                p.set("62.05", "X");
                PayloadObject t62 = p.objects().get(6);
                eq(t62.value(), null, "changed template value");
                PayloadObject added = t62.children().get(t62.children().size() - 1);
                eq(added.tag(), "62.05", "added");
                eq(added.offset(), -1L, "added offset");
            }
        });
        tests.put("crc_helpers", () -> {
            eq(VietQR.crc16("123456789".getBytes(StandardCharsets.US_ASCII)), 0x29B1, "check value");
            eq(VietQR.crc16(new byte[0]), 0xFFFF, "empty");
            CrcCheck c = VietQR.crcCheck(NAPAS);
            check(c.ok(), "ok");
            eq(c.expected(), "2E2E", "expected");
            CrcCheck bad = VietQR.crcCheck(NAPAS.substring(0, NAPAS.length() - 1) + "F");
            eq(bad.name(), "VQR_ERR_CRC_MISMATCH", "mismatch");
            eq(bad.expected(), "2E2E", "mismatch expected");
            eq(VietQR.crcCheck("12").name(), "VQR_ERR_CRC_MISSING", "missing");
            eq(VietQR.crcCheck("12").expected(), "", "missing expected");
        });
        tests.put("close", () -> {
            Payload p = Payload.parse(NAPAS, true);
            p.close();
            p.close();
            boolean threw = false;
            try {
                p.get("54");
            } catch (IllegalStateException e) {
                threw = true;
            }
            check(threw, "use after close");
            eq(p.toString(), "Payload(closed)", "toString");
        });
        tests.put("threads_share_a_payload_safely", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread[] ts = new Thread[4];
                for (int n = 0; n < ts.length; n++) {
                    final int id = n;
                    ts[n] = new Thread(() -> {
                        try {
                            for (int k = 0; k < 40; k++) {
                                p.set("62.05", String.format("T%d-%02d", id, k));
                                check(VietQR.crcCheck(p.write()).ok(), "crc");
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    });
                    ts[n].start();
                }
                for (Thread t : ts)
                    t.join();
                eq(failures, List.of(), "failures");
                check(p.get("62.05").matches("T[0-3]-39"), p.get("62.05"));
            }
        });
    }

    /** What the C compiler makes of vietqr.h: tests/layout.c's output (VQR_LAYOUT). */
    static Map<String, Object> layout() throws Exception {
        Process p = new ProcessBuilder(env("VQR_LAYOUT", "layout")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(p.waitFor() == 0, "tests/layout.c ran");
        return obj(Json.parse(out));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** Every constant of a binding enum against the enum of vietqr.h it mirrors. */
    private static void sameEnum(Map<String, Object> c, String prefix, Enum<?>[] values)
        throws Exception {
        check(c.size() == values.length, prefix + ": " + c.size() + " in C, " + values.length
                                             + " in Java");
        for (Enum<?> v : values) {
            Object want = c.get(prefix + v.name());
            check(want != null, prefix + v.name() + " in vietqr.h");
            long got = (long) (int) v.getClass().getMethod("value").invoke(v);
            eq(got, num(want), prefix + v.name());
        }
    }

    private void addConstantTests() {
        tests.put("status_codes_are_the_headers", () -> {
            Map<String, Object> codes = obj(obj(layout().get("enums")).get("vqr_status"));
            for (Map.Entry<String, Object> e : codes.entrySet())
                eq(VietQR.statusName((int) num(e.getValue())), e.getKey(), "code " + e.getValue());
            check(codes.size() > 40, "codes read: " + codes.size());
            eq(VietQR.statusName(100000), "VQR_ERR_UNKNOWN", "unknown");
        });
        tests.put("enums_are_the_headers", () -> {
            Map<String, Object> enums = obj(layout().get("enums"));
            sameEnum(obj(enums.get("vqr_service")), "VQR_SERVICE_", vn.vietqr.Service.values());
            sameEnum(obj(enums.get("vqr_network")), "VQR_NETWORK_", vn.vietqr.Network.values());
            sameEnum(obj(enums.get("vqr_ecc")), "VQR_ECC_", vn.vietqr.Ecc.values());
            sameEnum(obj(enums.get("vqr_verdict_code")), "VQR_VERDICT_", vn.vietqr.Verdict.values());
            sameEnum(obj(enums.get("vqr_suspect")), "VQR_SUSPECT_", vn.vietqr.Suspect.values());
            Map<String, Object> sev = obj(enums.get("vqr_severity"));
            for (Severity v : Severity.values())
                eq((long) v.ordinal(), num(sev.get("VQR_SEVERITY_" + v.name())), v.name());
        });
        tests.put("version_is_the_headers", () -> {
            long v = num(obj(layout().get("defines")).get("VQR_VERSION"));
            eq((long) VietQR.version(), v, "version");
            eq(VietQR.versionString(), String.format("%d.%d.%d", v >> 16, (v >> 8) & 255, v & 255),
               "version string");
        });
    }

    // --- runner ---------------------------------------------------------------

    private void addVectorTests() {
        for (int i = 0; i < vectors.size(); i++) {
            final int idx = i;
            String n = String.format("%03d", i);
            tests.put("expectations_" + n, () -> vectorExpectations(idx));
            tests.put("crc_" + n, () -> vectorCrc(idx));
            tests.put("round_trip_" + n, () -> vectorRoundTrip(idx));
        }
    }

    /** The checks the add* methods registered, as JUnit dynamic tests, in order. */
    private Stream<DynamicTest> registered(Runnable add) {
        tests.clear();
        add.run();
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Body> e : tests.entrySet()) {
            Body body = e.getValue();
            out.add(DynamicTest.dynamicTest(e.getKey(), body::run));
        }
        tests.clear();
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> vectors() {
        return registered(this::addVectorTests);
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return registered(this::addErrorTests);
    }

    @TestFactory
    Stream<DynamicTest> building() {
        return registered(this::addBuildTests);
    }

    @TestFactory
    Stream<DynamicTest> constants() {
        return registered(this::addConstantTests);
    }

    @TestFactory
    Stream<DynamicTest> profiles() {
        return registered(() -> ProfileTests.add(tests, vectors, expect, root));
    }

    @TestFactory
    Stream<DynamicTest> rendering() {
        return registered(() -> RenderTests.add(tests));
    }

    @TestFactory
    Stream<DynamicTest> reconciliation() {
        return registered(() -> ReconTests.add(tests, root));
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return registered(() -> CorpusTests.add(tests, root));
    }

    @TestFactory
    Stream<DynamicTest> verification() {
        return registered(() -> VerifyTests.add(tests));
    }
}
