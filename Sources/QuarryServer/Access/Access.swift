import Foundation
import Hummingbird

/// Who may do what (docs/API.md, "Keys"): the admin key may do everything; the search key,
/// when set, is needed for reads; without an admin key the server takes no writes. A key comes
/// as `Authorization: Bearer KEY`, or as the password of HTTP Basic authentication (any user
/// name), which is how a browser sends one for the search page.
struct Access: Sendable {
    /// What a request does.
    enum Need {
        /// A search or a read of the index.
        case read
        /// A change to the index.
        case write
    }

    let adminKey: AccessKey?
    let searchKey: AccessKey?

    /// Throws the 401 or 403 error when `request` may not do what `need` says.
    func check(_ request: Request, _ need: Need) throws(APIError) {
        if need == .write, adminKey == nil {
            throw APIError(.forbidden, code: "writes_disabled", type: .auth,
                           "this server is read-only: start it with --api-key-file to take writes")
        }
        if need == .read, searchKey == nil { return }
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, code: "missing_authorization", type: .auth,
                           "this request needs a key: send 'Authorization: Bearer KEY'")
        }
        guard let key = Self.key(in: header) else {
            throw APIError(.unauthorized, code: "missing_authorization", type: .auth,
                           "the Authorization header must be 'Bearer KEY' (or Basic, with the key as the password)")
        }
        let admin = adminKey?.matches(key[...].utf8) ?? false
        let search = searchKey?.matches(key[...].utf8) ?? false
        guard admin || (need == .read && search) else {
            throw APIError(.forbidden, code: "invalid_api_key", type: .auth, "the key sent does not allow this request")
        }
    }

    /// The key of an `Authorization` header: a Bearer token, or a Basic password.
    private static func key(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer":
            return String(parts[1])
        case "basic":
            guard let data = Data(base64Encoded: String(parts[1])), let pair = String(data: data, encoding: .utf8),
                  let colon = pair.firstIndex(of: ":") else { return nil }
            return String(pair[pair.index(after: colon)...])
        default:
            return nil
        }
    }
}
