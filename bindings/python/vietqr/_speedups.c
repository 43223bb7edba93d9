/*
 * _speedups.c - the Python binding's hot calls in C: Payload.parse,
 * Payload.vietqr and write_vietqr without ctypes' per-call conversions.
 *
 * The module links no libvietqr of its own: configure() receives the
 * addresses of the functions in the library the ctypes side loaded
 * (vietqr/_native.py), so both sides always use the same library. It
 * accepts a library of exactly the version of the headers it was compiled
 * with (its structs' layouts are those of vietqr.h); anything else leaves
 * the binding on its ctypes path.
 *
 * Each call here handles the common case completely and returns None for
 * everything else (a bad argument type, an embedded NUL, an error status
 * from the library): the Python code then takes its ctypes path, which
 * raises exactly what it always raised. No call here raises a library
 * error of its own, so the two paths cannot disagree on errors; the tests
 * compare them on every corpus row and on drawn inputs.
 *
 * The GIL is held throughout: each call is a few hundred nanoseconds, and
 * Payload's own lock still serialises it against the ctypes calls (which
 * release the GIL) on the same payload.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "vietqr.h"

typedef size_t (*payload_sizeof_fn)(void);
typedef vqr_status (*payload_parse_fn)(vqr_payload *, const char *, size_t, unsigned, vqr_error *);
typedef vqr_status (*vietqr_read_fn)(const vqr_payload *, vqr_vietqr_info *, vqr_error *);
typedef vqr_status (*vietqr_init_fn)(vqr_vietqr *, size_t, vqr_error *);
typedef vqr_status (*vietqr_write_fn)(const vqr_vietqr *, unsigned, char *, size_t, size_t *,
                                      vqr_vietqr_report *, vqr_error *);

/* The VietQRInfo fields, in the order of vqr_vietqr_info and the dataclass. */
enum kind { K_TEXT, K_INT, K_UINT, K_U64, K_BOOL, K_NETWORK, K_SERVICE, K_STATUS };
static const struct field {
    const char *name;
    size_t offset;
    enum kind kind;
} fields[] = {
#define F(name, kind)                                \
    {                                                \
#name, offsetof(vqr_vietqr_info, name), kind \
    }
    F(network, K_NETWORK),    F(mai_id, K_INT),
    F(guid, K_TEXT),          F(bin, K_TEXT),
    F(bank_known, K_BOOL),    F(bank_short_name, K_TEXT),
    F(bank_name, K_TEXT),     F(bank_swift, K_TEXT),
    F(account, K_TEXT),       F(service, K_SERVICE),
    F(service_code, K_TEXT),  F(is_static, K_BOOL),
    F(is_dynamic, K_BOOL),    F(amount, K_TEXT),
    F(amount_minor, K_U64),   F(amount_status, K_STATUS),
    F(currency, K_UINT),      F(currency_alpha, K_TEXT),
    F(country, K_TEXT),       F(mcc, K_TEXT),
    F(merchant_name, K_TEXT), F(merchant_city, K_TEXT),
    F(bill_number, K_TEXT),   F(store, K_TEXT),
    F(reference, K_TEXT),     F(terminal, K_TEXT),
    F(purpose, K_TEXT),
#undef F
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* The text fields of vqr_vietqr, in write()'s argument order after flags. */
#define NTEXT 11

typedef struct state {
    payload_sizeof_fn payload_sizeof;
    payload_parse_fn payload_parse;
    vietqr_read_fn vietqr_read;
    vietqr_init_fn vietqr_init;
    vietqr_write_fn vietqr_write;
    size_t store_size;
    PyObject *names[NFIELDS]; /* interned field names */
    PyObject *info_cls;       /* VietQRInfo */
    Py_ssize_t slot[NFIELDS]; /* where each field's slot is in a VietQRInfo */
    PyObject *network;        /* tuple: Network members by value */
    PyObject *service;        /* tuple: Service members by value */
    PyObject *network_cls, *service_cls;
    PyObject *status;      /* dict: Status members by value */
    PyObject *report_cls;  /* VietQRReport */
    PyObject *folded_cls;  /* FoldedField */
    PyObject *payload_cls; /* Payload */
    PyObject *new_lock;    /* threading.Lock */
    PyObject *payload_names[2];
    Py_ssize_t payload_slot[2]; /* where Payload's _store and _lock slots are */
    PyTypeObject *store_type;
    int ready;
} state;

/* Replaces *slot by a new reference to `value`. */
static void set_ref(PyObject **slot, PyObject *value)
{
    PyObject *old = *slot;
    Py_INCREF(value);
    *slot = value;
    Py_XDECREF(old);
}

static state *get_state(PyObject *module)
{
    return (state *)PyModule_GetState(module);
}

/* ---- Store: a payload's storage, uninitialised until the library writes it ---- */

typedef struct store {
    PyObject ob_base;  /* PyObject_HEAD */
    PyObject *address; /* _as_parameter_: what ctypes passes for a void * */
    size_t size;
    union {
        uint64_t u64_;
        void *ptr_;
        double double_;
        unsigned char bytes[sizeof(double)];
    } data[]; /* aligned as vqr_payload is */
} store;

static void store_dealloc(PyObject *self)
{
    store *s = (store *)self;
    PyTypeObject *tp = Py_TYPE(self);
    Py_XDECREF(s->address);
    PyObject_Free(self);
    Py_DECREF(tp);
}

static PyObject *store_as_parameter(PyObject *self, void *closure)
{
    (void)closure;
    store *s = (store *)self;
    Py_INCREF(s->address);
    return s->address;
}

static PyObject *store_len(PyObject *self, void *closure)
{
    (void)closure;
    return PyLong_FromSize_t(((store *)self)->size);
}

static PyGetSetDef store_getset[] = {
    { "_as_parameter_", store_as_parameter, NULL, "the storage's address, for ctypes", NULL },
    { "nbytes", store_len, NULL, "the storage's size in bytes", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static char store_doc[] = "Storage for one vqr_payload (vqr_payload_sizeof() bytes).";

static PyType_Slot store_slots[] = {
    { Py_tp_dealloc, (void *)store_dealloc },
    { Py_tp_getset, store_getset },
    { Py_tp_doc, store_doc },
    { 0, NULL },
};

static PyType_Spec store_spec = {
    "vietqr._speedups.Store", (int)sizeof(store), 0, Py_TPFLAGS_DEFAULT, store_slots,
};

static PyObject *new_store(state *st)
{
    size_t size = st->store_size;
    store *s = PyObject_Malloc(sizeof(store) + size);
    if (s == NULL)
        return PyErr_NoMemory();
    PyObject_Init((PyObject *)s, st->store_type);
#if PY_VERSION_HEX < 0x03080000
    Py_INCREF(st->store_type); /* PyObject_Init does it for a heap type since 3.8 */
#endif
    s->size = size;
    s->address = PyLong_FromVoidPtr(s->data);
    if (s->address == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    return (PyObject *)s;
}

static PyObject *py_store(PyObject *module, PyObject *unused)
{
    (void)unused;
    state *st = get_state(module);
    if (!st->ready) {
        PyErr_SetString(PyExc_RuntimeError, "vietqr._speedups is not configured");
        return NULL;
    }
    return new_store(st);
}

/* ---- text in ---- */

/* A str's UTF-8 or a bytes object's contents (both NUL-terminated), or
 * NULL, with no exception, for anything else and for a str with lone
 * surrogates (the ctypes path lets the library report those). */
static const char *utf8_arg(PyObject *o, Py_ssize_t *len)
{
    if (PyBytes_Check(o)) {
        *len = PyBytes_GET_SIZE(o);
        return PyBytes_AS_STRING(o);
    }
    if (!PyUnicode_Check(o))
        return NULL;
    const char *s = PyUnicode_AsUTF8AndSize(o, len);
    if (s == NULL)
        PyErr_Clear();
    return s;
}

/* A text field for vqr_vietqr: utf8_arg() without a NUL inside (the C
 * struct takes NUL-terminated strings), or NULL. */
static const char *text_arg(PyObject *o)
{
    Py_ssize_t len;
    const char *s = utf8_arg(o, &len);
    return s && !memchr(s, '\0', (size_t)len) ? s : NULL;
}

/* ---- Payload.parse ---- */

/* parse(data, flags) -> a new Payload holding the parse, or None. */
static PyObject *py_parse(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    state *st = get_state(module);
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "parse(data, flags)");
        return NULL;
    }
    if (!st->ready)
        Py_RETURN_NONE;
    unsigned long flags = PyLong_AsUnsignedLong(args[1]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t len;
    Py_buffer view = { 0 };
    bool have_view = false;
    const char *data = utf8_arg(args[0], &len);
    if (data == NULL && (PyByteArray_Check(args[0]) || PyMemoryView_Check(args[0]))) {
        if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) != 0) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        have_view = true;
        data = view.buf;
        len = view.len;
    }
    if (data == NULL)
        Py_RETURN_NONE;
    PyObject *stored = new_store(st);
    if (stored == NULL) {
        if (have_view)
            PyBuffer_Release(&view);
        return NULL;
    }
    vqr_status rc = st->payload_parse((vqr_payload *)(void *)((store *)stored)->data, data,
                                      (size_t)len, (unsigned)flags, NULL);
    if (have_view)
        PyBuffer_Release(&view);
    if (rc != VQR_OK) {
        Py_DECREF(stored);
        Py_RETURN_NONE;
    }
    /* What Payload.__new__ and __init__ leave, without their calls: the
     * two slots __init__ fills, the storage holding the parse. */
    PyObject *lock = PyObject_CallObject(st->new_lock, NULL);
    PyTypeObject *tp = (PyTypeObject *)st->payload_cls;
    PyObject *obj = lock != NULL ? tp->tp_alloc(tp, 0) : NULL;
    if (obj == NULL) {
        Py_XDECREF(lock);
        Py_DECREF(stored);
        return NULL;
    }
    *(PyObject **)(void *)((char *)obj + st->payload_slot[0]) = stored;
    *(PyObject **)(void *)((char *)obj + st->payload_slot[1]) = lock;
    return obj;
}

/* ---- Payload.vietqr ---- */

static PyObject *member(PyObject *table, PyObject *cls, long value)
{
    if (value >= 0 && value < PyTuple_GET_SIZE(table)) {
        PyObject *m = PyTuple_GET_ITEM(table, value);
        Py_INCREF(m);
        return m;
    }
    PyObject *v = PyLong_FromLong(value);
    if (v == NULL)
        return NULL;
    PyObject *m = PyObject_CallFunctionObjArgs(cls, v, NULL); /* raises as the enum does */
    Py_DECREF(v);
    return m;
}

static PyObject *field_value(state *st, const vqr_vietqr_info *info, const struct field *f)
{
    const char *at = (const char *)info + f->offset;
    switch (f->kind) {
    case K_TEXT:
        return PyUnicode_DecodeUTF8(at, (Py_ssize_t)strlen(at), NULL);
    case K_INT:
        return PyLong_FromLong(*(const int *)(const void *)at);
    case K_UINT:
        return PyLong_FromUnsignedLong(*(const unsigned *)(const void *)at);
    case K_U64:
        return PyLong_FromUnsignedLongLong(*(const uint64_t *)(const void *)at);
    case K_BOOL:
        return PyBool_FromLong(*(const bool *)(const void *)at);
    case K_NETWORK:
        return member(st->network, st->network_cls, (long)*(const vqr_network *)(const void *)at);
    case K_SERVICE:
        return member(st->service, st->service_cls, (long)*(const vqr_service *)(const void *)at);
    case K_STATUS: {
        PyObject *v = PyLong_FromLong((long)*(const vqr_status *)(const void *)at);
        if (v == NULL)
            return NULL;
        PyObject *m = PyDict_GetItemWithError(st->status, v);
        if (m != NULL) {
            Py_DECREF(v);
            Py_INCREF(m);
            return m;
        }
        if (PyErr_Occurred()) {
            Py_DECREF(v);
            return NULL;
        }
        return v; /* a code this binding does not name: the int, as _code() */
    }
    }
    PyErr_SetString(PyExc_SystemError, "vietqr._speedups: unknown field kind");
    return NULL;
}

static PyObject *py_vietqr(PyObject *module, PyObject *arg)
{
    state *st = get_state(module);
    if (!st->ready || Py_TYPE(arg) != st->store_type) /* storage from before configure() */
        Py_RETURN_NONE;
    const vqr_payload *p = (const vqr_payload *)(void *)((store *)arg)->data;
    vqr_vietqr_info info;
    info.size = sizeof info; /* the library fills every field */
    if (st->vietqr_read(p, &info, NULL) != VQR_OK)
        Py_RETURN_NONE;
    /* VietQRInfo's __slots__, filled in place (configure() found them). */
    PyTypeObject *tp = (PyTypeObject *)st->info_cls;
    PyObject *obj = tp->tp_alloc(tp, 0);
    if (obj == NULL)
        return NULL;
    for (size_t i = 0; i < NFIELDS; i++) {
        PyObject *v = field_value(st, &info, &fields[i]);
        if (v == NULL) {
            Py_DECREF(obj);
            return NULL;
        }
        *(PyObject **)(void *)((char *)obj + st->slot[i]) = v;
    }
    return obj;
}

/* ---- write_vietqr ---- */

/* A NamedTuple instance of `cls` holding `items` (stolen). */
static PyObject *named(PyObject *cls, PyObject *items)
{
    if (items == NULL)
        return NULL;
    PyObject *args = PyTuple_Pack(1, items);
    Py_DECREF(items);
    if (args == NULL)
        return NULL;
    PyObject *obj = PyTuple_Type.tp_new((PyTypeObject *)cls, args, NULL);
    Py_DECREF(args);
    return obj;
}

static PyObject *ascii(const char *s)
{
    return PyUnicode_DecodeASCII(s, (Py_ssize_t)strlen(s), NULL);
}

static PyObject *report_value(state *st, const vqr_vietqr_report *r)
{
    size_t n = r->count < VQR_VIETQR_TEXT_FIELDS ? r->count : VQR_VIETQR_TEXT_FIELDS;
    PyObject *folded = PyTuple_New((Py_ssize_t)n);
    if (folded == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const vqr_vietqr_change *c = &r->field[i];
        PyObject *f =
            named(st->folded_cls, Py_BuildValue("(NnnN)", ascii(c->tag), (Py_ssize_t)c->changed,
                                                (Py_ssize_t)c->chars, ascii(c->text)));
        if (f == NULL) {
            Py_DECREF(folded);
            return NULL;
        }
        PyTuple_SET_ITEM(folded, (Py_ssize_t)i, f);
    }
    return named(st->report_cls,
                 Py_BuildValue("(NOnN)", ascii(r->bin), r->bank_known ? Py_True : Py_False,
                               (Py_ssize_t)r->changed, folded));
}

/* write(flags, service, amount, currency, bank, account, country, mcc,
 *       merchant_name, merchant_city, bill_number, store, reference,
 *       terminal, purpose) -> (text, VietQRReport), or None. */
static PyObject *py_write(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    state *st = get_state(module);
    if (!st->ready) {
        PyErr_SetString(PyExc_RuntimeError, "vietqr._speedups is not configured");
        return NULL;
    }
    if (nargs != 4 + NTEXT) {
        PyErr_SetString(PyExc_TypeError, "write() takes 15 arguments");
        return NULL;
    }
    vqr_vietqr in;
    if (st->vietqr_init(&in, sizeof in, NULL) != VQR_OK)
        Py_RETURN_NONE;
    unsigned long flags = PyLong_AsUnsignedLong(args[0]);
    if (flags == (unsigned long)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (args[1] != Py_None) {
        long v = PyLong_Check(args[1]) ? PyLong_AsLong(args[1]) : -1;
        if (v < 0 || v > 1000) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        in.service = (vqr_service)v;
    }
    if (args[2] != Py_None) { /* an int, not a bool; 0 is no amount */
        if (!PyLong_Check(args[2]) || PyBool_Check(args[2]))
            Py_RETURN_NONE;
        unsigned long long v = PyLong_AsUnsignedLongLong(args[2]);
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        in.amount = v;
    }
    if (args[3] != Py_None) {
        unsigned long v =
            PyLong_Check(args[3]) ? PyLong_AsUnsignedLong(args[3]) : (unsigned long)-1;
        if (v > 0xFFFFFFFFul) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        in.currency = (unsigned)v;
    }
    const char **text[NTEXT] = { &in.bank,          &in.account,       &in.country,     &in.mcc,
                                 &in.merchant_name, &in.merchant_city, &in.bill_number, &in.store,
                                 &in.reference,     &in.terminal,      &in.purpose };
    for (int i = 0; i < NTEXT; i++) {
        PyObject *o = args[4 + i];
        if (o == Py_None)
            continue;
        const char *s = text_arg(o);
        if (s == NULL)
            Py_RETURN_NONE;
        *text[i] = s;
    }
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_vietqr_report report;
    report.size = sizeof report; /* the library fills it */
    if (st->vietqr_write(&in, (unsigned)flags, buf, sizeof buf, &len, &report, NULL) != VQR_OK)
        Py_RETURN_NONE;
    PyObject *r = report_value(st, &report);
    if (r == NULL)
        return NULL;
    return Py_BuildValue("(NN)", PyUnicode_DecodeASCII(buf, (Py_ssize_t)len, NULL), r);
}

/* ---- configure ---- */

/* The function at the address functions[name] into *fn (a pointer to a
 * function pointer of `size` bytes); -1 with an exception when it is
 * missing or NULL. POSIX (dlsym) lets an object pointer hold a function's
 * address; the bytes are copied rather than cast. */
static int address(PyObject *functions, const char *name, void *fn, size_t size)
{
    PyObject *v = PyDict_GetItemString(functions, name);
    if (v == NULL) {
        PyErr_Format(PyExc_KeyError, "configure: no address for %s", name);
        return -1;
    }
    void *p = PyLong_AsVoidPtr(v);
    if (p == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "configure: %s is NULL", name);
        return -1;
    }
    if (size != sizeof p) {
        PyErr_SetString(PyExc_SystemError, "configure: function pointers of another size");
        return -1;
    }
    memcpy(fn, &p, size);
    return 0;
}

static PyObject *enum_table(PyObject *cls, long count)
{
    PyObject *t = PyTuple_New(count);
    for (long i = 0; t != NULL && i < count; i++) {
        PyObject *m = PyObject_CallFunction(cls, "l", i);
        if (m == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, m);
    }
    return t;
}

/* offset[i] = where the object slot `names[i]` is in an instance of `tp`,
 * when tp keeps all of them as slots (T_OBJECT_EX members) and has no
 * __dict__; all 0 otherwise. -1 with an exception on an error. */
static int slot_offsets(PyTypeObject *tp, PyObject *const *names, size_t n, Py_ssize_t *offset)
{
    bool slots = tp->tp_dictoffset == 0 && tp->tp_itemsize == 0;
    for (size_t i = 0; slots && i < n; i++) {
        PyObject *d = PyDict_GetItemWithError(tp->tp_dict, names[i]);
        if (d == NULL || Py_TYPE(d) != &PyMemberDescr_Type) {
            slots = false;
            break;
        }
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type != T_OBJECT_EX || m->offset <= 0 ||
            m->offset + (Py_ssize_t)sizeof(PyObject *) > tp->tp_basicsize)
            slots = false;
        else
            offset[i] = m->offset;
    }
    if (PyErr_Occurred())
        return -1;
    if (!slots)
        memset(offset, 0, n * sizeof *offset);
    return 0;
}

