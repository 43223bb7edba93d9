/*
 * BindingsBench.java - the Java binding (JNI) on the corpus of bench/data,
 * the way bench/compare.py times the C library: every row checked first
 * (each field read back, the canonical payload written), then warm-up
 * passes for the JIT, then interleaved rounds of one pass over the corpus,
 * in the thread's CPU time; prints the fastest and the median round in ns
 * per payload.
 *
 *   Payload.parse(p).vietqr() (closed after),   op java/read
 *     then bin(), account(), amountMinor() and purpose() read
 *   new VietQRBuilder()...write().text()        op java/write
 *
 * Usage: java -Dvietqr.jni.library=.../libvietqr_jni.so -cp vietqr.jar:DIR
 *        BindingsBench CORPUS.tsv [ROUNDS]
 */
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import vn.vietqr.Payload;
import vn.vietqr.Service;
import vn.vietqr.VietQRBuilder;
import vn.vietqr.VietQRInfo;

public final class BindingsBench {
    private static long sink;

    private static VietQRBuilder builder(String[] r) {
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

    private static String[] fields(VietQRInfo i) {
        return new String[] { i.bin(), i.account(), i.serviceCode(), i.amount(), i.mcc(),
                              i.merchantName(), i.merchantCity(), i.billNumber(), i.purpose() };
    }

    public static void main(String[] args) throws Exception {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size()))
            if (!line.isEmpty())
                rows.add(line.split("\t", -1));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int n = rows.size();
        String[] payloads = new String[n];
        VietQRBuilder[] builders = new VietQRBuilder[n];
        int bad = 0;
        for (int k = 0; k < n; k++) {
            String[] r = rows.get(k);
            payloads[k] = r[0];
            builders[k] = builder(r);
            String[] got;
            try (Payload p = Payload.parse(r[0])) {
                got = fields(p.vietqr());
            }
            if (!Arrays.equals(got, Arrays.copyOfRange(r, 1, 10))) {
                bad++;
                System.err.println("java: reads " + Arrays.toString(got) + " from " + r[0]);
            }
            String w = builders[k].write().text();
            if (!w.equals(r[10])) {
                bad++;
                System.err.println("java: writes " + w + ", expected " + r[10]);
            }
        }
        if (bad > 0) {
            System.err.println("BindingsBench: " + bad + " wrong results; nothing timed");
            System.exit(1);
        }
        Runnable read = () -> {
            for (String s : payloads)
                try (Payload p = Payload.parse(s)) {
                    VietQRInfo i = p.vietqr();
                    sink += i.bin().length() + i.account().length() + i.amountMinor()
                        + i.purpose().length();
                }
        };
        Runnable write = () -> {
            for (VietQRBuilder b : builders)
                sink += b.write().text().length();
        };
        String[] names = { "java/read", "java/write" };
        Runnable[] ops = { read, write };
        for (int w = 0; w < 30; w++) /* warm-up: let the JIT compile both */
            for (Runnable op : ops)
                op.run();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] ns = new double[2][rounds];
        for (int r = 0; r < rounds; r++)
            for (int k = 0; k < 2; k++) {
                long t = cpu.getCurrentThreadCpuTime();
                ops[k].run();
                ns[k][r] = (double) (cpu.getCurrentThreadCpuTime() - t) / n;
            }
        for (int k = 0; k < 2; k++) {
            Arrays.sort(ns[k]);
            System.out.printf("op\t%s\t%.1f\t%.1f\t%d%n", names[k], ns[k][0], ns[k][rounds / 2],
                              rounds);
        }
        if (sink == 42)
            System.out.println();
    }
}
