// A hospital invoice's VietQR from Java, with vietqr.jar alone on the class
// path: no -Djava.library.path, no LD_LIBRARY_PATH (the JNI library comes
// out of the jar).
//
//   javac -cp vietqr.jar Invoice.java && java -cp vietqr.jar:. Invoice
//   java -cp vietqr.jar Invoice.java          (Java 11+: no javac step)
//
// Prints the payload, the bank it pays and the PNG's size; exits 1 if what
// it reads back is not what it wrote.
import vn.vietqr.Payload;
import vn.vietqr.QRCode;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRBuilder;
import vn.vietqr.VietQRInfo;

public final class Invoice {
    public static void main(String[] args) {
        String text = new VietQRBuilder().bank("Vietcombank").account("0011012345678")
            .amount(150000).purpose("Vien phi HD2024-0042").billNumber("HD2024-0042")
            .write().text();
        try (Payload p = Payload.parse(text); QRCode qr = QRCode.encode(text)) {
            VietQRInfo info = p.vietqr();
            byte[] png = qr.png();
            System.out.println("libvietqr " + VietQR.versionString());
            System.out.println(text);
            System.out.println(info.bankShortName() + " " + info.account() + " " + info.amountMinor()
                               + " VND, QR version " + qr.version() + ", PNG " + png.length + " bytes");
            boolean ok = info.amountMinor() == 150000 && "970436".equals(info.bin())
                && png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G';
            if (!ok) {
                System.err.println("Invoice: what was read back differs from what was written");
                System.exit(1);
            }
        }
    }
}