/* configure(version, functions, VietQRInfo, Network, Service, statuses,
 *           VietQRReport, FoldedField, Payload, Lock): `version` is the loaded library's
 * vqr_version(), `functions` maps each function's name to its address in
 * that library, `statuses` maps each code to its Status member. */
static PyObject *py_configure(PyObject *module, PyObject *args)
{
    state *st = get_state(module);
    unsigned long version;
    PyObject *functions, *info_cls, *network_cls, *service_cls, *status, *report_cls, *folded_cls;
    PyObject *payload_cls, *new_lock;
    if (!PyArg_ParseTuple(args, "kO!OOOO!OOOO:configure", &version, &PyDict_Type, &functions,
                          &info_cls, &network_cls, &service_cls, &PyDict_Type, &status, &report_cls,
                          &folded_cls, &payload_cls, &new_lock))
        return NULL;
    if (version != VQR_VERSION) {
        PyErr_Format(
            PyExc_ImportError,
            "vietqr._speedups was built for libvietqr %s; the library loaded is %lu.%lu.%lu",
            VQR_VERSION_STRING, version >> 16, (version >> 8) & 0xFF, version & 0xFF);
        return NULL;
    }
    if (!PyType_Check(info_cls) || !PyType_Check(report_cls) || !PyType_Check(folded_cls) ||
        !PyType_Check(payload_cls) || !PyCallable_Check(new_lock) ||
        !PyType_IsSubtype((PyTypeObject *)report_cls, &PyTuple_Type) ||
        !PyType_IsSubtype((PyTypeObject *)folded_cls, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "configure: VietQRInfo, VietQRReport, FoldedField");
        return NULL;
    }
    /* Everything is checked before the state changes: a refused
     * configure() leaves a configured module as it was. */
    state next = *st;
#define ADDRESS(name, field) address(functions, name, &next.field, sizeof next.field)
    if (ADDRESS("vqr_payload_sizeof", payload_sizeof) ||
        ADDRESS("vqr_payload_parse", payload_parse) || ADDRESS("vqr_vietqr_read", vietqr_read) ||
        ADDRESS("vqr_vietqr_init", vietqr_init) || ADDRESS("vqr_vietqr_write", vietqr_write))
        return NULL;
#undef ADDRESS
    /* VietQRInfo and Payload are filled in place: each field an object
     * slot (their __slots__), nothing else to set up. */
    if (slot_offsets((PyTypeObject *)info_cls, st->names, NFIELDS, next.slot) != 0 ||
        slot_offsets((PyTypeObject *)payload_cls, st->payload_names, 2, next.payload_slot) != 0)
        return NULL;
    if (next.slot[0] == 0 || next.payload_slot[0] == 0) {
        PyErr_SetString(PyExc_ImportError, "vietqr._speedups fills VietQRInfo and Payload in "
                                           "place: both must keep their fields in __slots__");
        return NULL;
    }
    PyObject *network = enum_table(network_cls, VQR_NETWORK_OTHER + 1);
    PyObject *service = enum_table(service_cls, VQR_SERVICE_OTHER + 1);
    if (network == NULL || service == NULL) {
        Py_XDECREF(network);
        Py_XDECREF(service);
        return NULL;
    }
    st->ready = 0;
    st->payload_sizeof = next.payload_sizeof;
    st->payload_parse = next.payload_parse;
    st->vietqr_read = next.vietqr_read;
    st->vietqr_init = next.vietqr_init;
    st->vietqr_write = next.vietqr_write;
    st->store_size = st->payload_sizeof();
    memcpy(st->slot, next.slot, sizeof st->slot);
    memcpy(st->payload_slot, next.payload_slot, sizeof st->payload_slot);
    set_ref(&st->network, network);
    set_ref(&st->service, service);
    Py_DECREF(network);
    Py_DECREF(service);
    set_ref(&st->network_cls, network_cls);
    set_ref(&st->service_cls, service_cls);
    set_ref(&st->info_cls, info_cls);
    set_ref(&st->status, status);
    set_ref(&st->report_cls, report_cls);
    set_ref(&st->folded_cls, folded_cls);
    set_ref(&st->payload_cls, payload_cls);
    set_ref(&st->new_lock, new_lock);
    st->ready = 1;
    Py_RETURN_NONE;
}

