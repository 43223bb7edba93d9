/*
 * advice.c - a suggested fix for each diagnostic, in English and
 * Vietnamese, with the numbers that help: the CRC the payload should carry,
 * the limit that was broken, the first occurrence of a duplicate.
 */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The value of the object at `tag`, or NULL. */
static bool value_at(const vqr_payload *p, const char *tag, vqr_view *v)
{
    return tag[0] && vqr_payload_get(p, tag, v, NULL) == VQR_OK && v->ptr;
}

/* Upper-case hex of a CRC. */
static void hex4(uint16_t crc, char out[5])
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 3; i >= 0; i--) {
        out[i] = digits[crc & 0xF];
        crc = (uint16_t)(crc >> 4);
    }
    out[4] = '\0';
}

#define SAY(en, vi, ...) (void)snprintf(out, cap, vi_ ? (vi) : (en), __VA_ARGS__)
#define SAY0(en, vi) (void)snprintf(out, cap, "%s", vi_ ? (vi) : (en))

void cli_advice(const vqr_payload *p, const char *payload, size_t len, const vqr_error *e, bool vi_,
                char *out, size_t cap)
{
    const char *tag = e->tag;
    const char *name = cli_field_name(p, tag, vi_);
    char given[5], computed[5];
    vqr_payload_crc(p, given, computed);
    vqr_view v;

    switch (e->code) {
    case VQR_ERR_INPUT_TOO_LARGE:
        SAY0("This is not a QR payload: payloads hold at most 512 characters.",
             "Đây không phải payload QR: payload có tối đa 512 ký tự.");
        break;
    case VQR_ERR_UTF8:
        SAY0("Save or send the payload as UTF-8: the byte marked is not valid UTF-8.",
             "Lưu hoặc gửi payload ở dạng UTF-8: byte được đánh dấu không hợp lệ trong UTF-8.");
        break;
    case VQR_ERR_BAD_ID:
        SAY0("Every object starts with a two-digit ID. Characters were lost, added or "
             "mistyped before this point; compare with the original payload.",
             "Mỗi đối tượng bắt đầu bằng ID hai chữ số. Có ký tự bị mất, thừa hoặc gõ sai "
             "trước vị trí này; hãy so với payload gốc.");
        break;
    case VQR_ERR_BAD_LENGTH:
        SAY0("The two characters after the ID are the value's length, 01 to 99.",
             "Hai ký tự sau ID là độ dài của giá trị, từ 01 đến 99.");
        break;
    case VQR_ERR_TRUNCATED:
        SAY0("The length announces more characters than remain: the payload was cut short, "
             "or the length is wrong (lengths count characters, not bytes).",
             "Độ dài khai báo nhiều ký tự hơn phần còn lại: payload bị cắt, hoặc độ dài sai "
             "(độ dài tính theo ký tự, không theo byte).");
        break;
    case VQR_ERR_ZERO_LENGTH:
        SAY("Give %s a value or remove it: lengths run from 01 to 99.",
            "Hãy cho %s một giá trị hoặc bỏ nó đi: độ dài từ 01 đến 99.", tag);
        break;
    case VQR_ERR_DUPLICATE_ID:
        if (e->related_offset != SIZE_MAX)
            SAY("Keep one %s (%s) only; the first one starts at byte %zu.",
                "Chỉ giữ một %s (%s); đối tượng đầu tiên bắt đầu ở byte %zu.", tag, name,
                e->related_offset);
        else
            SAY("Keep one %s (%s) only.", "Chỉ giữ một %s (%s).", tag, name);
        break;
    case VQR_ERR_PFI_NOT_FIRST:
        SAY0("Start the payload with the Payload Format Indicator: 000201.",
             "Payload phải bắt đầu bằng chỉ báo định dạng: 000201.");
        break;
    case VQR_ERR_CRC_MISSING:
        /* What the CRC would be with "6304" appended to the payload as it is. */
        if (len <= VQR_INPUT_MAX) {
            char buf[VQR_INPUT_MAX + 5], crc[5];
            memcpy(buf, payload, len);
            memcpy(buf + len, "6304", 5);
            hex4(vqr_crc16(buf, len + 4), crc);
            SAY("End the payload with the CRC object: append 6304%s.",
                "Kết thúc payload bằng đối tượng CRC: thêm 6304%s vào cuối.", crc);
        } else {
            SAY0("End the payload with the CRC object 6304 and four hex digits.",
                 "Kết thúc payload bằng đối tượng CRC 6304 và bốn chữ số hex.");
        }
        break;
    case VQR_ERR_CRC_NOT_LAST:
        SAY0("Move the CRC object (63) to the very end and compute it again.",
             "Chuyển đối tượng CRC (63) xuống cuối cùng và tính lại.");
        break;
    case VQR_ERR_CRC_FORMAT:
        if (computed[0])
            SAY("The CRC is four upper-case hex digits; for this payload it is %s.",
                "CRC gồm bốn chữ số hex viết hoa; với payload này CRC là %s.", computed);
        else
            SAY0("The CRC is four upper-case hex digits.", "CRC gồm bốn chữ số hex viết hoa.");
        break;
    case VQR_ERR_CRC_MISMATCH:
        SAY("The CRC computed over this payload is %s, not %s. If the content is right, "
            "write %s; otherwise the payload was changed or mistyped after it was made.",
            "CRC tính trên payload này là %s, không phải %s. Nếu nội dung đúng, hãy ghi %s; "
            "nếu không, payload đã bị sửa hoặc gõ sai sau khi tạo.",
            computed, given, computed);
        break;
    case VQR_ERR_CRC_LOWERCASE:
        SAY("Write the CRC in upper case: %s.", "Viết CRC bằng chữ hoa: %s.", computed);
        break;
    case VQR_ERR_TEMPLATE_MALFORMED:
        SAY("The value of %s (%s) must be a sequence of ID/length/value objects; "
            "the structure breaks at the mark.",
            "Giá trị của %s (%s) phải là chuỗi các đối tượng ID/độ dài/giá trị; cấu trúc "
            "bị hỏng tại vị trí đánh dấu.",
            tag, name);
        break;
    case VQR_ERR_TEMPLATE_EMPTY:
        SAY("Remove the empty template %s or put its objects in it.",
            "Bỏ mẫu rỗng %s hoặc thêm các đối tượng của nó.", tag);
        break;
    case VQR_ERR_PAYLOAD_TOO_LONG:
        SAY0("Shorten the texts (59, 60, 62, 64) so the payload stays within 512 characters.",
             "Rút ngắn các trường văn bản (59, 60, 62, 64) để payload không quá 512 ký tự.");
        break;
    case VQR_ERR_BYTE_LENGTHS:
        SAY0("The generator counted UTF-8 bytes; lengths must count characters. Make the "
             "payload again with a conforming generator.",
             "Trình tạo mã đã đếm byte UTF-8; độ dài phải tính theo ký tự. Hãy tạo lại payload "
             "bằng trình tạo đúng chuẩn.");
        break;
    case VQR_ERR_BOM:
        SAY0("Remove the byte order mark (U+FEFF, the bytes EF BB BF) before the payload: the "
             "program that saved the text added it. The payload itself starts with 000201.",
             "Bỏ dấu thứ tự byte (U+FEFF, các byte EF BB BF) trước payload: chương trình lưu "
             "văn bản đã thêm nó. Payload bắt đầu bằng 000201.");
        break;
    case VQR_ERR_TRAILING_DATA: {
        /* What follows the CRC, in words; never a new CRC: the payload
         * proper is complete. */
        size_t n = e->offset < len ? len - e->offset : 0;
        bool blank = n > 0;
        for (size_t i = e->offset; i < len && blank; i++)
            blank =
                payload[i] == ' ' || payload[i] == '\t' || payload[i] == '\r' || payload[i] == '\n';
        SAY("Remove the %zu byte%s after the CRC (%s): a payload ends with 6304 and the four "
            "digits of its CRC, which are right here.",
            "Bỏ %zu byte sau CRC (%s): payload kết thúc bằng 6304 và bốn chữ số CRC, và CRC "
            "ở đây đúng.",
            n, vi_ || n == 1 ? "" : "s",
            blank ? (vi_ ? "dấu cách hoặc xuống dòng" : "spaces or line breaks")
                  : (vi_ ? "phần dư, có thể là payload thứ hai"
                         : "left over, perhaps a "
                           "second payload"));
        break;
    }
    case VQR_ERR_UTF16_LENGTHS:
        SAY("The generator counted UTF-16 code units (JavaScript's length: 2 for an emoji) in "
            "%s and the templates holding it; lengths count characters. Make the payload again "
            "with character lengths, or without the emoji.",
            "Trình tạo mã đã đếm đơn vị UTF-16 (độ dài của JavaScript: 2 cho một emoji) ở %s và "
            "các mẫu chứa nó; độ dài phải tính theo ký tự. Hãy tạo lại payload với độ dài theo "
            "ký tự, hoặc bỏ emoji.",
            tag[0] ? tag : "the payload");
        break;
    case VQR_ERR_NOT_NFC:
        SAY("Write %s (%s) in precomposed form (NFC): the combining mark at the caret belongs "
            "in the letter before it (vqr_text_nfc, or any NFC normaliser, does this).",
            "Viết %s (%s) ở dạng dựng sẵn (NFC): dấu kết hợp tại vị trí đánh dấu phải gộp vào "
            "chữ cái trước nó (vqr_text_nfc hay bất kỳ công cụ chuẩn hoá NFC nào làm được).",
            tag, name);
        break;
    case VQR_ERR_FORMAT_N:
        SAY("%s (%s) takes the digits 0-9 only.", "%s (%s) chỉ nhận chữ số 0-9.", tag, name);
        break;
    case VQR_ERR_FORMAT_ANS:
        SAY("%s (%s) takes printable ASCII only: write Vietnamese without diacritics "
            "(\"Học phí\" -> \"Hoc phi\", \"đ\" -> \"d\").",
            "%s (%s) chỉ nhận ký tự ASCII in được: viết tiếng Việt không dấu "
            "(\"Học phí\" -> \"Hoc phi\", \"đ\" -> \"d\").",
            tag, name);
        break;
    case VQR_ERR_FORMAT_S:
        SAY("Remove the control character from %s (%s).", "Bỏ ký tự điều khiển khỏi %s (%s).", tag,
            name);
        break;
    case VQR_ERR_FORMAT_BIDI:
        SAY("Remove the bidirectional control character from %s (%s): it changes the order "
            "in which the text is shown, so a name or a number can read differently from "
            "what it holds.",
            "Bỏ ký tự điều khiển hướng văn bản khỏi %s (%s): nó làm thay đổi thứ tự hiển thị, "
            "khiến tên hoặc số trông khác với nội dung thật.",
            tag, name);
        break;
    case VQR_ERR_FORMAT_INVISIBLE:
        SAY("Remove the invisible character from %s (%s): it cannot be seen, yet it changes "
            "the text.",
            "Bỏ ký tự vô hình khỏi %s (%s): không nhìn thấy được nhưng nó làm thay đổi nội "
            "dung.",
            tag, name);
        break;
    case VQR_ERR_LENGTH:
        if (value_at(p, tag, &v) && v.chars > e->limit)
            SAY("%s (%s) holds at most %zu characters; this one has %zu. Shorten it.",
                "%s (%s) tối đa %zu ký tự; giá trị này có %zu. Hãy rút ngắn.", tag, name, e->limit,
                v.chars);
        else if (value_at(p, tag, &v))
            SAY("%s (%s) needs at least %zu characters; this one has %zu.",
                "%s (%s) cần ít nhất %zu ký tự; giá trị này có %zu.", tag, name, e->limit, v.chars);
        else
            SAY("The length of %s (%s) is outside its limits.",
                "Độ dài của %s (%s) nằm ngoài giới hạn.", tag, name);
        break;
    case VQR_ERR_MISSING:
        SAY("Add %s (%s): it is mandatory.", "Thêm %s (%s): trường này bắt buộc.", tag, name);
        break;
    case VQR_ERR_PFI_VALUE:
        SAY0("The Payload Format Indicator is 01: start the payload with 000201.",
             "Chỉ báo định dạng là 01: payload bắt đầu bằng 000201.");
        break;
    case VQR_ERR_POI_VALUE:
        SAY0("01 is 11 for a reusable (static) QR or 12 for one transaction (dynamic).",
             "01 là 11 cho QR tĩnh (dùng nhiều lần) hoặc 12 cho QR động (một giao dịch).");
        break;
    case VQR_ERR_NO_MERCHANT_ACCOUNT:
        SAY0("Add the payee's account: for VietQR, template 38 with the NAPAS GUID "
             "A000000727, the bank BIN and the account number.",
             "Thêm tài khoản người nhận: với VietQR là mẫu 38 có GUID NAPAS A000000727, BIN "
             "ngân hàng và số tài khoản.");
        break;
    case VQR_ERR_AMOUNT_SYNTAX:
        SAY0("Write the amount as digits with at most one \".\": no spaces, commas, dots "
             "between thousands or currency signs (50000, not 50,000 or 50.000d).",
             "Viết số tiền bằng chữ số và tối đa một dấu \".\": không dấu cách, dấu phẩy, "
             "dấu chấm phân cách hàng nghìn hay ký hiệu tiền (50000, không phải 50,000 hay "
             "50.000d).");
        break;
    case VQR_ERR_AMOUNT_ZERO:
        SAY0("Give a non-zero amount, or remove 54 so the payer types the amount.",
             "Ghi số tiền khác 0, hoặc bỏ 54 để người trả tự nhập số tiền.");
        break;
    case VQR_ERR_AMOUNT_DECIMALS:
        if (e->limit == 0)
            SAY0("This currency has no minor unit: write whole units (VND: 50000, "
                 "not 50000.50).",
                 "Đơn vị tiền này không có phần lẻ: ghi số nguyên (VND: 50000, không phải "
                 "50000.50).");
        else
            SAY("This currency takes at most %zu decimals.",
                "Đơn vị tiền này có tối đa %zu chữ số thập phân.", e->limit);
        break;
    case VQR_ERR_CURRENCY:
        SAY0("53 is an ISO 4217 numeric code: 704 for VND.", "53 là mã số ISO 4217: 704 cho VND.");
        break;
    case VQR_ERR_TIP_INDICATOR:
        SAY0("55 is 01 (ask for a tip), 02 (fixed fee in 56) or 03 (percentage in 57).",
             "55 là 01 (hỏi tiền boa), 02 (phí cố định ở 56) hoặc 03 (phí phần trăm ở 57).");
        break;
    case VQR_ERR_TIP_CONFLICT:
        SAY0("56 goes with 55 = 02 and 57 with 55 = 03: remove the one that does not match.",
             "56 đi với 55 = 02 và 57 đi với 55 = 03: bỏ trường không khớp.");
        break;
    case VQR_ERR_FEE_PERCENT:
        SAY0("57 is a percentage from 00.01 to 99.99.",
             "57 là tỷ lệ phần trăm từ 00.01 đến 99.99.");
        break;
    case VQR_ERR_COUNTRY:
        SAY0("58 is two upper-case letters (ISO 3166-1): VN.",
             "58 gồm hai chữ cái viết hoa (ISO 3166-1): VN.");
        break;
    case VQR_ERR_CONSUMER_DATA:
        SAY0("62.09 combines A (address), M (mobile) and E (e-mail), each at most once: ME.",
             "62.09 kết hợp A (địa chỉ), M (di động) và E (email), mỗi ký tự tối đa một lần: ME.");
        break;
    case VQR_ERR_MERCHANT_CHANNEL:
        SAY0(
            "62.11 is three digits: media 0-7, location 0-3, presence 0-3 (111: a bill).",
            "62.11 gồm ba chữ số: phương tiện 0-7, địa điểm 0-3, sự hiện diện 0-3 (111: hóa đơn).");
        break;
    case VQR_ERR_LANGUAGE:
        SAY0("64.00 is a two-letter ISO 639 language code, such as vi.",
             "64.00 là mã ngôn ngữ ISO 639 hai chữ cái, ví dụ vi.");
        break;
    case VQR_ERR_RFU_ID:
        SAY("Remove %s: the ID is reserved for EMVCo and must not be used.",
            "Bỏ %s: ID này dành riêng cho EMVCo và không được dùng.", tag);
        break;
    case VQR_ERR_NOT_TEMPLATE:
        SAY("%s must hold ID/length/value objects starting with a GUID (sub-ID 00).",
            "%s phải chứa các đối tượng ID/độ dài/giá trị, bắt đầu bằng GUID (ID con 00).", tag);
        break;
    case VQR_ERR_UNKNOWN_ID:
        SAY("Remove %s: its template does not define it.",
            "Bỏ %s: mẫu chứa nó không định nghĩa ID này.", tag);
        break;
    case VQR_ERR_TEMPLATE_TOO_LONG:
        SAY("Shorten the objects of %s to 99 characters in total.",
            "Rút ngắn các đối tượng của %s xuống tổng cộng 99 ký tự.", tag);
        break;
    case VQR_ERR_BIN:
        SAY0("38.01.00 is the bank's BIN, six digits (970436 for Vietcombank): see "
             "'vietqr banks'.",
             "38.01.00 là mã BIN của ngân hàng, sáu chữ số (970436 cho Vietcombank): xem "
             "'vietqr banks'.");
        break;
    case VQR_ERR_ACCOUNT:
        SAY0("An account number (QRIBFTTA) is digits, or letters and digits for a virtual "
             "account: no spaces, dashes or dots.",
             "Số tài khoản (QRIBFTTA) gồm chữ số, hoặc chữ cái và chữ số với tài khoản ảo: "
             "không dấu cách, gạch ngang hay dấu chấm.");
        break;
    case VQR_ERR_CARD:
        SAY0("A card number (QRIBFTTC) is 16 to 19 digits, with no spaces.",
             "Số thẻ (QRIBFTTC) gồm 16 đến 19 chữ số, không dấu cách.");
        break;
    case VQR_ERR_SERVICE:
        SAY0("38.02 is QRIBFTTA (to an account), QRIBFTTC (to a card), QRPUSH (to a merchant) "
             "or QRCASH (cash at an ATM).",
             "38.02 là QRIBFTTA (tới tài khoản), QRIBFTTC (tới thẻ), QRPUSH (tới người bán) "
             "hoặc QRCASH (rút tiền tại ATM).");
        break;
    case VQR_ERR_NOT_VIETQR:
        SAY0("This is not a VietQR: it has no template 38 with the NAPAS GUID A000000727. "
             "Check it with --profile emvco, or against its own network's rules.",
             "Đây không phải VietQR: không có mẫu 38 với GUID NAPAS A000000727. Hãy kiểm tra "
             "với --profile emvco, hoặc theo quy tắc của mạng của nó.");
        break;
    default:
        SAY0("Compare the payload with its source.", "Hãy so payload với bản gốc.");
        break;
    }
}
