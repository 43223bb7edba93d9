package vn.vietqr.test;

import static vn.vietqr.test.VietQRTest.NAPAS;
import static vn.vietqr.test.VietQRTest.check;
import static vn.vietqr.test.VietQRTest.eq;
import static vn.vietqr.test.VietQRTest.raises;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import vn.vietqr.Ecc;
import vn.vietqr.Payload;
import vn.vietqr.PrintSize;
import vn.vietqr.QRCode;
import vn.vietqr.RenderOptions;
import vn.vietqr.VietQRException;

/** Tests of QR encoding, the module matrix, PNG/SVG/terminal images and print sizing. */
final class RenderTests {
    private RenderTests() {}

    static String vietnamesePayload() {
        try (Payload p = new Payload()) {
            String[][] kv = {{"26.00", "com.test"}, {"52", "8062"}, {"53", "704"}, {"58", "VN"},
                             {"59", "BV"}, {"60", "HN"}, {"64.00", "vi"}, {"64.01", "Bệnh viện Bạch Mai"}};
            for (String[] x : kv)
                p.set(x[0], x[1]);
            return p.write();
        }
    }

    static int u32(byte[] b, int at) {
        return ((b[at] & 255) << 24) | ((b[at + 1] & 255) << 16) | ((b[at + 2] & 255) << 8) | (b[at + 3] & 255);
    }