static PyObject *py_field_names(PyObject *module, PyObject *unused)
{
    (void)unused;
    state *st = get_state(module);
    PyObject *t = PyTuple_New((Py_ssize_t)NFIELDS);
    for (size_t i = 0; t != NULL && i < NFIELDS; i++) {
        Py_INCREF(st->names[i]);
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, st->names[i]);
    }
    return t;
}

/* ---- the module ---- */

static PyMethodDef methods[] = {
    { "configure", py_configure, METH_VARARGS,
      "configure(version, functions, VietQRInfo, Network, Service, statuses, VietQRReport, "
      "FoldedField, Payload, Lock)" },
    { "field_names", py_field_names, METH_NOARGS,
      "VietQRInfo's fields, as this module fills them" },
    { "store", py_store, METH_NOARGS, "A new, uninitialised Store for one vqr_payload." },
    { "parse", (PyCFunction)(void (*)(void))py_parse, METH_FASTCALL,
      "parse(data, flags): a new Payload holding the parse, or None (the ctypes path)." },
    { "vietqr", py_vietqr, METH_O, "vietqr(store): a VietQRInfo, or None (the ctypes path)." },
    { "write", (PyCFunction)(void (*)(void))py_write, METH_FASTCALL,
      "write(flags, service, amount, currency, bank, account, country, mcc, merchant_name, "
      "merchant_city, bill_number, store, reference, terminal, purpose): (text, VietQRReport), "
      "or None (the ctypes path)." },
    { NULL, NULL, 0, NULL },
};

