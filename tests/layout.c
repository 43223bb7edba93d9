/*
 * layout.c - prints, as JSON, what the bindings must agree with: sizeof,
 * alignment and the offset of every field of every public struct, the
 * value of every public enum member and of every numeric constant of
 * vietqr.h, as this compiler lays them out. Built with the tests; the
 * Python suite (and the Java one through it) compares its layouts and
 * constants with this output instead of reading the header.
 *
 * A struct, field, enum member or constant added to vietqr.h is added to
 * the lists below; a name that no longer exists fails the build.
 */
#include <vietqr.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define VQR_LAYOUT_ENUMS(E)                             \
    E(vqr_status, VQR_OK)                               \
    E(vqr_status, VQR_ERR_INVALID_ARGUMENT)             \
    E(vqr_status, VQR_ERR_BUFFER_TOO_SMALL)             \
    E(vqr_status, VQR_ERR_NO_SPACE)                     \
    E(vqr_status, VQR_ERR_NO_MEMORY)                    \
    E(vqr_status, VQR_ERR_IO)                           \
    E(vqr_status, VQR_ERR_NOT_FOUND)                    \
    E(vqr_status, VQR_ERR_BAD_PATH)                     \
    E(vqr_status, VQR_ERR_IS_TEMPLATE)                  \
    E(vqr_status, VQR_ERR_NOT_REGULAR_FILE)             \
    E(vqr_status, VQR_ERR_INPUT_TOO_LARGE)              \
    E(vqr_status, VQR_ERR_UTF8)                         \
    E(vqr_status, VQR_ERR_BAD_ID)                       \
    E(vqr_status, VQR_ERR_BAD_LENGTH)                   \
    E(vqr_status, VQR_ERR_TRUNCATED)                    \
    E(vqr_status, VQR_ERR_ZERO_LENGTH)                  \
    E(vqr_status, VQR_ERR_DUPLICATE_ID)                 \
    E(vqr_status, VQR_ERR_PFI_NOT_FIRST)                \
    E(vqr_status, VQR_ERR_CRC_MISSING)                  \
    E(vqr_status, VQR_ERR_CRC_NOT_LAST)                 \
    E(vqr_status, VQR_ERR_CRC_FORMAT)                   \
    E(vqr_status, VQR_ERR_CRC_MISMATCH)                 \
    E(vqr_status, VQR_ERR_CRC_LOWERCASE)                \
    E(vqr_status, VQR_ERR_TEMPLATE_MALFORMED)           \
    E(vqr_status, VQR_ERR_TEMPLATE_EMPTY)               \
    E(vqr_status, VQR_ERR_PAYLOAD_TOO_LONG)             \
    E(vqr_status, VQR_ERR_BYTE_LENGTHS)                 \
    E(vqr_status, VQR_ERR_TOO_MANY_OBJECTS)             \
    E(vqr_status, VQR_ERR_BOM)                          \
    E(vqr_status, VQR_ERR_TRAILING_DATA)                \
    E(vqr_status, VQR_ERR_UTF16_LENGTHS)                \
    E(vqr_status, VQR_ERR_FORMAT_N)                     \
    E(vqr_status, VQR_ERR_FORMAT_ANS)                   \
    E(vqr_status, VQR_ERR_FORMAT_S)                     \
    E(vqr_status, VQR_ERR_LENGTH)                       \
    E(vqr_status, VQR_ERR_MISSING)                      \
    E(vqr_status, VQR_ERR_PFI_VALUE)                    \
    E(vqr_status, VQR_ERR_POI_VALUE)                    \
    E(vqr_status, VQR_ERR_NO_MERCHANT_ACCOUNT)          \
    E(vqr_status, VQR_ERR_AMOUNT_SYNTAX)                \
    E(vqr_status, VQR_ERR_AMOUNT_ZERO)                  \
    E(vqr_status, VQR_ERR_AMOUNT_DECIMALS)              \
    E(vqr_status, VQR_ERR_CURRENCY)                     \
    E(vqr_status, VQR_ERR_TIP_INDICATOR)                \
    E(vqr_status, VQR_ERR_TIP_CONFLICT)                 \
    E(vqr_status, VQR_ERR_FEE_PERCENT)                  \
    E(vqr_status, VQR_ERR_COUNTRY)                      \
    E(vqr_status, VQR_ERR_CONSUMER_DATA)                \
    E(vqr_status, VQR_ERR_MERCHANT_CHANNEL)             \
    E(vqr_status, VQR_ERR_LANGUAGE)                     \
    E(vqr_status, VQR_ERR_RFU_ID)                       \
    E(vqr_status, VQR_ERR_NOT_TEMPLATE)                 \
    E(vqr_status, VQR_ERR_UNKNOWN_ID)                   \
    E(vqr_status, VQR_ERR_TEMPLATE_TOO_LONG)            \
    E(vqr_status, VQR_ERR_NOT_NFC)                      \
    E(vqr_status, VQR_ERR_FORMAT_BIDI)                  \
    E(vqr_status, VQR_ERR_FORMAT_INVISIBLE)             \
    E(vqr_status, VQR_ERR_TEXT_NOT_ASCII)               \
    E(vqr_status, VQR_ERR_TEXT_CONTROL)                 \
    E(vqr_status, VQR_ERR_TEXT_TOO_LONG)                \
    E(vqr_status, VQR_ERR_BANK_UNKNOWN)                 \
    E(vqr_status, VQR_ERR_BANK_AMBIGUOUS)               \
    E(vqr_status, VQR_ERR_BIN)                          \
    E(vqr_status, VQR_ERR_ACCOUNT)                      \
    E(vqr_status, VQR_ERR_CARD)                         \
    E(vqr_status, VQR_ERR_NOT_VIETQR)                   \
    E(vqr_status, VQR_ERR_SERVICE)                      \
    E(vqr_status, VQR_ERR_QR_TOO_LONG)                  \
    E(vqr_status, VQR_ERR_QR_EMPTY)                     \
    E(vqr_status, VQR_ERR_QR_ENCODER)                   \
    E(vqr_status, VQR_ERR_IMAGE_TOO_LARGE)              \
    E(vqr_status, VQR_ERR_PRINT_TOO_SMALL)              \
    E(vqr_status, VQR_ERR_COMPRESS)                     \
    E(vqr_status, VQR_ERR_WORDS_CURRENCY)               \
    E(vqr_status, VQR_ERR_PRINT_TEXT_TOO_LONG)          \
    E(vqr_status, VQR_ERR_PRINT_FONT)                   \
    E(vqr_status, VQR_ERR_PRINT_QR_TOO_DENSE)           \
    E(vqr_status, VQR_ERR_PRINT_DRAW)                   \
    E(vqr_status, VQR_ERR_PRINT_TOTAL)                  \
    E(vqr_status, VQR_ERR_PRINT_PAPER)                  \
    E(vqr_status, VQR_ERR_PRINT_ONE_PAGE)               \
    E(vqr_status, VQR_ERR_REF_PREFIX)                   \
    E(vqr_status, VQR_ERR_REF_SEQUENCE)                 \
    E(vqr_status, VQR_ERR_REF_FORMAT)                   \
    E(vqr_status, VQR_ERR_REF_CHECK)                    \
    E(vqr_status, VQR_ERR_REF_DUPLICATE)                \
    E(vqr_status, VQR_ERR_REF_PREFIX_CONFLICT)          \
    E(vqr_status, VQR_ERR_RECON_DATE)                   \
    E(vqr_status, VQR_ERR_RECON_AMOUNT)                 \
    E(vqr_status, VQR_ERR_RECON_CONFLICT)               \
    E(vqr_status, VQR_ERR_IMAGE_FORMAT)                 \
    E(vqr_status, VQR_ERR_IMAGE_CORRUPT)                \
    E(vqr_status, VQR_ERR_IMAGE_SIZE)                   \
    E(vqr_status, VQR_ERR_SCAN_DECODER)                 \
    E(vqr_status, VQR_ERR_PAYEE)                        \
    E(vqr_status, VQR_ERR_HTTP_NOT_FOUND)               \
    E(vqr_status, VQR_ERR_HTTP_METHOD)                  \
    E(vqr_status, VQR_ERR_HTTP_TOO_LARGE)               \
    E(vqr_status, VQR_ERR_JSON)                         \
    E(vqr_status, VQR_ERR_FIELD)                        \
    E(vqr_status, VQR_ERR_TEMPLATE_UNKNOWN)             \
    E(vqr_status, VQR_ERR_PAYEE_NOT_ALLOWED)            \
    E(vqr_status, VQR_ERR_UNAUTHORIZED)                 \
    E(vqr_status, VQR_ERR_HTTP_BAD_REQUEST)             \
    E(vqr_status, VQR_ERR_MEDIA_TYPE)                   \
    E(vqr_severity, VQR_SEVERITY_ERROR)                 \
    E(vqr_severity, VQR_SEVERITY_WARNING)               \
    E(vqr_profile, VQR_PROFILE_NONE)                    \
    E(vqr_profile, VQR_PROFILE_EMVCO)                   \
    E(vqr_profile, VQR_PROFILE_VIETQR)                  \
    E(vqr_profile, VQR_PROFILE_LENIENT)                 \
    E(vqr_parse_flags, VQR_PARSE_DEFAULT)               \
    E(vqr_parse_flags, VQR_PARSE_LENIENT)               \
    E(vqr_parse_flags, VQR_PARSE_EMVCO)                 \
    E(vqr_parse_flags, VQR_PARSE_VIETQR)                \
    E(vqr_parse_flags, VQR_PARSE_STRICT)                \
    E(vqr_write_flags, VQR_WRITE_CANONICAL)             \
    E(vqr_write_flags, VQR_WRITE_KEEP_ORDER)            \
    E(vqr_text_flags, VQR_TEXT_FOLD)                    \
    E(vqr_text_flags, VQR_TEXT_STRICT)                  \
    E(vqr_escape_flags, VQR_ESCAPE_TEXT)                \
    E(vqr_escape_flags, VQR_ESCAPE_JSON)                \
    E(vqr_escape_flags, VQR_ESCAPE_JSON_DOCUMENT)       \
    E(vqr_amount_words_flags, VQR_AMOUNT_WORDS_NORTH)   \
    E(vqr_amount_words_flags, VQR_AMOUNT_WORDS_SOUTH)   \
    E(vqr_amount_words_flags, VQR_AMOUNT_WORDS_TU)      \
    E(vqr_amount_words_flags, VQR_AMOUNT_WORDS_ALL)     \
    E(vqr_service, VQR_SERVICE_NONE)                    \
    E(vqr_service, VQR_SERVICE_ACCOUNT)                 \
    E(vqr_service, VQR_SERVICE_CARD)                    \
    E(vqr_service, VQR_SERVICE_MERCHANT)                \
    E(vqr_service, VQR_SERVICE_CASH)                    \
    E(vqr_service, VQR_SERVICE_OTHER)                   \
    E(vqr_vietqr_flags, VQR_VIETQR_FOLD)                \
    E(vqr_vietqr_flags, VQR_VIETQR_STRICT_TEXT)         \
    E(vqr_vietqr_flags, VQR_VIETQR_ALNUM_ACCOUNT)       \
    E(vqr_network, VQR_NETWORK_NONE)                    \
    E(vqr_network, VQR_NETWORK_NAPAS)                   \
    E(vqr_network, VQR_NETWORK_VNPAY)                   \
    E(vqr_network, VQR_NETWORK_OTHER)                   \
    E(vqr_verdict_code, VQR_VERDICT_OK)                 \
    E(vqr_verdict_code, VQR_VERDICT_PAYEE_NOT_ALLOWED)  \
    E(vqr_verdict_code, VQR_VERDICT_AMOUNT_MISMATCH)    \
    E(vqr_verdict_code, VQR_VERDICT_NOT_A_PAYMENT_CODE) \
    E(vqr_verdict_code, VQR_VERDICT_INVALID)            \
    E(vqr_verdict_code, VQR_VERDICT_MULTIPLE_CODES)     \
    E(vqr_verdict_code, VQR_VERDICT_NO_CODE)            \
    E(vqr_suspect, VQR_SUSPECT_CONFUSABLE)              \
    E(vqr_suspect, VQR_SUSPECT_INVISIBLE)               \
    E(vqr_suspect, VQR_SUSPECT_BIDI)                    \
    E(vqr_suspect, VQR_SUSPECT_CONTROL)                 \
    E(vqr_suspect, VQR_SUSPECT_IMITATION)               \
    E(vqr_verify_kind, VQR_VERIFY_ANY_KIND)             \
    E(vqr_verify_kind, VQR_VERIFY_STATIC)               \
    E(vqr_verify_kind, VQR_VERIFY_DYNAMIC)              \
    E(vqr_ecc, VQR_ECC_DEFAULT)                         \
    E(vqr_ecc, VQR_ECC_L)                               \
    E(vqr_ecc, VQR_ECC_M)                               \
    E(vqr_ecc, VQR_ECC_Q)                               \
    E(vqr_ecc, VQR_ECC_H)                               \
    E(vqr_render_flags, VQR_RENDER_NONE)                \
    E(vqr_render_flags, VQR_RENDER_INVERT)              \
    E(vqr_render_flags, VQR_RENDER_ASCII)               \
    E(vqr_match, VQR_MATCH_NONE)                        \
    E(vqr_match, VQR_MATCH_PAID)                        \
    E(vqr_match, VQR_MATCH_UNDERPAID)                   \
    E(vqr_match, VQR_MATCH_OVERPAID)                    \
    E(vqr_match, VQR_MATCH_DUPLICATE)                   \
    E(vqr_match, VQR_MATCH_MULTIPLE_REFERENCES)         \
    E(vqr_match, VQR_MATCH_UNKNOWN_REFERENCE)           \
    E(vqr_match, VQR_MATCH_NO_REFERENCE)                \
    E(vqr_match, VQR_MATCH_DEBIT)

