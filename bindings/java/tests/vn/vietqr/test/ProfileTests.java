package vn.vietqr.test;

import static vn.vietqr.test.VietQRTest.NAPAS;
import static vn.vietqr.test.VietQRTest.check;
import static vn.vietqr.test.VietQRTest.eq;
import static vn.vietqr.test.VietQRTest.obj;
import static vn.vietqr.test.VietQRTest.raises;
import static vn.vietqr.test.VietQRTest.withCrc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.vietqr.Bank;
import vn.vietqr.Banks;
import vn.vietqr.Folded;
import vn.vietqr.FoldedField;
import vn.vietqr.Network;
import vn.vietqr.Payload;
import vn.vietqr.Profile;
import vn.vietqr.Service;
import vn.vietqr.Text;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRBuild;
import vn.vietqr.VietQRBuilder;
import vn.vietqr.VietQRException;
import vn.vietqr.VietQRInfo;
import vn.vietqr.VietQRResult;

/** Tests of text folding, the bank directory, amounts and VietQR build and read. */
final class ProfileTests {
    private ProfileTests() {}

    interface Build {
        Object run(VietQRBuilder b);
    }

    private static List<String> bins(List<Bank> banks) {
        List<String> out = new ArrayList<>();
        for (Bank b : banks)
            out.add(b.bin());
        return out;
    }