static int exec_module(PyObject *module)
{
    state *st = get_state(module);
    for (size_t i = 0; i < NFIELDS; i++) {
        st->names[i] = PyUnicode_InternFromString(fields[i].name);
        if (st->names[i] == NULL)
            return -1;
    }
    st->payload_names[0] = PyUnicode_InternFromString("_store");
    st->payload_names[1] = PyUnicode_InternFromString("_lock");
    if (st->payload_names[0] == NULL || st->payload_names[1] == NULL)
        return -1;
    st->store_type = (PyTypeObject *)PyType_FromSpec(&store_spec);
    if (st->store_type == NULL)
        return -1;
    Py_INCREF(st->store_type);
    if (PyModule_AddObject(module, "Store", (PyObject *)st->store_type) != 0) {
        Py_DECREF(st->store_type);
        return -1;
    }
    return 0;
}

static int traverse(PyObject *module, visitproc visit, void *arg)
{
    state *st = get_state(module);
    Py_VISIT(st->info_cls);
    Py_VISIT(st->network);
    Py_VISIT(st->service);
    Py_VISIT(st->network_cls);
    Py_VISIT(st->service_cls);
    Py_VISIT(st->status);
    Py_VISIT(st->report_cls);
    Py_VISIT(st->folded_cls);
    Py_VISIT(st->payload_cls);
    Py_VISIT(st->new_lock);
    Py_VISIT(st->store_type);
    return 0;
}

