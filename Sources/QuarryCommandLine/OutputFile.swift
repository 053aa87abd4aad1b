import Foundation
import QuarryCore

/// Writes `text` to the file at `path`, replacing it atomically. A failure is one line naming
/// the file and the system's reason (`IndexError.io`), not Foundation's error dump.
public func writeOutput(_ text: String, to path: String) throws(IndexError) {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        let reason = underlying?.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(underlying?.code ?? 0)))
            : error.localizedDescription
        throw .io(path: path, operation: "write", message: reason)
    }
}
