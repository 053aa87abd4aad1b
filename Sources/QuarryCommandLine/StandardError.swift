#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error (warnings and errors of the command-line tools).
public func printError(_ message: String) {
    var line = message
    line += "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