#define VQR_LAYOUT_DEFINES(D)    \
    D(VQR_VERSION_MAJOR)         \
    D(VQR_VERSION_MINOR)         \
    D(VQR_VERSION_PATCH)         \
    D(VQR_VERSION)               \
    D(VQR_TAG_MAX)               \
    D(VQR_STRUCT_SIZE_MAX)       \
    D(VQR_INPUT_MAX)             \
    D(VQR_PAYLOAD_MAX_CHARS)     \
    D(VQR_PAYLOAD_BUF_SIZE)      \
    D(VQR_DIAG_MAX)              \
    D(VQR_PAYLOAD_NODES)         \
    D(VQR_PAYLOAD_ARENA)         \
    D(VQR_PAYLOAD_STORAGE)       \
    D(VQR_NONE)                  \
    D(VQR_ROOT)                  \
    D(VQR_TEXT_NFC_MAX)          \
    D(VQR_CP_NOT_UTF8)           \
    D(VQR_AMOUNT_BUF_SIZE)       \
    D(VQR_AMOUNT_WORDS_BUF_SIZE) \
    D(VQR_VIETQR_TEXT_FIELDS)    \
    D(VQR_VIETQR_TEXT_MAX)       \
    D(VQR_VALUE_BUF_SIZE)        \
    D(VQR_BANK_SHORT_NAME_MAX)   \
    D(VQR_BANK_NAME_MAX)         \
    D(VQR_REF_PREFIX_MIN)        \
    D(VQR_REF_PREFIX_MAX)        \
    D(VQR_REF_DIGITS)            \
    D(VQR_REF_SEQUENCE_MAX)      \
    D(VQR_REF_MAX_LEN)           \
    D(VQR_REF_BUF_SIZE)          \
    D(VQR_VERIFY_MARKS)          \
    D(VQR_RENDER_MAX_SIDE)       \
    D(VQR_RENDER_MAX_QUIET)      \
    D(VQR_PRINT_MIN_SCALE)

