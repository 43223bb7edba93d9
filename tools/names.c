/*
 * names.c - the names of EMVCo MPM and VietQR data objects, in English and
 * Vietnamese, and short readings of coded values (01, 53, 55, 38.02).
 *
 * Names follow EMVCo MPM v1.1 Tables 3.6-3.8 and NAPAS VietQR v1.0
 * Table 4 (tag 38).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const vqr_bank *bank_bin(const char *bin, size_t len)
{
    const vqr_bank *b;
    (void)vqr_bank_find_bin(bin, len, &b, NULL);
    return b;
}

typedef struct name_pair {
    const char *en;
    const char *vi;
} name_pair;

#define NAME(en, vi) \
    {                \
        en, vi       \
    }

static const char *pick(const name_pair *n, bool vi)
{
    return vi ? n->vi : n->en;
}

static int parse_tag(const char *tag, int ids[3])
{
    int d = 0;
    const char *s = tag;
    while (d < 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') {
        ids[d++] = (s[0] - '0') * 10 + (s[1] - '0');
        s += 2;
        if (*s != '.')
            break;
        s++;
    }
    return d;
}

/* The GUID (sub-ID 00) of root template `id`, compared with `guid`. */
static bool guid_is(const vqr_payload *p, int id, const char *guid)
{
    char path[8];
    vqr_view v;
    (void)snprintf(path, sizeof path, "%02d.00", id);
    if (!p || vqr_payload_get(p, path, &v, NULL) != VQR_OK)
        return false;
    size_t n = strlen(guid);
    return v.len == n && memcmp(v.ptr, guid, n) == 0;
}

static const name_pair k_guid =
    NAME("Globally Unique Identifier", "Định danh duy nhất toàn cầu (GUID)");
static const name_pair k_rfu =
    NAME("reserved for future use (EMVCo)", "dành cho EMVCo sử dụng trong tương lai");