    /** The message of the IllegalArgumentException `b` throws. */
    static String refused(VietQRTest.Body b, String what) throws Exception {
        try {
            b.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (VietQRException e) {
            throw new AssertionError(what + ": reached the library as " + e.name());
        }
        throw new AssertionError(what + ": no IllegalArgumentException");
    }

    static void add(Map<String, VietQRTest.Body> tests, List<Object> vectors, List<Object> expect,
                    Path root) {
        tests.put("text_escape", () -> {
            vn.vietqr.Escaped e = Text.escape("Hoc phi\u001b[1A\u202e7654321\\");
            eq(e.text(), "Hoc phi\\x1b[1A\\u202e7654321\\\\", "text");
            eq(e.unsafe(), 2L, "unsafe");
            eq(Text.escape("Học phí").text(), "Học phí", "Vietnamese unchanged");
            eq(Text.escape("Học phí").unsafe(), 0L, "nothing unsafe");
            eq(Text.escapeJson("a\u001b\"\u200b").text(), "a\\u001b\\\"\\u200b", "json");
        });
        tests.put("integers_never_wrap", () -> {
            // A Java int or long has no unsigned form: a negative one used to
            // reach the library's unsigned parameters as a huge number.
            check(refused(() -> VietQR.parseAmount("12.5", -1), "currency -1").contains("currency"),
                  "parseAmount names the currency");
            refused(() -> VietQR.parseAmount("12.5", Integer.MIN_VALUE + 840), "currency");
            refused(() -> VietQR.formatAmount(100, -1), "format currency");
            refused(() -> VietQR.formatAmount(-1, 704), "format amount");
            refused(() -> VietQR.amountWords(-5), "words");
            refused(() -> new VietQRBuilder().bank("970436").account("1").amount(-1), "amount");
            refused(() -> new VietQRBuilder().bank("970436").account("1").currency(-840), "currency");
            try (vn.vietqr.QRCode qr = vn.vietqr.QRCode.encode(NAPAS)) {
                check(refused(() -> qr.printSize(30.0, -300, 4), "dpi").contains("dpi"), "dpi named");
                refused(() -> qr.printSize(30.0, 300, -4), "quiet zone");
                refused(() -> qr.png(new vn.vietqr.RenderOptions().scale(-4)), "scale");
                eq(qr.printSize(30.0, 300, 4).scale() > 0, true, "in range still works");
            }
            eq(VietQR.parseAmount("12.5", 840), 1250L, "in range still works");
        });
        tests.put("payload_takes_any_number_of_edits", () -> {
            // The storage used to fill after about 660 edits of one payload.
            try (Payload p = Payload.parse(NAPAS, true)) {
                for (int k = 0; k < 50000; k++) {
                    p.set("54", Integer.toString(10000 + k));
                    p.remove("54");
                }
                Thread[] threads = new Thread[4];
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int n = 0; n < threads.length; n++) {
                    final int t = n;
                    threads[n] = new Thread(() -> {
                        try {
                            for (int k = 0; k < 2000; k++) {
                                p.set("62.05", "T" + t + "-" + k);
                                p.set("54", Integer.toString(1000 + k));
                            }
                        } catch (Throwable x) {
                            failures.add(x);
                        }
                    });
                    threads[n].start();
                }
                for (Thread th : threads)
                    th.join();
                eq(failures.size(), 0, "failures " + failures);
                check(p.get("62.05").matches("T[0-3]-1999"), "last value " + p.get("62.05"));
                eq(Payload.parse(p.write(true), true).get("54"), "2999", "written");
            }
        });
        tests.put("text_fold", () -> {
            Folded f = Text.fold("Thanh toán học phí Nguyễn Văn Đức");
            eq(f.text(), "Thanh toan hoc phi Nguyen Van Duc", "folded");
            eq(f.changed(), 7L, "changed");
            String nfd = "Thanh toa\u0301n ho\u0323c phi\u0301 Nguye\u0302\u0303n Va\u0306n \u0110\u01b0\u0301c";
            eq(Text.fold(nfd).text(), "Thanh toan hoc phi Nguyen Van Duc", "NFD");
            eq(Text.fold("ASCII only").changed(), 0L, "ascii");
            Object[][] cases = {
                {"Giá 5€", false, "VQR_ERR_TEXT_NOT_ASCII", 6L, 5L},
                {"a\tb", false, "VQR_ERR_TEXT_CONTROL", 1L, 1L},
                {"á", true, "VQR_ERR_TEXT_NOT_ASCII", 0L, 0L},
                {"ab\ud800", false, "VQR_ERR_UTF8", 2L, 2L},
            };
            for (Object[] c : cases) {
                VietQRException e = raises(() -> Text.fold((String) c[0], (Boolean) c[1]), (String) c[0]);
                eq(e.name(), c[2], c[0] + " name");
                eq(e.offset(), c[3], c[0] + " offset");
                eq(e.charOffset(), c[4], c[0] + " char offset");
            }
        });
        tests.put("text_nfc", () -> {
            eq(Text.nfc("Nguye\u0302\u0303n"), "Nguyễn", "nfc");
            eq(Text.nfc(""), "", "empty");
            eq(raises(() -> Text.nfc("a\ud800"), "surrogate").offset(), 1L, "utf8 offset");
        });
        tests.put("bank_directory", () -> {
            List<Bank> all = Banks.all();
            check(all.size() > 50, "banks: " + all.size());
            String prev = "";
            for (Bank b : all) {
                check(b.bin().matches("\\d{6}"), b.bin());
                check(b.bin().compareTo(prev) > 0, "ascending " + b.bin());
                prev = b.bin();
            }
            Bank vcb = Banks.byBin("970436");
            eq(vcb.shortName(), "Vietcombank", "short name");
            eq(vcb.name(), "Ngân hàng TMCP Ngoại thương Việt Nam", "name");
            eq(vcb.swift(), "BFTVVNVX", "swift");
            check(all.contains(vcb), "listed");
            eq(Banks.byBin("999999"), null, "unknown bin");
            eq(Banks.byBin("97043"), null, "short bin");
            eq(Banks.dataVersion(), Files.readString(root.resolve("data/VERSION")).trim(), "data version");
        });
        tests.put("bank_find", () -> {
            for (String q : new String[] {"vcb", "VIETCOMBANK", "Viet Com Bank", "BFTVVNVX", "BFTVVNVXXXX",
                                          "970436", "Ngân hàng TMCP Ngoại thương Việt Nam"})
                eq(Banks.find(q).bin(), "970436", q);
            eq(Banks.find("ngan hang tmcp a chau").shortName(), "ACB", "ACB");
            eq(raises(() -> Banks.find("Vietcom"), "prefix").name(), "VQR_ERR_BANK_UNKNOWN", "prefix");
            eq(raises(() -> Banks.find("IBKOVNVX"), "shared").name(), "VQR_ERR_BANK_AMBIGUOUS", "shared");
            List<String> bins = new ArrayList<>();
            for (Bank b : Banks.findAll("IBKOVNVX"))
                bins.add(b.bin());
            eq(bins, List.of("970455", "970456"), "candidates");
            eq(Banks.findAll("zzz").size(), 0, "none");
        });
        tests.put("bank_search_and_suggestions", () -> {
            eq(bins(Banks.findAll("vietcom")), List.of("970436"), "vietcom");
            eq(bins(Banks.findAll("Shinhan")), List.of("970424"), "shinhan");
            eq(bins(Banks.findAll("ngoai thuong")), List.of("970436"), "ngoai thuong");
            eq(bins(Banks.findAll("CIMB")), List.of("422589", "970459"), "cimb");
            check(Banks.findAll("ngan hang").size() > 50, "ngan hang");
            eq(bins(Banks.suggest("Vietcombnak")), List.of("970436"), "suggest");
            eq(bins(Banks.suggest("IBKOVNVX", 2)), List.of("970455", "970456"), "ambiguous");
            VietQRException e = raises(() -> Banks.find("Vietcombnak"), "unknown");
            eq(bins(e.suggestions()), List.of("970436"), "find: suggestions");
            check(e.getMessage().endsWith("did you mean Vietcombank (970436)?"), e.getMessage());
            e = raises(() -> new VietQRBuilder().bank("Vietcombnak").account("1").build(), "build");
            eq(e.tag(), "38.01.00", "build: tag");
            eq(bins(e.suggestions()), List.of("970436"), "build: suggestions");
            e = raises(() -> new VietQRBuilder().bank("IBKOVNVX").account("1").write(), "write");
            check(e.getMessage().endsWith("it names IBK HN (970455) and IBK HCM (970456): give the BIN"),
                  e.getMessage());
            e = raises(() -> new VietQRBuilder().bank("970436").account("12a").build(), "account");
            eq(e.suggestions().size(), 0, "no suggestions for an account");
        });
        tests.put("amounts", () -> {
            eq(VietQR.parseAmount("50000", 704), 50000L, "vnd");
            eq(VietQR.parseAmount("50000.", 704), 50000L, "vnd dot");
            eq(VietQR.parseAmount("12.5", 840), 1250L, "usd");
            eq(VietQR.formatAmount(180000, 704), "180000", "format vnd");
            eq(VietQR.formatAmount(1250, 840), "12.50", "format usd");
            eq(VietQR.formatAmount(5, 840), "0.05", "format cents");
            VietQRException d = raises(() -> VietQR.parseAmount("50000.5", 704), "decimals");
            eq(d.name(), "VQR_ERR_AMOUNT_DECIMALS", "decimals");
            eq(d.offset(), 6L, "decimals offset");
            eq(d.tag(), "54", "decimals tag");
            eq(raises(() -> VietQR.parseAmount("1", 999), "currency").tag(), "53", "currency");
            VietQRException l = raises(() -> VietQR.formatAmount(10_000_000_000_000L, 704), "long");
            eq(l.name(), "VQR_ERR_LENGTH", "length");
            eq(l.limit(), 13L, "limit");
            eq(raises(() -> VietQR.formatAmount(0, 704), "zero").name(), "VQR_ERR_AMOUNT_ZERO", "zero");
        });
        tests.put("amount_words", () -> {
            eq(VietQR.amountWords(1250000), "Một triệu hai trăm năm mươi nghìn đồng", "1250000");
            eq(VietQR.amountWords(2005000), "Hai triệu không trăm linh năm nghìn đồng", "2005000");
            eq(VietQR.amountWords(105000, true, false), "Một trăm lẻ năm ngàn đồng", "south");
            eq(VietQR.amountWords(24, false, true), "Hai mươi tư đồng", "tu");
            eq(VietQR.amountWords(0), "Không đồng", "zero");
            VietQRException l = raises(() -> VietQR.amountWords(10_000_000_000_000L), "long");
            eq(l.name(), "VQR_ERR_LENGTH", "length");
            eq(l.limit(), 13L, "limit");
            eq(l.tag(), "54", "tag");
        });
        tests.put("vietqr_napas_example", () -> {
            VietQRBuilder b = new VietQRBuilder().bank("970403").account("0011012345678").amount(180000)
                .billNumber("NPS6869").purpose("thanh toan don hang");
            VietQRResult r = b.write();
            eq(r.text(), NAPAS, "write");
            eq(r.report().bin(), "970403", "bin");
            check(r.report().bankKnown(), "known");
            eq(r.report().fields().size(), 0, "nothing folded");
            try (VietQRBuild built = b.build()) {
                eq(built.text(), NAPAS, "build");
                eq(built.payload().write(true), NAPAS, "payload");
            }
        });
        tests.put("vietqr_folding_is_reported", () -> {
            try (VietQRBuild b = new VietQRBuilder().bank("Vietcombank").account("0011012345678")
                     .amount(180000).purpose("Thanh toán học phí").merchantName("Bệnh viện Bạch Mai").build()) {
                eq(b.text(), withCrc("00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA"
                                     + "530370454061800005802VN5918Benh vien Bach Mai62220818Thanh toan hoc phi"),
                   "text");
                eq(b.report().changed(), 6L, "changed");
                List<FoldedField> f = b.report().fields();
                eq(f.size(), 2, "fields");
                eq(f.get(0).tag() + "|" + f.get(0).changed() + "|" + f.get(0).chars() + "|" + f.get(0).text(),
                   "59|3|18|Benh vien Bach Mai", "59");
                eq(f.get(1).tag() + "|" + f.get(1).text(), "62.08|Thanh toan hoc phi", "62.08");
            }
        });
        tests.put("vietqr_errors_name_the_field", () -> {
            Object[][] cases = {
                {(Build) b -> b.bank("").account("123"), "VQR_ERR_MISSING", -1L, "38.01.00", 0L},
                {(Build) b -> b.bank("Vietcom").account("123"), "VQR_ERR_BANK_UNKNOWN", -1L, "38.01.00", 0L},
                {(Build) b -> b.bank("97043").account("123"), "VQR_ERR_BIN", -1L, "38.01.00", 6L},
                {(Build) b -> b.bank("970436").account("0123 456"), "VQR_ERR_ACCOUNT", 4L, "38.01.01", 0L},
                {(Build) b -> b.bank("970436").account("123456789012").service(Service.CARD), "VQR_ERR_CARD",
                 -1L, "38.01.01", 16L},
                {(Build) b -> b.bank("970436").account("M1").service(Service.CASH).terminal("T1"),
                 "VQR_ERR_MISSING", -1L, "62.05", 0L},
                {(Build) b -> b.bank("970436").account("1").purpose("x".repeat(26)), "VQR_ERR_LENGTH", -1L,
                 "62.08", 25L},
                {(Build) b -> b.bank("970436").account("1").purpose("học").strictText(true),
                 "VQR_ERR_TEXT_NOT_ASCII", 1L, "62.08", 0L},
                {(Build) b -> b.bank("970436").account("1").service(Service.NONE), "VQR_ERR_INVALID_ARGUMENT",
                 -1L, "38.02", 0L},
                {(Build) b -> b.bank("970436").account("1").amount(5).currency(999), "VQR_ERR_CURRENCY", -1L,
                 "53", 0L},
                {(Build) b -> b.bank("970436").account("1").country("vn"), "VQR_ERR_COUNTRY", -1L, "58", 2L},
                {(Build) b -> b.bank("970436").account("00\0"), "VQR_ERR_INVALID_ARGUMENT", 2L, "38.01.01", 0L},
                {(Build) b -> b.bank("970436").account("1").purpose("Học\0phí"), "VQR_ERR_INVALID_ARGUMENT", 5L,
                 "62.08", 0L},
            };
            for (int k = 0; k < cases.length; k++) {
                Object[] c = cases[k];
                for (int m = 0; m < 2; m++) {
                    final int mode = m;
                    VietQRBuilder b = new VietQRBuilder();
                    ((Build) c[0]).run(b);
                    String at = "case " + k + (mode == 0 ? " write" : " build");
                    VietQRException e = raises(() -> {
                        if (mode == 0)
                            b.write();
                        else
                            b.build().close();
                    }, at);
                    eq(e.name(), c[1], at + " name");
                    eq(e.offset(), c[2], at + " offset");
                    eq(e.tag(), c[3], at + " tag");
                    eq(e.limit(), c[4], at + " limit");
                }
            }
            VietQRException nul = raises(() -> new VietQRBuilder().bank("970436").account("1")
                                               .purpose("Học\0phí").write(), "nul");
            eq(nul.charOffset(), 3L, "nul char offset");
            try (VietQRBuild b = new VietQRBuilder().bank("970436").account("99ZP24009M07248267")
                     .alnumAccount(true).build()) {
                eq(b.payload().get("38.01.01"), "99ZP24009M07248267", "alnum");
                eq(b.payload().get("01"), "11", "static");
            }
        });
        tests.put("validation_profiles", () -> {
            // What the builder makes passes parse() by default: the VietQR profile.
            String built = new VietQRBuilder().bank("Vietcombank").account("0011001234567")
                               .amount(150000).purpose("Học phí tháng 9").write().text();
            try (Payload p = Payload.parse(built)) {
                eq(p.profile(), Profile.VIETQR, "default profile of a VietQR");
                eq(p.diagnosticCount(), 0L, "no diagnostic");
            }
            try (Payload p = Payload.parse(NAPAS)) {
                eq(p.profile(), Profile.VIETQR, "NAPAS example");
            }
            try (Payload p = Payload.parse(built, false)) {
                eq(p.profile(), Profile.VIETQR, "parse(text, false) is the default");
            }
            VietQRException e = raises(() -> Payload.parse(built, Profile.EMVCO), "emvco");
            eq(e.name(), "VQR_ERR_MISSING", "emvco: missing");
            eq(e.tag(), "52", "emvco: 52");
            try (Payload p = Payload.parse(built, Profile.LENIENT)) {
                eq(p.profile(), Profile.LENIENT, "lenient");
                eq(p.warningCount(), 3L, "lenient: 52, 59, 60 as warnings");
            }
            try (Payload p = Payload.parse(built.getBytes(StandardCharsets.UTF_8), Profile.VIETQR)) {
                eq(p.profile().label(), "vietqr", "label");
            }
            String vnpay = withCrc("0002010102112628" + "0010A000000775" + "01100108799042"
                                   + "52045977" + "5303704" + "5802VN5909MYPHAMHER6005HANOI");
            try (Payload p = Payload.parse(vnpay)) {
                eq(p.profile(), Profile.EMVCO, "not NAPAS: EMVCo");
            }
            VietQRException nv = raises(() -> Payload.parse(vnpay, Profile.VIETQR), "forced");
            eq(nv.name(), "VQR_ERR_NOT_VIETQR", "forced VietQR");
            eq(nv.tag(), "38", "forced VietQR tag");
            try (Payload p = new Payload()) {
                eq(p.profile(), null, "built: no profile");
            }
            eq(VietQR.statusName(124), "VQR_ERR_SERVICE", "code 124");
        });
        tests.put("what_surrounds_a_payload", () -> {
            eq(VietQR.statusName(28), "VQR_ERR_BOM", "code 28");
            eq(VietQR.statusName(29), "VQR_ERR_TRAILING_DATA", "code 29");
            eq(VietQR.statusName(30), "VQR_ERR_UTF16_LENGTHS", "code 30");
            eq(VietQR.statusName(63), "VQR_ERR_NOT_NFC", "code 63");
            for (String tail : new String[] {"\n", "\r\n", " ", NAPAS}) {
                VietQRException e = raises(() -> Payload.parse(NAPAS + tail), "tail");
                eq(e.name(), "VQR_ERR_TRAILING_DATA", "trailing");
                eq(e.offset(), (long) NAPAS.length(), "trailing offset");
                eq(e.limit(), (long) tail.length(), "trailing bytes");
            }
            eq(raises(() -> Payload.parse("\ufeff" + NAPAS), "bom").name(), "VQR_ERR_BOM", "bom");
            try (Payload p = Payload.parse("\ufeff" + NAPAS, true)) {
                eq(p.diagnostics().get(0).name(), "VQR_ERR_BOM", "bom warning");
                eq(p.write(true), NAPAS, "bom not written");
            }
        });
        tests.put("vietqr_read", () -> {
            try (Payload p = Payload.parse(NAPAS, true)) {
                VietQRInfo i = p.vietqr();
                eq(i.network(), Network.NAPAS, "network");
                eq(i.maiId(), 38, "mai");
                eq(i.guid(), "A000000727", "guid");
                eq(i.bin(), "970403", "bin");
                check(i.bankKnown(), "known");
                eq(i.bankShortName(), "Sacombank", "short name");
                eq(i.service(), Service.ACCOUNT, "service");
                eq(i.serviceCode(), "QRIBFTTA", "service code");
                check(i.isDynamic() && !i.isStatic(), "dynamic");
                eq(i.amount(), "180000", "amount");
                eq(i.amountMinor(), 180000L, "minor");
                eq(i.amountStatus(), 0, "amount status");
                eq(i.currency(), 704L, "currency");
                eq(i.currencyAlpha(), "VND", "alpha");
                eq(i.country(), "VN", "country");
                eq(i.billNumber(), "NPS6869", "bill");
                eq(i.purpose(), "thanh toan don hang", "purpose");
            }
            try (Payload p = new Payload()) {
                eq(raises(p::vietqr, "empty").name(), "VQR_ERR_NOT_VIETQR", "not vietqr");
            }
        });
        tests.put("vietqr_read_every_vector", () -> {
            int napas = 0;
            for (int i = 0; i < vectors.size(); i++) {
                if (!"VQR_OK".equals(obj(obj(expect.get(i)).get("lenient")).get("status")))
                    continue;
                try (Payload p = Payload.parse((String) obj(vectors.get(i)).get("payload"), true)) {
                    VietQRInfo info;
                    try {
                        info = p.vietqr();
                    } catch (VietQRException e) {
                        check(List.of("VQR_ERR_NOT_VIETQR", "VQR_ERR_MISSING", "VQR_ERR_TEMPLATE_MALFORMED")
                                  .contains(e.name()), i + ": " + e.name());
                        continue;
                    }
                    String[][] byTag = {{info.mcc(), "52"}, {info.country(), "58"}, {info.merchantName(), "59"},
                                        {info.merchantCity(), "60"}, {info.billNumber(), "62.01"},
                                        {info.store(), "62.03"}, {info.reference(), "62.05"},
                                        {info.terminal(), "62.07"}, {info.purpose(), "62.08"},
                                        {info.amount(), "54"}};
                    for (String[] f : byTag) {
                        String want;
                        try {
                            want = p.get(f[1]);
                        } catch (VietQRException e) {
                            continue; // a changed or raw template: not comparable
                        }
                        eq(f[0], want == null ? "" : want, i + " " + f[1]);
                    }
                    if (info.network() == Network.NAPAS) {
                        napas++;
                        eq(info.bin(), p.get("38.01.00"), i + " bin");
                        eq(info.account(), p.get("38.01.01"), i + " account");
                        Bank bank = Banks.byBin(info.bin());
                        eq(info.bankKnown(), bank != null, i + " known");
                        if (bank != null)
                            eq(info.bankName(), bank.name(), i + " bank name");
                    }
                }
            }
            check(napas > 20, "NAPAS vectors: " + napas);
        });
    }
}