#define VQR_LAYOUT_FIELDS(S, F)         \
    S(vqr_error)                        \
    F(vqr_error, size)                  \
    F(vqr_error, code)                  \
    F(vqr_error, severity)              \
    F(vqr_error, offset)                \
    F(vqr_error, char_offset)           \
    F(vqr_error, related_offset)        \
    F(vqr_error, limit)                 \
    F(vqr_error, tag)                   \
    F(vqr_error, name)                  \
    F(vqr_error, message)               \
    F(vqr_error, message_vi)            \
    S(vqr_payload)                      \
    S(vqr_view)                         \
    F(vqr_view, ptr)                    \
    F(vqr_view, len)                    \
    F(vqr_view, chars)                  \
    S(vqr_object)                       \
    F(vqr_object, size)                 \
    F(vqr_object, id)                   \
    F(vqr_object, depth)                \
    F(vqr_object, is_template)          \
    F(vqr_object, raw)                  \
    F(vqr_object, value)                \
    F(vqr_object, offset)               \
    F(vqr_object, char_offset)          \
    F(vqr_object, tag)                  \
    S(vqr_bank)                         \
    F(vqr_bank, bin)                    \
    F(vqr_bank, short_name)             \
    F(vqr_bank, name)                   \
    F(vqr_bank, swift)                  \
    S(vqr_vietqr)                       \
    F(vqr_vietqr, size)                 \
    F(vqr_vietqr, bank)                 \
    F(vqr_vietqr, service)              \
    F(vqr_vietqr, account)              \
    F(vqr_vietqr, amount)               \
    F(vqr_vietqr, currency)             \
    F(vqr_vietqr, country)              \
    F(vqr_vietqr, mcc)                  \
    F(vqr_vietqr, merchant_name)        \
    F(vqr_vietqr, merchant_city)        \
    F(vqr_vietqr, bill_number)          \
    F(vqr_vietqr, store)                \
    F(vqr_vietqr, reference)            \
    F(vqr_vietqr, terminal)             \
    F(vqr_vietqr, purpose)              \
    S(vqr_vietqr_change)                \
    F(vqr_vietqr_change, tag)           \
    F(vqr_vietqr_change, changed)       \
    F(vqr_vietqr_change, chars)         \
    F(vqr_vietqr_change, text)          \
    S(vqr_vietqr_report)                \
    F(vqr_vietqr_report, size)          \
    F(vqr_vietqr_report, bin)           \
    F(vqr_vietqr_report, bank_known)    \
    F(vqr_vietqr_report, changed)       \
    F(vqr_vietqr_report, count)         \
    F(vqr_vietqr_report, field)         \
    S(vqr_vietqr_info)                  \
    F(vqr_vietqr_info, size)            \
    F(vqr_vietqr_info, network)         \
    F(vqr_vietqr_info, mai_id)          \
    F(vqr_vietqr_info, guid)            \
    F(vqr_vietqr_info, bin)             \
    F(vqr_vietqr_info, bank_known)      \
    F(vqr_vietqr_info, bank_short_name) \
    F(vqr_vietqr_info, bank_name)       \
    F(vqr_vietqr_info, bank_swift)      \
    F(vqr_vietqr_info, account)         \
    F(vqr_vietqr_info, service)         \
    F(vqr_vietqr_info, service_code)    \
    F(vqr_vietqr_info, is_static)       \
    F(vqr_vietqr_info, is_dynamic)      \
    F(vqr_vietqr_info, amount)          \
    F(vqr_vietqr_info, amount_minor)    \
    F(vqr_vietqr_info, amount_status)   \
    F(vqr_vietqr_info, currency)        \
    F(vqr_vietqr_info, currency_alpha)  \
    F(vqr_vietqr_info, country)         \
    F(vqr_vietqr_info, mcc)             \
    F(vqr_vietqr_info, merchant_name)   \
    F(vqr_vietqr_info, merchant_city)   \
    F(vqr_vietqr_info, bill_number)     \
    F(vqr_vietqr_info, store)           \
    F(vqr_vietqr_info, reference)       \
    F(vqr_vietqr_info, terminal)        \
    F(vqr_vietqr_info, purpose)         \
    S(vqr_ref_match)                    \
    F(vqr_ref_match, reference)         \
    F(vqr_ref_match, offset)            \
    F(vqr_ref_match, end)               \
    S(vqr_payee)                        \
    F(vqr_payee, size)                  \
    F(vqr_payee, network)               \
    F(vqr_payee, bin)                   \
    F(vqr_payee, account)               \
    F(vqr_payee, service)               \
    F(vqr_payee, name)                  \
    S(vqr_verify_options)               \
    F(vqr_verify_options, size)         \
    F(vqr_verify_options, kind)         \
    F(vqr_verify_options, amount)       \
    F(vqr_verify_options, currency)     \
    F(vqr_verify_options, parse_flags)  \
    S(vqr_suspect_mark)                 \
    F(vqr_suspect_mark, kind)           \
    F(vqr_suspect_mark, codepoint)      \
    F(vqr_suspect_mark, looks_like)     \
    F(vqr_suspect_mark, offset)         \
    F(vqr_suspect_mark, tag)            \
    S(vqr_verdict)                      \
    F(vqr_verdict, size)                \
    F(vqr_verdict, verdict)             \
    F(vqr_verdict, suspects)            \
    F(vqr_verdict, payee)               \
    F(vqr_verdict, imitated)            \
    F(vqr_verdict, network)             \
    F(vqr_verdict, service)             \
    F(vqr_verdict, bin)                 \
    F(vqr_verdict, account)             \
    F(vqr_verdict, guid)                \
    F(vqr_verdict, bank_known)          \
    F(vqr_verdict, bank_short_name)     \
    F(vqr_verdict, is_static)           \
    F(vqr_verdict, is_dynamic)          \
    F(vqr_verdict, amount)              \
    F(vqr_verdict, currency)            \
    F(vqr_verdict, merchant_name)       \
    F(vqr_verdict, merchant_name_alt)   \
    F(vqr_verdict, purpose)             \
    F(vqr_verdict, error)               \
    F(vqr_verdict, mark_count)          \
    F(vqr_verdict, marks)               \
    S(vqr_allocator)                    \
    F(vqr_allocator, malloc)            \
    F(vqr_allocator, realloc)           \
    F(vqr_allocator, free)              \
    F(vqr_allocator, ctx)               \
    S(vqr_render_options)               \
    F(vqr_render_options, size)         \
    F(vqr_render_options, scale)        \
    F(vqr_render_options, quiet_zone)   \
    F(vqr_render_options, foreground)   \
    F(vqr_render_options, background)   \
    F(vqr_render_options, dpi)          \
    F(vqr_render_options, title)        \
    F(vqr_render_options, flags)        \
    S(vqr_print_size)                   \
    F(vqr_print_size, size)             \
    F(vqr_print_size, scale)            \
    F(vqr_print_size, pixels)           \
    F(vqr_print_size, module_mm)        \
    F(vqr_print_size, symbol_mm)        \
    F(vqr_print_size, total_mm)

