internal import CQPDF

/// A handle to one object of one ``QPDFDocument``; meaningless for any other document.
///
/// qpdf-c.h: "the C API does not have enough information in the value of a qpdf_oh to know what
/// QPDF object it belongs to"; pair each handle with the document that gave it. Handles are
/// released all together when the document is.
struct ObjectHandle {
    /// qpdf's number for the handle; use it only in calls on the document that gave it.
    let raw: qpdf_oh
}
