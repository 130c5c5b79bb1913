internal import CQPDF
import Foundation

/// Reading and changing objects: dictionaries, arrays, strings, streams and pages.
extension QPDFDocument {
    // MARK: Roots

    /// The trailer dictionary (`/Root`, `/Info`, `/ID`).
    func trailer() throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_get_trailer($0) })
    }

    /// The document catalog (`/Root`).
    func catalog() throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_get_root($0) })
    }

    // MARK: Dictionaries

    /// The value of `key` (such as "/Metadata") in a dictionary, or nil when it is absent or null
    /// or when `dictionary` is not a dictionary (streams included). References are followed.
    func value(_ key: String, in dictionary: ObjectHandle) throws(PDFError) -> ObjectHandle? {
        let found = try call { api.qpdf_oh_get_key_if_dict($0, dictionary.raw, key) }
        if try call({ api.qpdf_oh_is_null($0, found) }) != QPDF_FALSE { return nil }
        return ObjectHandle(raw: found)
    }

    /// Sets `key` in a dictionary.
    func set(_ key: String, to value: ObjectHandle, in dictionary: ObjectHandle) throws(PDFError) {
        try call { api.qpdf_oh_replace_key($0, dictionary.raw, key, value.raw) }
    }

    /// Removes `key` from a dictionary; nothing happens when it is absent.
    func remove(_ key: String, from dictionary: ObjectHandle) throws(PDFError) {
        try call { api.qpdf_oh_remove_key($0, dictionary.raw, key) }
    }

    /// True when `object` is the name `name` ("/GoTo").
    func isName(_ object: ObjectHandle, _ name: String) throws(PDFError) -> Bool {
        try call { api.qpdf_oh_is_name_and_equals($0, object.raw, name) } != QPDF_FALSE
    }

    /// The object number of an indirect object (such as a page); 0 for a direct one.
    func objectNumber(_ object: ObjectHandle) throws(PDFError) -> Int {
        Int(try call { api.qpdf_oh_get_object_id($0, object.raw) })
    }

    func isDictionary(_ object: ObjectHandle) throws(PDFError) -> Bool {
        try call { api.qpdf_oh_is_dictionary($0, object.raw) } != QPDF_FALSE
    }

    func isStream(_ object: ObjectHandle) throws(PDFError) -> Bool {
        try call { api.qpdf_oh_is_stream($0, object.raw) } != QPDF_FALSE
    }

    // MARK: Arrays

    /// The items of an array; an empty list for anything else.
    func items(of array: ObjectHandle) throws(PDFError) -> [ObjectHandle] {
        guard try call({ api.qpdf_oh_is_array($0, array.raw) }) != QPDF_FALSE else { return [] }
        let count = try call { api.qpdf_oh_get_array_n_items($0, array.raw) }
        var items: [ObjectHandle] = []
        for index in 0..<max(count, 0) {
            items.append(ObjectHandle(raw: try call { api.qpdf_oh_get_array_item($0, array.raw, Int32(index)) }))
        }
        return items
    }

    /// Replaces the item at `index` of an array.
    func setItem(_ index: Int, of array: ObjectHandle, to item: ObjectHandle) throws(PDFError) {
        try call { api.qpdf_oh_set_array_item($0, array.raw, Int32(index), item.raw) }
    }

    // MARK: Scalars

    /// A string's bytes as they are in the file (text strings may be PDFDocEncoding or UTF-16BE).
    func bytes(ofString string: ObjectHandle) throws(PDFError) -> Data? {
        guard try call({ api.qpdf_oh_is_string($0, string.raw) }) != QPDF_FALSE else { return nil }
        return try call { handle -> Data in
            var length = 0
            guard let bytes = api.qpdf_oh_get_binary_string_value(handle, string.raw, &length) else { return Data() }
            return Data(bytes: bytes, count: length)
        }
    }

    // MARK: New objects

    /// A new name object; `name` starts with a slash, as in "/Fit".
    func newName(_ name: String) throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_oh_new_name($0, name) })
    }

    func newInteger(_ value: Int) throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_oh_new_integer($0, Int64(value)) })
    }

    /// A new text string: PDFDocEncoding when the text fits it, UTF-16BE otherwise.
    func newText(_ text: String) throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_oh_new_unicode_string($0, text) })
    }

    func newDictionary() throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_oh_new_dictionary($0) })
    }

    /// A new array holding `items`.
    func newArray(_ items: [ObjectHandle] = []) throws(PDFError) -> ObjectHandle {
        let array = ObjectHandle(raw: try call { api.qpdf_oh_new_array($0) })
        for item in items {
            try append(item, to: array)
        }
        return array
    }

    /// Appends `item` to an array.
    func append(_ item: ObjectHandle, to array: ObjectHandle) throws(PDFError) {
        try call { api.qpdf_oh_append_item($0, array.raw, item.raw) }
    }

    /// Adds `object` to the file as an indirect object and returns a reference to it.
    func makeIndirect(_ object: ObjectHandle) throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call { api.qpdf_make_indirect_object($0, object.raw) })
    }

    // MARK: Streams

    /// A stream's data with Flate and the other general-purpose filters undone.
    func decodedData(of stream: ObjectHandle) throws(PDFError) -> Data {
        var filtered: QPDF_BOOL = QPDF_FALSE
        let data = try call { handle -> Data in
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            _ = api.qpdf_oh_get_stream_data(handle, stream.raw, qpdf_dl_generalized, &filtered, &buffer, &length)
            // qpdf-c.h: "The buffer is allocated with malloc and must be freed by the caller."
            defer { free(buffer) }
            guard let buffer else { return Data() }
            return Data(bytes: buffer, count: length)
        }
        guard filtered != QPDF_FALSE else {
            throw PDFError(.damaged, file: name, "Die PDF-Datei enthält einen Datenstrom, den qpdf nicht entschlüsseln kann.")
        }
        return data
    }

    /// Replaces a stream's data with `data`, unfiltered; qpdf compresses it when writing (except
    /// XMP metadata, which it writes as it is).
    func replaceData(of stream: ObjectHandle, with data: Data) throws(PDFError) {
        let null = try call { api.qpdf_oh_new_null($0) }
        try call { handle in
            data.withUnsafeBytes { bytes in
                api.qpdf_oh_replace_stream_data(handle, stream.raw, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, null, null)
            }
        }
    }

    // MARK: Pages

    /// The pages in order.
    func pages() throws(PDFError) -> [ObjectHandle] {
        let count = try call(failure: .damaged) { api.qpdf_get_num_pages($0) }
        var pages: [ObjectHandle] = []
        for index in 0..<Int(max(count, 0)) {
            pages.append(try page(at: index))
        }
        return pages
    }

    /// A page's content streams, decoded and joined.
    func decodedContents(of page: ObjectHandle) throws(PDFError) -> Data {
        try call(failure: .damaged) { handle -> Data in
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            _ = api.qpdf_oh_get_page_content_data(handle, page.raw, &buffer, &length)
            // qpdf-c.h: the buffer is "allocated with malloc and must be freed by the caller".
            defer { free(buffer) }
            guard let buffer else { return Data() }
            return Data(bytes: buffer, count: length)
        }
    }

    /// The page at `index` (from 0).
    func page(at index: Int) throws(PDFError) -> ObjectHandle {
        ObjectHandle(raw: try call(failure: .damaged) { api.qpdf_get_page_n($0, index) })
    }

    /// The number of pages.
    func pageCount() throws(PDFError) -> Int {
        Int(try call(failure: .damaged) { api.qpdf_get_num_pages($0) })
    }

    /// Appends `page` of `source` (a different document) as this document's last page.
    ///
    /// qpdf copies the page and everything it refers to; stream data is read from `source` when
    /// this document is written, so `source` must stay alive until then.
    func appendPage(_ page: ObjectHandle, of source: QPDFDocument) throws(PDFError) {
        let sourceHandle = source.handle
        try call { api.qpdf_add_page($0, sourceHandle, page.raw, QPDF_FALSE) }
    }

    /// Moves attributes that pages inherit from the page tree (`/MediaBox`, `/Resources`…) onto
    /// each page, so that changing a page's dictionary cannot lose them.
    func pushInheritedAttributesToPages() throws(PDFError) {
        try call { api.qpdf_push_inherited_attributes_to_page($0) }
    }
}