static const char *root_name(const vqr_payload *p, int id, bool vi)
{
    static const name_pair fixed[] = {
        NAME("Payload Format Indicator", "Chỉ báo định dạng dữ liệu"),
        NAME("Point of Initiation Method", "Phương thức khởi tạo"),
    };
    static const name_pair mai_prim[] = {
        NAME("Merchant Account Information (Visa)", "Thông tin tài khoản người bán (Visa)"),
        NAME("Merchant Account Information (Mastercard)",
             "Thông tin tài khoản người bán (Mastercard)"),
        NAME("Merchant Account Information (EMVCo)", "Thông tin tài khoản người bán (EMVCo)"),
        NAME("Merchant Account Information (Discover)", "Thông tin tài khoản người bán (Discover)"),
        NAME("Merchant Account Information (Amex)", "Thông tin tài khoản người bán (Amex)"),
        NAME("Merchant Account Information (JCB)", "Thông tin tài khoản người bán (JCB)"),
        NAME("Merchant Account Information (UnionPay)", "Thông tin tài khoản người bán (UnionPay)"),
    };
    static const name_pair mai_napas = NAME("Merchant Account Information (NAPAS VietQR)",
                                            "Thông tin tài khoản thụ hưởng (NAPAS VietQR)");
    static const name_pair mai_vnpay =
        NAME("Merchant Account Information (VNPAY-QR)", "Thông tin tài khoản người bán (VNPAY-QR)");
    static const name_pair mai =
        NAME("Merchant Account Information", "Thông tin tài khoản người bán");
    static const name_pair later[] = {
        NAME("Merchant Category Code", "Mã danh mục người bán (MCC)"),
        NAME("Transaction Currency", "Mã tiền tệ giao dịch"),
        NAME("Transaction Amount", "Số tiền giao dịch"),
        NAME("Tip or Convenience Indicator", "Chỉ báo tiền boa hoặc phí tiện ích"),
        NAME("Value of Convenience Fee Fixed", "Phí tiện ích cố định"),
        NAME("Value of Convenience Fee Percentage", "Phí tiện ích theo phần trăm"),
        NAME("Country Code", "Mã quốc gia"),
        NAME("Merchant Name", "Tên người bán"),
        NAME("Merchant City", "Thành phố của người bán"),
        NAME("Postal Code", "Mã bưu chính"),
        NAME("Additional Data Field Template", "Thông tin bổ sung"),
        NAME("CRC", "Mã kiểm tra (CRC)"),
        NAME("Merchant Information - Language Template", "Thông tin người bán bằng ngôn ngữ khác"),
    };
    static const name_pair unreserved = NAME("Unreserved Template", "Mẫu tự do (không dành riêng)");

    if (id <= 1)
        return pick(&fixed[id], vi);
    if (id <= 25) {
        static const int group[26] = { 0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4,
                                       5, 5, 6, 6, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
        return pick(&mai_prim[group[id]], vi);
    }
    if (id <= 51) {
        if (id == 38 && guid_is(p, 38, "A000000727"))
            return pick(&mai_napas, vi);
        if (guid_is(p, id, "A000000775"))
            return pick(&mai_vnpay, vi);
        return pick(&mai, vi);
    }
    if (id <= 64)
        return pick(&later[id - 52], vi);
    if (id <= 79)
        return pick(&k_rfu, vi);
    return pick(&unreserved, vi);
}

static const char *additional_name(int id, bool vi)
{
    static const name_pair sub[] = {
        NAME("Bill Number", "Số hóa đơn"),
        NAME("Mobile Number", "Số điện thoại di động"),
        NAME("Store Label", "Mã cửa hàng"),
        NAME("Loyalty Number", "Mã khách hàng thân thiết"),
        NAME("Reference Label", "Mã tham chiếu"),
        NAME("Customer Label", "Mã khách hàng"),
        NAME("Terminal Label", "Mã điểm bán (terminal)"),
        NAME("Purpose of Transaction", "Nội dung (mục đích giao dịch)"),
        NAME("Additional Consumer Data Request", "Yêu cầu thêm dữ liệu người trả"),
        NAME("Merchant Tax ID", "Mã số thuế người bán"),
        NAME("Merchant Channel", "Kênh giao dịch của người bán"),
    };
    static const name_pair paysys =
        NAME("Payment System specific template", "Mẫu riêng của hệ thống thanh toán");
    if (id >= 1 && id <= 11)
        return pick(&sub[id - 1], vi);
    if (id >= 50)
        return pick(&paysys, vi);
    return pick(&k_rfu, vi);
}

static const char *language_name(int id, bool vi)
{
    static const name_pair sub[] = {
        NAME("Language Preference", "Ngôn ngữ"),
        NAME("Merchant Name - Alternate Language", "Tên người bán bằng ngôn ngữ khác"),
        NAME("Merchant City - Alternate Language", "Thành phố bằng ngôn ngữ khác"),
    };
    return id <= 2 ? pick(&sub[id], vi) : pick(&k_rfu, vi);
}

static const char *napas_name(const int *ids, int depth, bool vi)
{
    static const name_pair lvl1[] = {
        NAME("Globally Unique Identifier (NAPAS)", "Định danh duy nhất toàn cầu (NAPAS)"),
        NAME("Beneficiary Organization", "Tổ chức thụ hưởng"),
        NAME("Service Code", "Mã dịch vụ"),
    };
    static const name_pair lvl2[] = {
        NAME("Acquirer ID (bank BIN)", "Mã ngân hàng thụ hưởng (BIN)"),
        NAME("Merchant ID / Consumer ID (account or card number)",
             "Mã người bán / số tài khoản hoặc số thẻ thụ hưởng"),
    };
    static const name_pair other = NAME("NAPAS specific data", "Dữ liệu riêng của NAPAS");
    if (depth == 2)
        return ids[1] <= 2 ? pick(&lvl1[ids[1]], vi) : pick(&other, vi);
    if (ids[1] == 1 && ids[2] <= 1)
        return pick(&lvl2[ids[2]], vi);
    return pick(&other, vi);
}

const char *cli_field_name(const vqr_payload *p, const char *tag, bool vi)
{
    static const name_pair network =
        NAME("Payment network specific data", "Dữ liệu riêng của mạng thanh toán");
    static const name_pair vnpay_merchant = NAME("Merchant ID (VNPAY)", "Mã người bán (VNPAY)");
    static const name_pair context = NAME("Context specific data", "Dữ liệu theo ngữ cảnh");
    static const name_pair unknown = NAME("object", "đối tượng");
    int ids[3];
    int depth = parse_tag(tag, ids);
    if (depth == 0)
        return pick(&unknown, vi);
    if (depth == 1)
        return root_name(p, ids[0], vi);
    int root = ids[0];
    if (root == 62) {
        if (depth == 2)
            return additional_name(ids[1], vi);
        return ids[2] == 0 ? pick(&k_guid, vi) : pick(&context, vi);
    }
    if (root == 64)
        return language_name(ids[1], vi);
    if (root == 38 && guid_is(p, 38, "A000000727"))
        return napas_name(ids, depth, vi);
    if (ids[depth - 1] == 0)
        return pick(&k_guid, vi);
    if (root >= 26 && root <= 51) {
        if (depth == 2 && ids[1] == 1 && guid_is(p, root, "A000000775"))
            return pick(&vnpay_merchant, vi);
        return pick(&network, vi);
    }
    return pick(&context, vi);
}

static bool value_is(const char *value, size_t len, const char *s)
{
    return strlen(s) == len && memcmp(value, s, len) == 0;
}

static const char *currency_alpha(const char *value, size_t len)
{
    static const struct {
        const char *num, *alpha;
    } k_cur[] = {
        { "704", "VND" }, { "840", "USD" }, { "978", "EUR" }, { "156", "CNY" }, { "392", "JPY" },
        { "410", "KRW" }, { "458", "MYR" }, { "360", "IDR" }, { "608", "PHP" }, { "702", "SGD" },
        { "764", "THB" }, { "418", "LAK" }, { "116", "KHR" }, { "986", "BRL" }, { "170", "COP" },
        { "356", "INR" }, { "344", "HKD" }, { "036", "AUD" }, { "826", "GBP" }, { "144", "LKR" },
    };
    for (size_t i = 0; i < sizeof k_cur / sizeof k_cur[0]; i++)
        if (value_is(value, len, k_cur[i].num))
            return k_cur[i].alpha;
    return NULL;
}

bool cli_field_note(const char *tag, const char *value, size_t len, bool vi, char *out, size_t cap)
{
    const char *note = NULL;
    if (strcmp(tag, "01") == 0) {
        if (value_is(value, len, "11"))
            note = vi ? "QR tĩnh: dùng nhiều lần" : "static: reusable";
        else if (value_is(value, len, "12"))
            note = vi ? "QR động: một giao dịch" : "dynamic: one transaction";
    } else if (strcmp(tag, "53") == 0) {
        note = currency_alpha(value, len);
    } else if (strcmp(tag, "55") == 0) {
        if (value_is(value, len, "01"))
            note = vi ? "người trả nhập tiền boa" : "the payer is asked for a tip";
        else if (value_is(value, len, "02"))
            note = vi ? "phí cố định ở 56" : "fixed fee in 56";
        else if (value_is(value, len, "03"))
            note = vi ? "phí phần trăm ở 57" : "percentage fee in 57";
    } else if (strcmp(tag, "38.01.00") == 0) {
        const vqr_bank *b = bank_bin(value, len);
        if (!b) {
            note = vi ? "không có trong danh bạ ngân hàng" : "not in the bank directory";
        } else if (cap) {
            (void)snprintf(out, cap, "%s, %s", b->short_name, b->name);
            return true;
        }
    } else if (strcmp(tag, "38.02") == 0) {
        if (value_is(value, len, "QRIBFTTA"))
            note = vi ? "chuyển nhanh NAPAS247 đến tài khoản" : "NAPAS247 transfer to an account";
        else if (value_is(value, len, "QRIBFTTC"))
            note = vi ? "chuyển nhanh NAPAS247 đến thẻ" : "NAPAS247 transfer to a card";
        else if (value_is(value, len, "QRPUSH"))
            note = vi ? "thanh toán cho người bán" : "payment to a merchant";
        else if (value_is(value, len, "QRCASH"))
            note = vi ? "rút tiền tại ATM" : "cash withdrawal at an ATM";
    }
    if (!note || cap == 0)
        return false;
    (void)snprintf(out, cap, "%s", note);
    return true;
}
