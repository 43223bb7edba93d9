package vn.vietqr.test;

import static vn.vietqr.test.VietQRTest.check;
import static vn.vietqr.test.VietQRTest.eq;
import static vn.vietqr.test.VietQRTest.raises;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import vn.vietqr.ImageResult;
import vn.vietqr.Network;
import vn.vietqr.Payee;
import vn.vietqr.QRCode;
import vn.vietqr.RenderOptions;
import vn.vietqr.ScannedCode;
import vn.vietqr.Service;
import vn.vietqr.Suspect;
import vn.vietqr.Verdict;
import vn.vietqr.VerifyOptions;
import vn.vietqr.VerifyResult;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRException;

/** Tests of VietQR.verify (vqr_verify) and VietQR.scan / verifyImage (libvietqr-scan). */
final class VerifyTests {
    private VerifyTests() {}

    static String tlv(int id, String v) {
        return String.format("%02d%02d%s", id, v.codePointCount(0, v.length()), v);
    }

    static String withCrc(String body) {
        body += "6304";
        return body + String.format("%04X", VietQR.crc16(body));
    }

    static String napas(String bin, String account, long amount, String name, String altName) {
        String body = tlv(0, "01") + tlv(1, amount > 0 ? "12" : "11")
            + tlv(38, tlv(0, "A000000727") + tlv(1, tlv(0, bin) + tlv(1, account)) + tlv(2, "QRIBFTTA"))
            + tlv(52, "5411") + tlv(53, "704");
        if (amount > 0)
            body += tlv(54, Long.toString(amount));
        body += tlv(58, "VN") + tlv(59, name) + tlv(60, "HO CHI MINH");
        if (altName != null)
            body += tlv(64, tlv(0, "vi") + tlv(1, altName));
        return withCrc(body);
    }

    static String napas(String bin, String account) {
        return napas(bin, account, 0, "CHO BEN THANH", null);
    }

    static final List<Payee> STALLS = Arrays.asList(
        Payee.of("Vietcombank", "0011001234567").name("Chợ Bến Thành").label("A01"),
        Payee.of("970422", "0352350917").name("Hàng cá Bà Tư").label("A02"),
        Payee.vnpay("0108799042").label("A03"));

