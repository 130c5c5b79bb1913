public import ODFPackage

/// Supplies whole documents for `{{ key | document }}` markers while a template is filled.
///
/// The template layer knows where a document goes, not what it is: the caller (for a submission,
/// the pipeline merging its annexes) puts the blocks of the document named by `key` before
/// `paragraph`, bringing into `package` whatever they need (styles, pictures, page styles). The
/// marker's paragraph is removed afterwards.
public protocol DocumentInserter {
    func insertDocument(named key: String, before paragraph: XMLNode, in package: ODFDocument) throws(ODFError)
}
