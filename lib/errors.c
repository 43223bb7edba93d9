/*
 * errors.c - names and messages of status codes, and filling vqr_error.
 *
 * Each code has one row: its symbolic name, an English message and a
 * Vietnamese message. Rows are never removed or renumbered.
 */
#include "common.h"

#include <stdint.h>

typedef struct vqr_code_info {
    vqr_status code;
    const char *name;
    const char *en;
    const char *vi;
} vqr_code_info;

#define ROW(c, en, vi) \
    {                  \
        c, #c, en, vi  \
    }

static const vqr_code_info k_codes[] = {
    ROW(VQR_OK, "success", "thành công"),
    /* API use */
    ROW(VQR_ERR_INVALID_ARGUMENT, "invalid argument", "tham số không hợp lệ"),
    ROW(VQR_ERR_BUFFER_TOO_SMALL, "output buffer too small", "bộ đệm đầu ra quá nhỏ"),
    ROW(VQR_ERR_NO_SPACE, "payload storage is full", "bộ nhớ của payload đã đầy"),
    ROW(VQR_ERR_NO_MEMORY, "out of memory", "hết bộ nhớ"),
    ROW(VQR_ERR_IO, "input/output error", "lỗi đọc/ghi"),
    ROW(VQR_ERR_NOT_FOUND, "not found", "không tìm thấy"),
    ROW(VQR_ERR_BAD_PATH, "malformed tag path (expected NN, NN.NN or NN.NN.NN)",
        "đường dẫn thẻ không hợp lệ (cần NN, NN.NN hoặc NN.NN.NN)"),
    ROW(VQR_ERR_IS_TEMPLATE, "the tag is a template, not a value",
        "thẻ là một mẫu (template), không phải một giá trị"),
    ROW(VQR_ERR_NOT_REGULAR_FILE,
        "the output path exists and is not a regular file (a device, FIFO, socket, directory or "
        "symbolic link); nothing was written",
        "đường dẫn đầu ra đã tồn tại và không phải là tệp thông thường (thiết bị, FIFO, socket, "
        "thư mục hoặc liên kết tượng trưng); không ghi gì cả"),
    /* structure */
    ROW(VQR_ERR_INPUT_TOO_LARGE, "input larger than the library accepts",
        "dữ liệu đầu vào lớn hơn mức thư viện chấp nhận"),
    ROW(VQR_ERR_UTF8, "malformed UTF-8", "chuỗi UTF-8 không hợp lệ"),
    ROW(VQR_ERR_BAD_ID, "an ID must be two decimal digits", "ID phải gồm hai chữ số thập phân"),
    ROW(VQR_ERR_BAD_LENGTH, "a length must be two decimal digits",
        "độ dài phải gồm hai chữ số thập phân"),
    ROW(VQR_ERR_TRUNCATED, "the object runs past the end of its container",
        "đối tượng vượt quá phần cuối của vùng chứa nó"),
    ROW(VQR_ERR_ZERO_LENGTH, "a length of 00 is not allowed (01-99)",
        "không cho phép độ dài 00 (01-99)"),
    ROW(VQR_ERR_DUPLICATE_ID, "the ID appears twice in the same template",
        "ID xuất hiện hai lần trong cùng một mẫu"),
    ROW(VQR_ERR_PFI_NOT_FIRST, "the Payload Format Indicator (00) must be the first object",
        "chỉ báo định dạng (00) phải là đối tượng đầu tiên"),
    ROW(VQR_ERR_CRC_MISSING, "the payload must end with the CRC object 6304 and four hex digits",
        "payload phải kết thúc bằng đối tượng CRC 6304 và bốn chữ số hex"),
    ROW(VQR_ERR_CRC_NOT_LAST, "the CRC (63) must be the last object",
        "CRC (63) phải là đối tượng cuối cùng"),
    ROW(VQR_ERR_CRC_FORMAT, "the CRC must be four hexadecimal digits",
        "CRC phải gồm bốn chữ số thập lục phân"),
    ROW(VQR_ERR_CRC_MISMATCH, "the CRC does not match the payload",
        "CRC không khớp với nội dung payload"),
    ROW(VQR_ERR_CRC_LOWERCASE, "the CRC uses lower-case hex digits (upper case required)",
        "CRC dùng chữ số hex viết thường (yêu cầu viết hoa)"),
    ROW(VQR_ERR_TEMPLATE_MALFORMED,
        "the template's value is not a sequence of ID/length/value objects",
        "giá trị của mẫu không phải là chuỗi các đối tượng ID/độ dài/giá trị"),
    ROW(VQR_ERR_TEMPLATE_EMPTY, "the template holds no object", "mẫu không chứa đối tượng nào"),
    ROW(VQR_ERR_PAYLOAD_TOO_LONG, "the payload exceeds 512 characters",
        "payload vượt quá 512 ký tự"),
    ROW(VQR_ERR_BYTE_LENGTHS, "lengths count UTF-8 bytes instead of characters",
        "độ dài được tính theo byte UTF-8 thay vì theo ký tự"),
    ROW(VQR_ERR_TOO_MANY_OBJECTS, "more objects than the payload storage holds",
        "số đối tượng vượt quá sức chứa của payload"),
    ROW(VQR_ERR_BOM, "a byte order mark (U+FEFF) comes before the payload",
        "có dấu thứ tự byte (U+FEFF) trước payload"),
    ROW(VQR_ERR_TRAILING_DATA, "data after the CRC: the payload ends with its CRC object",
        "có dữ liệu sau CRC: payload phải kết thúc bằng đối tượng CRC"),
    ROW(VQR_ERR_UTF16_LENGTHS,
        "lengths count UTF-16 code units (2 for an emoji) instead of characters",
        "độ dài được tính theo đơn vị UTF-16 (2 cho một emoji) thay vì theo ký tự"),
    /* EMVCo rules */
    ROW(VQR_ERR_FORMAT_N, "a numeric field holds a character other than 0-9",
        "trường số chứa ký tự khác 0-9"),
    ROW(VQR_ERR_FORMAT_ANS, "the field allows only printable ASCII (0x20-0x7E)",
        "trường chỉ cho phép ký tự ASCII in được (0x20-0x7E)"),
    ROW(VQR_ERR_FORMAT_S, "the field holds a control character (U+0000-001F, U+007F-009F)",
        "trường chứa ký tự điều khiển (U+0000-001F, U+007F-009F)"),
    ROW(VQR_ERR_LENGTH, "the value's length is outside the field's limits",
        "độ dài giá trị nằm ngoài giới hạn của trường"),
    ROW(VQR_ERR_MISSING, "a mandatory object is missing", "thiếu một đối tượng bắt buộc"),
    ROW(VQR_ERR_PFI_VALUE, "the Payload Format Indicator (00) must be \"01\"",
        "chỉ báo định dạng (00) phải là \"01\""),
    ROW(VQR_ERR_POI_VALUE, "the Point of Initiation Method (01) must be \"11\" or \"12\"",
        "phương thức khởi tạo (01) phải là \"11\" hoặc \"12\""),
    ROW(VQR_ERR_NO_MERCHANT_ACCOUNT, "no merchant account information (IDs 02-51)",
        "không có thông tin tài khoản người nhận (ID 02-51)"),
    ROW(VQR_ERR_AMOUNT_SYNTAX, "an amount must be digits with at most one \".\"",
        "số tiền chỉ gồm chữ số và tối đa một dấu \".\""),
    ROW(VQR_ERR_AMOUNT_ZERO, "the amount must not be zero", "số tiền không được bằng 0"),
    ROW(VQR_ERR_AMOUNT_DECIMALS, "more decimal digits than the currency allows",
        "số chữ số thập phân vượt quá mức đơn vị tiền tệ cho phép"),
    ROW(VQR_ERR_CURRENCY, "the currency (53) is not an ISO 4217 numeric code",
        "mã tiền tệ (53) không phải mã số ISO 4217"),
    ROW(VQR_ERR_TIP_INDICATOR, "the tip or convenience indicator (55) must be 01, 02 or 03",
        "chỉ báo tiền boa hoặc phí tiện ích (55) phải là 01, 02 hoặc 03"),
    ROW(VQR_ERR_TIP_CONFLICT, "the convenience fee (56/57) does not agree with the indicator (55)",
        "phí tiện ích (56/57) không phù hợp với chỉ báo (55)"),
    ROW(VQR_ERR_FEE_PERCENT, "the convenience fee percentage (57) must be between 00.01 and 99.99",
        "tỷ lệ phí tiện ích (57) phải nằm trong khoảng 00.01 đến 99.99"),
    ROW(VQR_ERR_COUNTRY, "the country code (58) must be two upper-case letters",
        "mã quốc gia (58) phải gồm hai chữ cái viết hoa"),
    ROW(VQR_ERR_CONSUMER_DATA, "62.09 must combine A, M and E, each at most once",
        "62.09 chỉ gồm các ký tự A, M, E, mỗi ký tự tối đa một lần"),
    ROW(VQR_ERR_MERCHANT_CHANNEL, "62.11 is not a valid merchant channel code",
        "62.11 không phải mã kênh hợp lệ"),
    ROW(VQR_ERR_LANGUAGE, "the language preference (64.00) must be two letters",
        "ngôn ngữ (64.00) phải gồm hai chữ cái"),
    ROW(VQR_ERR_RFU_ID, "the ID is reserved for future use and must not be present",
        "ID được dành cho tương lai và không được xuất hiện"),
    ROW(VQR_ERR_NOT_TEMPLATE, "the value must be a template with a globally unique identifier",
        "giá trị phải là một mẫu có định danh duy nhất toàn cầu"),
    ROW(VQR_ERR_UNKNOWN_ID, "the ID is not defined in this template",
        "ID không được định nghĩa trong mẫu này"),
    ROW(VQR_ERR_TEMPLATE_TOO_LONG, "the template's content exceeds 99 characters",
        "nội dung của mẫu vượt quá 99 ký tự"),
    ROW(VQR_ERR_NOT_NFC, "the text is not in precomposed form (NFC): a combining mark stands apart",
        "văn bản không ở dạng dựng sẵn (NFC): có dấu kết hợp đứng riêng"),
    ROW(VQR_ERR_FORMAT_BIDI,
        "the field holds a bidirectional control character, which changes the order text is "
        "shown in",
        "trường chứa ký tự điều khiển hướng văn bản, làm thay đổi thứ tự hiển thị"),
    ROW(VQR_ERR_FORMAT_INVISIBLE,
        "the field holds an invisible character (zero-width, soft hyphen, ...) or a line "
        "separator",
        "trường chứa ký tự vô hình (độ rộng bằng 0, gạch nối mềm, ...) hoặc ký tự ngắt dòng"),
    /* Vietnamese text and the bank directory */
    ROW(VQR_ERR_TEXT_NOT_ASCII,
        "the text holds a character with no ASCII form "
        "(ans fields allow only printable ASCII)",
        "văn bản chứa ký tự không chuyển được sang ASCII "
        "(trường ans chỉ cho phép ký tự ASCII in được)"),
    ROW(VQR_ERR_TEXT_CONTROL, "the text holds a control character (tab, line break, ...)",
        "văn bản chứa ký tự điều khiển (tab, xuống dòng, ...)"),
    ROW(VQR_ERR_TEXT_TOO_LONG, "the text is too long to normalise", "văn bản quá dài để chuẩn hoá"),
    ROW(VQR_ERR_BANK_UNKNOWN, "no bank in the directory matches",
        "không có ngân hàng nào trong danh mục khớp"),
    ROW(VQR_ERR_BANK_AMBIGUOUS, "several banks in the directory match",
        "có nhiều ngân hàng trong danh mục cùng khớp"),
    /* the VietQR profile (120-149) */
    ROW(VQR_ERR_BIN, "a bank BIN must be exactly 6 digits",
        "mã BIN của ngân hàng phải gồm đúng 6 chữ số"),
    ROW(VQR_ERR_ACCOUNT,
        "an account number (QRIBFTTA) may hold only digits (and letters, for virtual accounts)",
        "số tài khoản (QRIBFTTA) chỉ được chứa chữ số (và chữ cái, với tài khoản ảo)"),
    ROW(VQR_ERR_CARD, "a card number (QRIBFTTC) must be 16 to 19 digits",
        "số thẻ (QRIBFTTC) phải gồm từ 16 đến 19 chữ số"),
    ROW(VQR_ERR_NOT_VIETQR, "the payload holds no VietQR or VNPAY-QR account information",
        "payload không chứa thông tin tài khoản VietQR hoặc VNPAY-QR"),
    ROW(VQR_ERR_SERVICE, "38.02 must be a NAPAS 247 service: QRIBFTTA, QRIBFTTC, QRPUSH or QRCASH",
        "38.02 phải là mã dịch vụ NAPAS 247: QRIBFTTA, QRIBFTTC, QRPUSH hoặc QRCASH"),
    /* QR encoding and rendering */
    ROW(VQR_ERR_QR_TOO_LONG, "the payload is too long for a QR code at this error-correction level",
        "dữ liệu quá dài cho một mã QR ở mức sửa lỗi này"),
    ROW(VQR_ERR_QR_EMPTY, "the payload is empty: there is nothing to encode",
        "dữ liệu rỗng: không có gì để mã hóa"),
    ROW(VQR_ERR_QR_ENCODER, "the QR encoder failed for an unknown reason",
        "bộ mã hóa QR gặp lỗi không rõ nguyên nhân"),
    ROW(VQR_ERR_IMAGE_TOO_LARGE, "the image would be larger than the largest supported size",
        "ảnh sẽ lớn hơn kích thước tối đa được hỗ trợ"),
    ROW(VQR_ERR_PRINT_TOO_SMALL,
        "the print size is too small for the resolution: fewer than 3 pixels per module do not "
        "scan once printed",
        "kích thước in quá nhỏ so với độ phân giải: dưới 3 điểm ảnh mỗi mô-đun thì bản in không "
        "quét được"),
    ROW(VQR_ERR_COMPRESS, "compressing the image failed", "nén ảnh thất bại"),
    /* amounts in words and printed documents */
    ROW(VQR_ERR_WORDS_CURRENCY, "amounts in words are written for VND (704) only",
        "chỉ viết được số tiền bằng chữ cho đồng Việt Nam (704)"),
    ROW(VQR_ERR_PRINT_TEXT_TOO_LONG,
        "a text does not fit its place on the page even at the smallest type size",
        "văn bản không vừa chỗ trên trang kể cả ở cỡ chữ nhỏ nhất"),
    ROW(VQR_ERR_PRINT_FONT,
        "no installed font has the characters of this text (install fonts-noto-core)",
        "không có phông chữ nào có đủ ký tự của văn bản này (hãy cài fonts-noto-core)"),
    ROW(VQR_ERR_PRINT_QR_TOO_DENSE,
        "the QR code is too dense for its place: its modules would be smaller than the minimum",
        "mã QR quá dày so với chỗ dành cho nó: mô-đun sẽ nhỏ hơn mức tối thiểu"),
    ROW(VQR_ERR_PRINT_DRAW, "the drawing library (cairo or pango) failed",
        "thư viện vẽ (cairo hoặc pango) gặp lỗi"),
    ROW(VQR_ERR_PRINT_TOTAL, "the items do not add up to the amount of the payload",
        "tổng các khoản không bằng số tiền trong mã QR"),
    ROW(VQR_ERR_PRINT_PAPER, "this paper size does not suit the template",
        "khổ giấy này không phù hợp với mẫu"),
    ROW(VQR_ERR_PRINT_ONE_PAGE, "a PNG or SVG document holds one page: use PDF for several",
        "tài liệu PNG hoặc SVG chỉ có một trang: dùng PDF cho nhiều trang"),
    /* payment references and reconciliation */
    ROW(VQR_ERR_REF_PREFIX,
        "a reference prefix must be 2-6 letters and digits and start with a letter",
        "tiền tố mã tham chiếu phải gồm 2-6 chữ cái và chữ số, bắt đầu bằng chữ cái"),
    ROW(VQR_ERR_REF_SEQUENCE, "a reference sequence number must be 0-999999",
        "số thứ tự của mã tham chiếu phải từ 0 đến 999999"),
    ROW(VQR_ERR_REF_FORMAT,
        "not a reference: a prefix of 2-6 letters and digits, six digits and two check characters",
        "không phải mã tham chiếu: tiền tố 2-6 chữ cái và chữ số, sáu chữ số và hai ký tự kiểm "
        "tra"),
    ROW(VQR_ERR_REF_CHECK,
        "the reference's check characters do not match: a character was mistyped",
        "ký tự kiểm tra của mã tham chiếu không khớp: có ký tự bị gõ sai"),
    ROW(VQR_ERR_REF_DUPLICATE, "the reference is issued twice",
        "mã tham chiếu được phát hành hai lần"),
    ROW(VQR_ERR_REF_PREFIX_CONFLICT,
        "one prefix is another followed by digits: their references cannot be told apart",
        "một tiền tố là tiền tố khác cộng thêm chữ số: không phân biệt được mã tham chiếu của "
        "chúng"),
    ROW(VQR_ERR_RECON_DATE,
        "a transaction date must be YYYY-MM-DD or DD/MM/YYYY, with an optional HH:MM[:SS]",
        "ngày giao dịch phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY, có thể kèm HH:MM[:SS]"),
    ROW(VQR_ERR_RECON_AMOUNT, "an amount that cannot be read as a number of dong",
        "số tiền không đọc được thành số đồng"),
    ROW(VQR_ERR_RECON_CONFLICT,
        "the transaction ID was seen before with another date, amount or description",
        "mã giao dịch đã xuất hiện trước đó với ngày, số tiền hoặc nội dung khác"),
    /* images and payees (210-229) */
    ROW(VQR_ERR_IMAGE_FORMAT, "the data is neither a PNG nor a JPEG image",
        "dữ liệu không phải ảnh PNG hay JPEG"),
    ROW(VQR_ERR_IMAGE_CORRUPT, "the image data is damaged or truncated",
        "dữ liệu ảnh bị hỏng hoặc bị cắt cụt"),
    ROW(VQR_ERR_IMAGE_SIZE, "the image is empty or has more pixels than allowed",
        "ảnh rỗng hoặc có nhiều điểm ảnh hơn mức cho phép"),
    ROW(VQR_ERR_SCAN_DECODER, "the QR decoder failed for an unknown reason",
        "bộ giải mã QR gặp lỗi không rõ nguyên nhân"),
    ROW(VQR_ERR_PAYEE,
        "an allowed payee must be a 6-digit BIN with an account, or a VNPAY-QR merchant ID",
        "người nhận được phép phải có mã BIN 6 chữ số và số tài khoản, hoặc mã điểm bán VNPAY-QR"),
    /* the HTTP service */
    ROW(VQR_ERR_HTTP_NOT_FOUND, "no such resource", "không có tài nguyên này"),
    ROW(VQR_ERR_HTTP_METHOD, "this resource does not answer that method",
        "tài nguyên này không nhận phương thức đó"),
    ROW(VQR_ERR_HTTP_TOO_LARGE, "the request is larger than the service accepts",
        "yêu cầu lớn hơn mức dịch vụ chấp nhận"),
    ROW(VQR_ERR_JSON, "the body is not a well-formed JSON object",
        "nội dung không phải là một đối tượng JSON hợp lệ"),
    ROW(VQR_ERR_FIELD, "a request field is unknown, repeated or of the wrong type",
        "một trường của yêu cầu không được biết, bị lặp lại hoặc sai kiểu"),
    ROW(VQR_ERR_TEMPLATE_UNKNOWN, "unknown image template or format",
        "mẫu hoặc định dạng ảnh không được hỗ trợ"),
    ROW(VQR_ERR_PAYEE_NOT_ALLOWED, "this service does not make codes for that payee",
        "dịch vụ này không tạo mã cho người nhận đó"),
    ROW(VQR_ERR_UNAUTHORIZED, "a valid API key is required (x-client-id and x-api-key)",
        "cần khóa API hợp lệ (x-client-id và x-api-key)"),
    ROW(VQR_ERR_HTTP_BAD_REQUEST, "malformed request target (encoding, \"..\" or NUL)",
        "địa chỉ yêu cầu không hợp lệ (mã hóa, \"..\" hoặc NUL)"),
    ROW(VQR_ERR_MEDIA_TYPE, "the body's content type is not one this resource reads",
        "kiểu nội dung của yêu cầu không được tài nguyên này chấp nhận"),
};

