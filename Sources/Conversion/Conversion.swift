internal import CLibreOfficeKit
internal import Subprocess
enum ConversionPlaceholder { static let hook: (@convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<LibreOfficeKit>?)? = nil }