    static void add(Map<String, VietQRTest.Body> tests) {
        tests.put("verify_ok", () -> {
            VerifyResult r = VietQR.verify(napas("970436", "0011001234567"), STALLS);
            eq(r.verdict, Verdict.OK, "verdict");
            check(r.ok(), "ok()");
            eq(r.payee, 0, "payee");
            eq(r.payeeLabel, "A01", "label");
            eq(r.network, Network.NAPAS, "network");
            eq(r.service, Service.ACCOUNT, "service");
            eq(r.bank, "Vietcombank", "bank");
            eq(r.account, "0011001234567", "account");
            check(r.isStatic && !r.isDynamic, "static");
            eq(r.suspects.isEmpty(), true, "no suspects");
            eq(r.error, null, "no error");
        });
        tests.put("verify_not_allowed_and_imitation", () -> {
            VerifyResult r = VietQR.verify(napas("970415", "113366668888"), STALLS);
            eq(r.verdict, Verdict.PAYEE_NOT_ALLOWED, "verdict");
            eq(r.bin + " " + r.bank + " " + r.account, "970415 VietinBank 113366668888", "who");
            eq(r.payee, -1, "payee");
            eq(r.imitated, 0, "borrows A01's name");
            eq(r.suspects, java.util.EnumSet.of(Suspect.IMITATION), "suspects");
            eq(r.marks.get(0).tag, "59", "tag");
            eq(VietQR.verify(napas("970436", "0011001234567"), Arrays.asList()).verdict,
               Verdict.PAYEE_NOT_ALLOWED, "an empty list allows nobody");
        });
        tests.put("verify_amount_kind_invalid", () -> {
            String dyn = napas("970436", "0011001234567", 150000, "CHO BEN THANH", null);
            eq(VietQR.verify(dyn, STALLS, VerifyOptions.defaults().amount(150000)).verdict,
               Verdict.OK, "amount");
            VerifyResult r = VietQR.verify(dyn, STALLS, VerifyOptions.defaults().amount(15000));
            eq(r.verdict, Verdict.AMOUNT_MISMATCH, "wrong amount");
            eq(r.amount, 150000L, "the code's amount");
            eq(VietQR.verify(dyn, STALLS, VerifyOptions.defaults().kind(VerifyOptions.Kind.STATIC)).verdict,
               Verdict.AMOUNT_MISMATCH, "static expected");
            eq(VietQR.verify("https://example.com", STALLS).verdict, Verdict.NOT_A_PAYMENT_CODE,
               "web address");
            String bad = dyn.substring(0, dyn.length() - 1) + (dyn.endsWith("0") ? "1" : "0");
            r = VietQR.verify(bad, STALLS);
            eq(r.verdict, Verdict.INVALID, "bad CRC");
            eq(r.error.name(), "VQR_ERR_CRC_MISMATCH", "error");
            eq(r.error.tag(), "63", "tag");
        });
        tests.put("verify_suspects", () -> {
            VerifyResult r = VietQR.verify(
                napas("970436", "0011001234567", 0, "CHO BEN THANH", "Ch\u043e B\u1ebfn Th\u00e0nh"), STALLS);
            eq(r.verdict, Verdict.OK, "valid in 64.01");
            eq(r.marks.get(0).kind, Suspect.CONFUSABLE, "kind");
            eq(r.marks.get(0).codepoint, 0x043E, "code point");
            eq(r.marks.get(0).looksLike, 'o', "looks like");
            eq(r.marks.get(0).tag, "64.01", "tag");
            eq(r.merchantNameAlt, "Ch\u043e B\u1ebfn Th\u00e0nh", "64.01 read");
        });
        tests.put("verify_bad_payees", () -> {
            VietQRException e = raises(() -> VietQR.verify(napas("970436", "1"),
                Arrays.asList(STALLS.get(0), Payee.of("970436", "0011 0012"))), "space");
            eq(e.name(), "VQR_ERR_PAYEE", "name");
            eq(e.offset(), 1L, "index");
            e = raises(() -> Payee.of("Vietcombnak", "1"), "unknown bank");
            eq(e.name(), "VQR_ERR_BANK_UNKNOWN", "bank");
            boolean threw = false;
            try {
                Payee.of("970436", "1").service(Service.CASH);
            } catch (IllegalArgumentException x) {
                threw = true;
            }
            check(threw, "CASH is no payee's service");
        });
        try {
            VietQR.scanDecoder();
        } catch (UnsupportedOperationException e) {
            System.out.println("scan tests skipped: the binding was built without libvietqr-scan");
            return;
        }
        tests.put("scan_png", () -> {
            String text = napas("970436", "0011001234567", 0, "CHO BEN THANH", "Chợ Bến Thành");
            byte[] png;
            try (QRCode q = QRCode.encode(text)) {
                png = q.png(new RenderOptions().scale(4));
            }
            List<ScannedCode> codes = VietQR.scan(png);
            eq(codes.size(), 1, "one code");
            ScannedCode c = codes.get(0);
            eq(c.text(), text, "payload");
            eq(Arrays.equals(c.data(), text.getBytes(StandardCharsets.UTF_8)), true, "bytes");
            eq(c.eci, 26, "ECI");
            eq(c.ecc, 'M', "ECC");
            eq(c.copyOf, -1, "first");
            check(c.corners[0][0] < c.corners[1][0] && c.corners[0][1] < c.corners[3][1], "corners");
            check(VietQR.scanDecoder().startsWith("ZXing-C++"), "decoder");
            VietQRException e = raises(() -> VietQR.scan("not an image".getBytes(StandardCharsets.US_ASCII)),
                                       "not an image");
            eq(e.name(), "VQR_ERR_IMAGE_FORMAT", "format");
            e = raises(() -> VietQR.scan(Arrays.copyOf(png, png.length / 2)), "truncated");
            eq(e.name(), "VQR_ERR_IMAGE_CORRUPT", "corrupt");
            e = raises(() -> VietQR.scan(png, false, 10, 32), "too large");
            eq(e.name(), "VQR_ERR_IMAGE_SIZE", "size");
            boolean threw = false;
            try {
                VietQR.scan(png, false, 1000000, 0);
            } catch (IllegalArgumentException x) {
                threw = true;
            }
            check(threw, "maxCodes 0 refused");
        });
        tests.put("verify_image", () -> {
            byte[] ok, other, blank;
            try (QRCode q = QRCode.encode(napas("970436", "0011001234567"))) {
                ok = q.png(new RenderOptions().scale(3));
            }
            try (QRCode q = QRCode.encode(napas("970415", "1133"))) {
                other = q.png();
            }
            try (QRCode q = QRCode.encode("x")) {
                blank = q.png(new RenderOptions().scale(1).quietZone(0).foreground(0xFFFFFE));
            }
            VerifyOptions st = VerifyOptions.defaults().kind(VerifyOptions.Kind.STATIC);
            ImageResult r = VietQR.verifyImage(ok, STALLS, st);
            eq(r.verdict, Verdict.OK, "photo OK");
            eq(r.codes.get(0).payeeLabel, "A01", "label");
            eq(VietQR.verifyImage(other, STALLS, st).verdict, Verdict.PAYEE_NOT_ALLOWED, "other");
            eq(VietQR.verifyImage(blank, STALLS, st).verdict, Verdict.NO_CODE, "no code");
        });
    }
}