static const vqr_code_info *find_code(vqr_status code)
{
    for (size_t i = 0; i < sizeof k_codes / sizeof k_codes[0]; i++)
        if (k_codes[i].code == code)
            return &k_codes[i];
    return NULL;
}

const char *vqr_status_name(vqr_status code)
{
    const vqr_code_info *c = find_code(code);
    return c ? c->name : "VQR_ERR_UNKNOWN";
}

const char *vqr_strerror(vqr_status code)
{
    const vqr_code_info *c = find_code(code);
    return c ? c->en : "unknown error";
}

const char *vqr_strerror_vi(vqr_status code)
{
    const vqr_code_info *c = find_code(code);
    return c ? c->vi : "lỗi không xác định";
}

void vqr_error_fill(vqr_error *err, vqr_status code, vqr_severity sev, size_t offset,
                    size_t char_offset, const char *tag, size_t related, size_t limit)
{
    if (!err || !vqr_sized_ok(err))
        return;
    vqr_error full;
    vqr_error *e = vqr_sized_out_begin(err, &full, sizeof full);
    const vqr_code_info *c = find_code(code);
    e->code = code;
    e->severity = sev;
    e->offset = offset;
    e->char_offset = char_offset;
    e->related_offset = related;
    e->limit = limit;
    size_t i = 0;
    if (tag)
        for (; tag[i] && i + 1 < VQR_TAG_MAX; i++)
            e->tag[i] = tag[i];
    memset(e->tag + i, 0, VQR_TAG_MAX - i);
    e->name = c ? c->name : "VQR_ERR_UNKNOWN";
    e->message = c ? c->en : "unknown error";
    e->message_vi = c ? c->vi : "lỗi không xác định";
    vqr_sized_out_end(err, e, sizeof full);
}

void vqr_error_clear(vqr_error *err)
{
    vqr_error_fill(err, VQR_OK, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "", SIZE_MAX, 0);
}

bool vqr_error_usable(const vqr_error *err)
{
    return err == NULL || vqr_sized_ok(err);
}

vqr_status vqr_error_begin(vqr_error *err)
{
    if (!vqr_error_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    vqr_error_clear(err);
    return VQR_OK;
}
