package vn.vietqr.test;

import static vn.vietqr.test.VietQRTest.check;
import static vn.vietqr.test.VietQRTest.eq;
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
import vn.vietqr.FoldedField;
import vn.vietqr.Network;
import vn.vietqr.Payload;
import vn.vietqr.Service;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRBuild;
import vn.vietqr.VietQRBuilder;
import vn.vietqr.VietQRException;
import vn.vietqr.VietQRInfo;
import vn.vietqr.VietQRReport;
import vn.vietqr.VietQRResult;

/**
 * The packed results of Payload.vietqr() and VietQRBuilder.write() (one
 * byte[] from the glue, strings made when asked for), field by field, on
 * every row of bench/data/vietqr-corpus.tsv; and the strings the glue
 * encodes itself (Payload.parse(String), the builder's fields) byte for
 * byte as Utf8.encode does.
 */
final class CorpusTests {
    private CorpusTests() {}

    /** The rows of the corpus: payload, bin, account, service, amount, mcc, name, city, bill, purpose, canonical. */
    static List<String[]> corpus(Path root) throws Exception {
        List<String> lines = Files.readAllLines(root.resolve("bench/data/vietqr-corpus.tsv"),
                                                StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size()))
            if (!line.isEmpty())
                rows.add(line.split("\t", -1));
        check(rows.size() > 1000, "corpus rows: " + rows.size());
        return rows;
    }

    static VietQRBuilder builder(String[] r) {
        VietQRBuilder b = new VietQRBuilder().bank(r[1]).account(r[2]);
        if (!r[2].chars().allMatch(Character::isDigit))
            b.alnumAccount(true);
        if (r[3].equals("QRIBFTTC"))
            b.service(Service.CARD);
        if (!r[4].isEmpty())
            b.amount(Long.parseLong(r[4]));
        if (!r[5].isEmpty())
            b.mcc(r[5]);
        if (!r[6].isEmpty())
            b.merchantName(r[6]);
        if (!r[7].isEmpty())
            b.merchantCity(r[7]);
        if (!r[8].isEmpty())
            b.billNumber(r[8]);
        if (!r[9].isEmpty())
            b.purpose(r[9]);
        return b;
    }

    private static String value(Payload p, String path) {
        String v = p.get(path);
        return v == null ? "" : v;
    }

    /** Every field of the view against the row and the payload's own values. */
    private static void checkInfo(VietQRInfo i, Payload p, String[] r, String at) {
        eq(i.network(), Network.NAPAS, at + " network");
        eq(i.maiId(), 38, at + " mai");
        eq(i.guid(), value(p, "38.00"), at + " guid");
        eq(i.bin(), r[1], at + " bin");
        Bank bank = Banks.byBin(r[1]);
        eq(i.bankKnown(), bank != null, at + " known");
        eq(i.bankShortName(), bank == null ? "" : bank.shortName(), at + " short name");
        eq(i.bankName(), bank == null ? "" : bank.name(), at + " bank name");
        eq(i.bankSwift(), bank == null || bank.swift() == null ? "" : bank.swift(), at + " swift");
        eq(i.account(), r[2], at + " account");
        eq(i.serviceCode(), r[3], at + " service code");
        eq(i.service(), r[3].equals("QRIBFTTC") ? Service.CARD : Service.ACCOUNT, at + " service");
        eq(i.isStatic(), value(p, "01").equals("11"), at + " static");
        eq(i.isDynamic(), value(p, "01").equals("12"), at + " dynamic");
        eq(i.amount(), r[4], at + " amount");
        eq(i.amountMinor(), r[4].isEmpty() ? 0L : VietQR.parseAmount(r[4], 704), at + " minor");
        eq(i.amountStatus(), 0, at + " amount status");
        eq(i.currency(), 704L, at + " currency");
        eq(i.currencyAlpha(), "VND", at + " alpha");
        eq(i.country(), value(p, "58"), at + " country");
        eq(i.mcc(), r[5], at + " mcc");
        eq(i.merchantName(), r[6], at + " name");
        eq(i.merchantCity(), r[7], at + " city");
        eq(i.billNumber(), r[8], at + " bill");
        eq(i.store(), value(p, "62.03"), at + " store");
        eq(i.reference(), value(p, "62.05"), at + " reference");
        eq(i.terminal(), value(p, "62.07"), at + " terminal");
        eq(i.purpose(), r[9], at + " purpose");
        check(i.bin() == i.bin() && i.purpose() == i.purpose(), at + " strings made once");
        eq(i.toString(), "NAPAS " + r[1] + " " + r[2] + " " + r[4], at + " toString");
    }

    private static String report(VietQRReport r) {
        StringBuilder s = new StringBuilder(r.bin() + "|" + r.bankKnown() + "|" + r.changed());
        for (FoldedField f : r.fields())
            s.append("|").append(f.tag()).append(",").append(f.changed()).append(",")
                .append(f.chars()).append(",").append(f.text());
        return s.toString();
    }

    static void add(Map<String, VietQRTest.Body> tests, Path root) {
        tests.put("corpus_read_every_field", () -> {
            List<String[]> rows = corpus(root);
            for (int k = 0; k < rows.size(); k++) {
                String[] r = rows.get(k);
                String at = "row " + (k + 1);
                try (Payload p = Payload.parse(r[0]);
                     Payload q = Payload.parse(r[0].getBytes(StandardCharsets.UTF_8), false)) {
                    checkInfo(p.vietqr(), p, r, at);
                    checkInfo(q.vietqr(), q, r, at + " (bytes)");
                    eq(p.write(true), r[0], at + " payload kept");
                }
            }
        });
        tests.put("corpus_write_text_and_report", () -> {
            List<String[]> rows = corpus(root);
            for (int k = 0; k < rows.size(); k++) {
                String[] r = rows.get(k);
                String at = "row " + (k + 1);
                VietQRBuilder b = builder(r);
                VietQRResult w = b.write();
                eq(w.text(), r[10], at + " text");
                Bank bank = Banks.byBin(r[1]);
                eq(report(w.report()), r[1] + "|" + (bank != null) + "|0", at + " report");
                check(w.report() == w.report(), at + " report made once");
                try (VietQRBuild built = b.build()) {
                    eq(built.text(), r[10], at + " build");
                    eq(report(built.report()), report(w.report()), at + " build report");
                }
                eq(b.write().text(), r[10], at + " builder reused");
            }
        });
        tests.put("write_reports_folding", () -> {
            VietQRBuilder b = new VietQRBuilder().bank("Vietcombank").account("0011012345678")
                .amount(180000).purpose("Thanh toán học phí").merchantName("Bệnh viện Bạch Mai")
                .merchantCity("Hà Nội").billNumber("HĐ-01");
            String want = "970436|true|9|59,3,18,Benh vien Bach Mai|60,2,6,Ha Noi"
                + "|62.01,1,5,HD-01|62.08,3,18,Thanh toan hoc phi";
            VietQRResult w = b.write();
            eq(report(w.report()), want, "write");
            try (VietQRBuild built = b.build()) {
                eq(report(built.report()), want, "build");
                eq(built.text(), w.text(), "same text");
            }
            eq(w.text(), withCrc("00020101021238570010A00000072701270006970436011300110123456780208"
                                 + "QRIBFTTA530370454061800005802VN5918Benh vien Bach Mai6006Ha Noi"
                                 + "62310105HD-010818Thanh toan hoc phi"), "text");
        });
        tests.put("long_write_result", () -> {
            // Text and report longer than the array write() first offers:
            // written again into one long enough.
            VietQRBuilder b = new VietQRBuilder().bank("970436").account("0011012345678")
                .amount(1234567890123L).mcc("8062").merchantName("Bệnh viện Đa khoa Tỉnh Hà")
                .merchantCity("Thành phố Hà Nộ").billNumber("Hóa đơn số 12345678")
                .store("Cửa hàng số một trăm").reference("Mã tham chiếu 1").terminal("Quầy số 1")
                .purpose("Học phí kỳ một");
            VietQRResult w = b.write();
            VietQRReport r = w.report();
            eq(r.fields().size(), 7, "every text field folded");
            int bytes = 2 + w.text().length() + 2 + r.bin().length() + 10;
            for (FoldedField f : r.fields())
                bytes += 2 + f.tag().length() + 16 + 2 + f.text().length();
            check(bytes > 512, "a result longer than the first guess: " + bytes);
            try (VietQRBuild built = b.build()) {
                eq(w.text(), built.text(), "text");
                eq(report(r), report(built.report()), "report");
            }
            eq(r.fields().get(6).text(), "Hoc phi ky mot", "62.08");
        });
        tests.put("strings_cross_as_utf8", () -> {
            // A pair across the glue's 256-unit chunks (units 255 and 256),
            // then a lone surrogate: UTF-8 error at its byte offset.
            String pair = "\uD83C\uDF5C";
            String text = "000201" + "a".repeat(249) + pair + "\ud800";
            VietQRException e = raises(() -> Payload.parse(text), "pair across chunks");
            eq(e.name(), "VQR_ERR_UTF8", "name");
            eq(e.offset(), 6L + 249 + 4, "offset");
            eq(e.charOffset(), 6L + 249 + 1, "char offset");
            // A high surrogate last in a chunk, alone.
            String lone = "000201" + "a".repeat(249) + "\ud83c" + "b";
            eq(raises(() -> Payload.parse(lone), "lone high").offset(), 6L + 249, "lone high offset");
            eq(raises(() -> Payload.parse("000201\udf5c"), "lone low").offset(), 6L, "lone low offset");
            // Text and its UTF-8 bytes give the same payload and diagnostics.
            String vi = withCrc("00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA"
                                + "53037045802VN5910Quán " + pair + "6005Hà Nội");
            for (boolean lenient : new boolean[] {false, true}) {
                String a, b;
                try {
                    Payload p = Payload.parse(vi, lenient);
                    a = p.write(true) + " " + p.diagnostics();
                    p.close();
                } catch (VietQRException x) {
                    a = x.name() + " " + x.offset() + " " + x.diagnostics();
                }
                try {
                    Payload p = Payload.parse(vi.getBytes(StandardCharsets.UTF_8), lenient);
                    b = p.write(true) + " " + p.diagnostics();
                    p.close();
                } catch (VietQRException x) {
                    b = x.name() + " " + x.offset() + " " + x.diagnostics();
                }
                eq(a, b, "text and bytes, lenient " + lenient);
            }
            // Longer than the glue's stack buffers: the heap.
            String big = "0".repeat(3000);
            VietQRException t = raises(() -> Payload.parse(big), "large text");
            VietQRException u = raises(() -> Payload.parse(big.getBytes(StandardCharsets.UTF_8), false),
                                       "large bytes");
            eq(t.name(), "VQR_ERR_INPUT_TOO_LARGE", "large");
            eq(t.name() + t.offset() + t.limit(), u.name() + u.offset() + u.limit(), "large: same");
            VietQRException l = raises(() -> new VietQRBuilder().bank("970436").account("1")
                                           .merchantName("ệ".repeat(1000)).write(), "long field");
            eq(l.name() + " " + l.tag() + " " + l.limit(), "VQR_ERR_LENGTH 59 25", "long field");
            // The builder's fields: a NUL after a pair, a lone surrogate.
            VietQRException n = raises(() -> new VietQRBuilder().bank("970436").account("1")
                                           .purpose(pair + "x\0").write(), "nul");
            eq(n.name() + " " + n.offset() + " " + n.charOffset() + " " + n.tag(),
               "VQR_ERR_INVALID_ARGUMENT 5 2 62.08", "nul after a pair");
            VietQRException s = raises(() -> new VietQRBuilder().bank("970436").account("1")
                                           .purpose("Học\ud800").build(), "lone in a field");
            eq(s.name() + " " + s.offset() + " " + s.tag(), "VQR_ERR_UTF8 5 62.08", "lone in a field");
        });
        tests.put("long_view", () -> {
            // A view longer than the array Payload.vietqr() first offers
            // (59 and 60 beyond their limits, read in lenient mode): read
            // again into one long enough.
            String t38 = "0010A000000727" + "0127" + "0006970436" + "0113" + "0011012345678"
                + "0208QRIBFTTA";
            String name = "Benh vien ".repeat(9) + "Bach Mai ", city = "Thanh pho ".repeat(9) + "Ha Noi 12";
            String text = withCrc("000201010211" + "38" + t38.length() + t38 + "5303704" + "5406150000"
                                  + "5802VN" + "5999" + name + "6099" + city
                                  + "62290825" + "P".repeat(25));
            try (Payload p = Payload.parse(text, true)) {
                eq(p.warningCount(), 3L, "59 and 60 too long, no 52: " + p.diagnostics());
                VietQRInfo i = p.vietqr();
                eq(i.bankShortName(), "Vietcombank", "bank");
                eq(i.bankName(), Banks.byBin("970436").name(), "bank name");
                eq(i.account(), "0011012345678", "account");
                eq(i.merchantName(), name, "59");
                eq(i.merchantCity(), city, "60");
                eq(i.purpose(), "P".repeat(25), "62.08");
                eq(i.amountMinor(), 150000L, "amount");
                check(i.isStatic(), "static");
                String[] all = {i.guid(), i.bin(), i.bankShortName(), i.bankName(), i.bankSwift(),
                                i.account(), i.serviceCode(), i.amount(), i.currencyAlpha(),
                                i.country(), i.mcc(), i.merchantName(), i.merchantCity(),
                                i.billNumber(), i.store(), i.reference(), i.terminal(), i.purpose()};
                int bytes = 72; // the packed view's numbers and ends (VietQRInfo)
                for (String f : all)
                    bytes += f.getBytes(StandardCharsets.UTF_8).length;
                check(bytes > 400, "a view longer than the first guess: " + bytes);
            }
        });
        tests.put("parse_null_and_closed", () -> {
            org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                                                          () -> Payload.parse((String) null));
            org.junit.jupiter.api.Assertions.assertThrows(
                NullPointerException.class, () -> Payload.parse((byte[]) null, false));
            Payload p = Payload.parse(VietQRTest.NAPAS);
            VietQRInfo i = p.vietqr();
            p.close();
            eq(i.purpose(), "thanh toan don hang", "a view outlives its payload");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, p::vietqr);
        });
    }
}