    /** Chunk types of a PNG, after checking its signature; IHDR first. */
    static List<String> chunks(byte[] png) {
        eq(Arrays.toString(Arrays.copyOf(png, 8)),
           Arrays.toString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}), "signature");
        List<String> out = new ArrayList<>();
        for (int i = 8; i < png.length; i += 12 + u32(png, i))
            out.add(new String(png, i + 4, 4, StandardCharsets.US_ASCII));
        return out;
    }

    static String zbarimg() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "zbarimg");
            if (f.canExecute())
                return f.getPath();
        }
        return null;
    }

    static void add(Map<String, VietQRTest.Body> tests) {
        tests.put("qr_encode_and_modules", () -> {
            try (QRCode q = QRCode.encode(NAPAS)) {
                int w = q.width();
                eq(w, 17 + 4 * q.version(), "width");
                eq(q.ecc(), Ecc.M, "default level");
                check(!q.hasEci(), "ASCII: no ECI");
                byte[] m = q.modules();
                eq(m.length, w * w, "matrix");
                for (int y = 0; y < w; y++)
                    for (int x = 0; x < w; x++)
                        eq(q.module(x, y), m[y * w + x] == 1, "module " + x + "," + y);
                check(q.module(0, 0) && q.module(6, 6) && q.module(2, 2), "finder");
                check(!q.module(1, 1) && !q.module(7, 7), "finder light ring and separator");
                check(!q.module(-1, 0) && !q.module(w, 0), "outside");
            }
            try (QRCode q = QRCode.encode(vietnamesePayload())) {
                check(q.hasEci(), "UTF-8: ECI");
            }
            int prev = 0;
            for (Ecc e : new Ecc[] {Ecc.L, Ecc.M, Ecc.Q, Ecc.H}) {
                try (QRCode q = QRCode.encode(NAPAS, e)) {
                    eq(q.ecc(), e, "level");
                    check(q.version() >= prev, "version grows with the level");
                    prev = q.version();
                }
            }
        });
        tests.put("qr_encode_errors", () -> {
            eq(raises(() -> QRCode.encode(""), "empty").name(), "VQR_ERR_QR_EMPTY", "empty");
            VietQRException u = raises(() -> QRCode.encode(new byte[] {'0', '0', (byte) 0xFF}, Ecc.M), "utf8");
            eq(u.name(), "VQR_ERR_UTF8", "utf8");
            eq(u.offset(), 2L, "utf8 offset");
            VietQRException l = raises(() -> QRCode.encode("A".repeat(3000), Ecc.H), "long");
            eq(l.name(), "VQR_ERR_QR_TOO_LONG", "long");
            eq(l.limit(), 1273L, "long limit");
        });
        tests.put("png", () -> {
            try (QRCode q = QRCode.encode(NAPAS)) {
                int side = q.width() + 8;
                byte[] png = q.png();
                List<String> c = chunks(png);
                eq(c.get(0), "IHDR", "IHDR first");
                eq(u32(png, 16), side * 4, "width");
                eq(u32(png, 20), side * 4, "height");
                eq(png[24] + "," + png[25], "1,0", "1-bit greyscale");
                check(c.contains("pHYs"), "pHYs");
                byte[] p2 = q.png(new RenderOptions().scale(2).quietZone(0).dpi(0).foreground(0x003366));
                eq(u32(p2, 16), q.width() * 2, "scaled width");
                eq(p2[24] + "," + p2[25], "1,3", "1-bit palette");
                check(!chunks(p2).contains("pHYs"), "no pHYs");
                check(chunks(p2).contains("PLTE"), "palette");
            }
        });
        tests.put("svg", () -> {
            try (QRCode q = QRCode.encode(NAPAS)) {
                int side = q.width() + 8;
                String svg = q.svg(new RenderOptions().scale(3).title("Học phí <A&B>"));
                check(svg.startsWith("<svg ") && svg.endsWith("</svg>\n"), "document");
                check(svg.contains("viewBox=\"0 0 " + side + " " + side + "\""), "viewBox");
                check(svg.contains("width=\"" + 3 * side + "\" height=\"" + 3 * side + "\""), "size");
                check(svg.contains("<title>Học phí &lt;A&amp;B&gt;</title>"), "title");
                check(!q.svg().contains("<title>"), "no title");
                for (String bad : new String[] {"a\u0001b", "a\0b"}) {
                    VietQRException e = raises(() -> q.svg(new RenderOptions().title(bad)), "title");
                    eq(e.name(), "VQR_ERR_INVALID_ARGUMENT", "bad title");
                    eq(e.offset(), 1L, "bad title offset");
                }
            }
        });
        tests.put("terminal_matches_the_modules", () -> {
            try (QRCode q = QRCode.encode("HELLO")) {
                int w = q.width();
                byte[] m = q.modules();
                for (boolean invert : new boolean[] {false, true}) {
                    String t = q.terminal(new RenderOptions().ascii(true).invert(invert).quietZone(2));
                    check(t.endsWith("\n"), "newline");
                    String[] lines = t.split("\n");
                    int side = w + 4;
                    eq(lines.length, side, "lines");
                    for (int y = 0; y < side; y++) {
                        StringBuilder want = new StringBuilder();
                        for (int x = 0; x < side; x++) {
                            int sx = x - 2, sy = y - 2;
                            boolean dark = sx >= 0 && sx < w && sy >= 0 && sy < w && m[sy * w + sx] == 1;
                            want.append(dark == invert ? "##" : "  ");
                        }
                        eq(lines[y], want.toString(), "line " + y + (invert ? " inverted" : ""));
                    }
                }
                String[] half = q.terminal(new RenderOptions().quietZone(1)).split("\n");
                eq(half.length, (w + 3) / 2, "half-block lines");
                check(String.join("", half).matches("[ \u2580\u2584\u2588]+"), "half blocks");
            }
        });
        tests.put("files_and_zbar", () -> {
            Path dir = Files.createTempDirectory("vietqr");
            String zbar = zbarimg();
            try {
                for (String text : new String[] {NAPAS, vietnamesePayload()}) {
                    try (QRCode q = QRCode.encode(text)) {
                        Path png = dir.resolve("code.png");
                        q.savePng(png, new RenderOptions().scale(5));
                        check(Arrays.equals(Files.readAllBytes(png), q.png(new RenderOptions().scale(5))), "png file");
                        Path svg = dir.resolve("code.svg");
                        q.saveSvg(svg, new RenderOptions().title("VietQR"));
                        eq(Files.readString(svg), q.svg(new RenderOptions().title("VietQR")), "svg file");
                        if (zbar != null) {
                            Process pr = new ProcessBuilder(zbar, "-q", "--raw", png.toString()).start();
                            String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                            eq(pr.waitFor(), 0, "zbarimg exit");
                            eq(out, text + "\n", "decoded");
                        }
                    }
                }
                try (QRCode q = QRCode.encode(NAPAS)) {
                    eq(raises(() -> q.savePng(dir.resolve("missing/code.png"), null), "io").name(),
                       "VQR_ERR_IO", "missing directory");
                    boolean threw = false;
                    try {
                        q.saveSvg(dir.resolve("a\0b.svg"), null);
                    } catch (IllegalArgumentException e) { // InvalidPathException from Path itself
                        threw = true;
                    }
                    check(threw, "NUL in path");
                }
                try (var list = Files.list(dir)) {
                    eq(list.count(), 2L, "files left");
                }
            } finally {
                try (var list = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) list::iterator)
                        Files.delete(p);
                }
                Files.delete(dir);
            }
            if (zbar == null)
                System.out.println("note: zbarimg not installed: images checked by structure only");
        });
        tests.put("render_errors", () -> {
            try (QRCode q = QRCode.encode(NAPAS)) {
                RenderOptions[] bad = {new RenderOptions().scale(0), new RenderOptions().foreground(0xFFFFFF),
                                       new RenderOptions().background(0x1000000), new RenderOptions().dpi(100001),
                                       new RenderOptions().quietZone(65)};
                for (RenderOptions o : bad)
                    eq(raises(() -> q.png(o), "options").name(), "VQR_ERR_INVALID_ARGUMENT", "options");
                VietQRException big = raises(() -> q.png(new RenderOptions().scale(1000)), "too large");
                eq(big.name(), "VQR_ERR_IMAGE_TOO_LARGE", "too large");
                eq(big.limit(), 16384L, "too large limit");
                boolean threw = false;
                try {
                    new RenderOptions().scale(-1);
                } catch (IllegalArgumentException e) {
                    threw = true;
                }
                check(threw, "negative scale");
            }
        });
        tests.put("print_size", () -> {
            try (QRCode q = QRCode.encode("HELLO", Ecc.M)) {
                eq(q.width(), 21, "width");
                PrintSize ps = q.printSize(25.0, 300, 4);
                eq(ps.scale(), 10, "scale");
                eq(ps.pixels(), 290, "pixels");
                check(Math.abs(ps.totalMm() - 290 * 25.4 / 300) < 1e-9, "total");
                check(Math.abs(ps.moduleMm() - 10 * 25.4 / 300) < 1e-9, "module");
                check(Math.abs(ps.symbolMm() - 210 * 25.4 / 300) < 1e-9, "symbol");
                eq(q.printSize(30.0, 600, 0).scale(), 33, "600 dpi");
                VietQRException e = raises(() -> q.printSize(5.0, 100, 4), "small");
                eq(e.name(), "VQR_ERR_PRINT_TOO_SMALL", "small");
                eq(e.limit(), 23L, "small limit");  // the smallest size giving 3 px per module
                raises(() -> q.printSize(22.0, 100, 4), "2 px per module");
                eq(q.printSize(23.0, 100, 4).scale(), 3, "3 px per module");
                eq(raises(() -> q.printSize(Double.NaN, 300, 4), "nan").name(), "VQR_ERR_INVALID_ARGUMENT", "nan");
                // A negative dpi is refused before the library: it has no unsigned form.
                ProfileTests.refused(() -> q.printSize(25.0, -1, 4), "dpi");
            }
        });
        tests.put("qr_closed", () -> {
            QRCode q = QRCode.encode(NAPAS);
            q.close();
            q.close();
            boolean threw = false;
            try {
                q.png();
            } catch (IllegalStateException e) {
                threw = true;
            }
            check(threw, "use after close");
        });
    }
}
