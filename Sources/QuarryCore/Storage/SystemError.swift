#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The message of the current `errno`.
func systemErrorMessage(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