static int clear(PyObject *module)
{
    state *st = get_state(module);
    for (size_t i = 0; i < NFIELDS; i++)
        Py_CLEAR(st->names[i]);
    Py_CLEAR(st->info_cls);
    Py_CLEAR(st->network);
    Py_CLEAR(st->service);
    Py_CLEAR(st->network_cls);
    Py_CLEAR(st->service_cls);
    Py_CLEAR(st->status);
    Py_CLEAR(st->report_cls);
    Py_CLEAR(st->folded_cls);
    Py_CLEAR(st->payload_cls);
    Py_CLEAR(st->new_lock);
    Py_CLEAR(st->payload_names[0]);
    Py_CLEAR(st->payload_names[1]);
    Py_CLEAR(st->store_type);
    st->ready = 0;
    return 0;
}

static void free_module(void *module)
{
    clear(module);
}

static PyModuleDef_Slot slots[] = {
    { Py_mod_exec, (void *)exec_module },
    { 0, NULL },
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "vietqr._speedups",
    "The Python binding's hot calls in C (see vietqr/_fast.py).",
    sizeof(state),
    methods,
    slots,
    traverse,
    clear,
    free_module,
};

PyMODINIT_FUNC PyInit__speedups(void);
PyMODINIT_FUNC PyInit__speedups(void)
{
    return PyModuleDef_Init(&module_def);
}