static const char *sep(int *first)
{
    const char *s = *first ? "" : ",";
    *first = 0;
    return s;
}

/* Every code the library names is listed above: a code added to vietqr.h
 * (and lib/errors.c) but not here fails this program, naming it. */
static int status_codes_listed(void)
{
    const int listed[] = {
#define E(type, name) strcmp(#type, "vqr_status") == 0 ? (int)(name) : -1,
        VQR_LAYOUT_ENUMS(E)
#undef E
    };
    int missing = 0;
    for (int code = 0; code < 1024; code++) {
        const char *name = vqr_status_name((vqr_status)code);
        size_t i;
        if (strcmp(name, "VQR_ERR_UNKNOWN") == 0)
            continue;
        for (i = 0; i < sizeof listed / sizeof listed[0] && listed[i] != code; i++)
            ;
        if (i == sizeof listed / sizeof listed[0]) {
            fprintf(stderr, "tests/layout.c: add E(vqr_status, %s) to VQR_LAYOUT_ENUMS\n", name);
            missing = 1;
        }
    }
    return missing;
}

int main(void)
{
    if (status_codes_listed() != 0)
        return 1;
    int first = 1, inner = 1;
    const char *open = NULL;

    printf("{\"structs\": {");
#define S(type)                                                                               \
    printf("%s%s\n  \"%s\": {\"size\": %zu, \"align\": %zu, \"fields\": {", open ? "}}" : "", \
           sep(&first), #type, sizeof(type), (size_t)alignof(type));                          \
    open = #type;                                                                             \
    inner = 1;
#define F(type, field)                                                         \
    printf("%s\"%s\": [%zu, %zu]", sep(&inner), #field, offsetof(type, field), \
           sizeof(((type *)0)->field));
    VQR_LAYOUT_FIELDS(S, F)
#undef S
#undef F
    printf("}}},\n \"enums\": {");
    first = 1;
    open = NULL;
#define E(type, name)                                                     \
    if (open == NULL || strcmp(open, #type) != 0) {                       \
        printf("%s%s\n  \"%s\": {", open ? "}" : "", sep(&first), #type); \
        open = #type;                                                     \
        inner = 1;                                                        \
    }                                                                     \
    printf("%s\"%s\": %lld", sep(&inner), #name, (long long)(name));
    VQR_LAYOUT_ENUMS(E)
#undef E
    printf("}},\n \"defines\": {");
    first = 1;
#define D(name) printf("%s\n  \"%s\": %lld", sep(&first), #name, (long long)(name));
    VQR_LAYOUT_DEFINES(D)
#undef D
    printf("}}\n");
    return 0;
}
