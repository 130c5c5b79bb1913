// qpdf's C interface (Debian's libqpdf-dev), reached through a table of functions that
// `vorlage_qpdf_functions_load` fills from libqpdf the first time a PDF is opened.
//
// libqpdf is not linked: loading it and the ten libraries it brings (GnuTLS, libjpeg, nettle, …)
// cost every start of `vorlage` and `vorlage-bench` 1.5-2.5 ms (`vorlage-bench --help`: 6.4-6.9 ms
// linked, 4.0-5.4 ms not; hyperfine, 200 runs, three alternations), most commands make no PDF, and
// a preview is one process per keystroke.
#ifndef VORLAGE_CQPDF_H
#define VORLAGE_CQPDF_H

#include <qpdf/qpdf-c.h>

/// Every qpdf function the PDFPackage layer calls, as X(name). A function not listed here has no
/// field in the table, and calling it directly fails to link, since libqpdf is not linked.
#define VORLAGE_QPDF_FUNCTIONS(X) \
    X(qpdf_add_page) \
    X(qpdf_check_pdf) \
    X(qpdf_cleanup) \
    X(qpdf_get_buffer) \
    X(qpdf_get_buffer_length) \
    X(qpdf_get_error) \
    X(qpdf_get_error_code) \
    X(qpdf_get_error_full_text) \
    X(qpdf_get_num_pages) \
    X(qpdf_get_page_n) \
    X(qpdf_get_pdf_version) \
    X(qpdf_get_qpdf_version) \
    X(qpdf_get_root) \
    X(qpdf_get_trailer) \
    X(qpdf_has_error) \
    X(qpdf_init) \
    X(qpdf_init_write_memory) \
    X(qpdf_is_encrypted) \
    X(qpdf_make_indirect_object) \
    X(qpdf_more_warnings) \
    X(qpdf_next_warning) \
    X(qpdf_oh_append_item) \
    X(qpdf_oh_get_array_item) \
    X(qpdf_oh_get_array_n_items) \
    X(qpdf_oh_get_binary_string_value) \
    X(qpdf_oh_get_key_if_dict) \
    X(qpdf_oh_get_object_id) \
    X(qpdf_oh_get_page_content_data) \
    X(qpdf_oh_get_stream_data) \
    X(qpdf_oh_is_array) \
    X(qpdf_oh_is_dictionary) \
    X(qpdf_oh_is_name_and_equals) \
    X(qpdf_oh_is_null) \
    X(qpdf_oh_is_stream) \
    X(qpdf_oh_is_string) \
    X(qpdf_oh_new_array) \
    X(qpdf_oh_new_dictionary) \
    X(qpdf_oh_new_integer) \
    X(qpdf_oh_new_name) \
    X(qpdf_oh_new_null) \
    X(qpdf_oh_new_unicode_string) \
    X(qpdf_oh_remove_key) \
    X(qpdf_oh_replace_key) \
    X(qpdf_oh_replace_stream_data) \
    X(qpdf_oh_set_array_item) \
    X(qpdf_push_inherited_attributes_to_page) \
    X(qpdf_read_memory) \
    X(qpdf_set_deterministic_ID) \
    X(qpdf_set_minimum_pdf_version) \
    X(qpdf_set_suppress_warnings) \
    X(qpdf_silence_errors) \
    X(qpdf_write)

#define VORLAGE_QPDF_FIELD(name) __typeof__(&name) _Nonnull name;
/// The functions of the loaded libqpdf, each field named like the function it points to.
typedef struct vorlage_qpdf_functions {
    VORLAGE_QPDF_FUNCTIONS(VORLAGE_QPDF_FIELD)
} vorlage_qpdf_functions;
#undef VORLAGE_QPDF_FIELD

/// Loads libqpdf once per process and returns its functions; later calls return the same table.
/// Returns NULL when no libqpdf can be loaded or one of the functions is missing from it, and
/// then points `failure` at a text that names the library and what the loader said (it stays valid).
const vorlage_qpdf_functions *_Nullable vorlage_qpdf_functions_load(const char *_Nullable *_Nonnull failure);

#endif
